// Phones and tablets with touch (390×844 and 768×1024): one tap acts, a vertical swipe scrolls
// whatever is under the finger without changing a value, a horizontal move drags a slider, and
// the toolbar, title and tabs never overlap. Touches are sent through the DevTools protocol, so
// the page receives real (trusted) touch events, as from a finger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, waitForFrames, waitForInputSettled, saveScreenshot } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function openTouch(options) {
  const app = await openApp(browser, server.url, options);
  app.cdp = await app.context.newCDPSession(app.page);
  return app;
}
const rect = (page, name) => page.evaluate((n) => window.funnelplan.uiRect(n), name);
const touchEvent = (cdp, type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
async function settle(page) {
  await waitForFrames(page, 3);
  await waitForInputSettled(page);
  await waitForFrames(page, 2);
}
async function tap(app, x, y) {
  await touchEvent(app.cdp, 'touchStart', [{ x, y }]);
  await touchEvent(app.cdp, 'touchEnd', []);
  await settle(app.page);
}
async function swipe(app, x0, y0, x1, y1, steps = 12) {
  await touchEvent(app.cdp, 'touchStart', [{ x: x0, y: y0 }]);
  for (let i = 1; i <= steps; i++) {
    await touchEvent(app.cdp, 'touchMove', [{ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * i) / steps }]);
    await app.page.waitForTimeout(16);
  }
  await app.page.waitForTimeout(120);  // the finger stops before it lifts: no momentum
  await touchEvent(app.cdp, 'touchEnd', []);
  await settle(app.page);
}
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('phone: a swipe brings the results up; a swipe that starts on a rate leaves the rate alone', async () => {
  const app = await openTouch(PHONE);
  const { page, errors } = app;
  const before = await page.evaluate(() => window.funnelplan.getScenario());
  const start = await rect(page, 'plan_results');
  assert.ok(start.y > 600, `results start below the inputs (y = ${start.y})`);
  const rate = await rect(page, 'steps[1].rate');
  // The first swipe starts on the Lead → MQL rate field.
  await swipe(app, rate.x + rate.w / 2, rate.y + rate.h / 2, rate.x + rate.w / 2, rate.y + rate.h / 2 - 400);
  for (let i = 0; i < 3; i++) await swipe(app, 200, 700, 200, 200);
  const moved = await rect(page, 'plan_results');
  assert.ok(moved && moved.y < 150, `the results came up (y = ${moved && moved.y})`);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.getScenario()), before, 'no value changed');
  const text = await page.evaluate(() => window.funnelplan.screenText());
  assert.match(text, /you need 40 customers, starting from 53,334 at the Visitor stage/);
  await saveScreenshot(page, 'touch-phone-results.png');
  assert.deepEqual(errors, []);
  await app.context.close();
});

test('phone: one tap switches tabs, one tap presses a button', async () => {
  const app = await openTouch(PHONE);
  const { page, errors } = app;
  const expect = { 'Data': /Upload CSV, TSV or Excel file/, 'Channels & money': /Where new leads/,
                   'Scenarios': /Save/, 'What-if': /What-if|rate/, 'Plan': /What it takes|Revenue goal/ };
  for (const [name, pattern] of Object.entries(expect)) {
    const r = await rect(page, 'tab:' + name);
    assert.ok(r, `tab ${name} is on screen`);
    await tap(app, r.x + r.w / 2, r.y + r.h / 2);
    const text = await page.evaluate(() => window.funnelplan.screenText());
    assert.match(text, pattern, `one tap opened ${name}`);
  }
  // A button: + on the plan's months.
  const horizon = (await page.evaluate(() => window.funnelplan.getScenario())).horizon_months;
  const later = await rect(page, 'start_month_later');
  const startMonth = (await page.evaluate(() => window.funnelplan.getScenario())).start_month;
  await tap(app, later.x + later.w / 2, later.y + later.h / 2);
  const after = await page.evaluate(() => window.funnelplan.getScenario());
  assert.notEqual(after.start_month, startMonth, 'one tap on + moved the first month');
  assert.equal(after.horizon_months, horizon);
  assert.deepEqual(errors, []);
  await app.context.close();
});

test('phone: a horizontal move on a what-if slider drags it', async () => {
  const app = await openTouch(PHONE);
  const { page, errors } = app;
  await page.evaluate(() => window.funnelplan.selectTab('What-if'));
  await settle(page);
  const r = await rect(page, 'what_if.steps[1].rate');
  assert.ok(r, 'the slider is on screen');
  const textBefore = await page.evaluate(() => window.funnelplan.screenText());
  await swipe(app, r.x + r.w / 2, r.y + r.h / 2, r.x + r.w / 2 + 80, r.y + r.h / 2);
  const textAfter = await page.evaluate(() => window.funnelplan.screenText());
  assert.notEqual(textAfter, textBefore, 'the drag changed the what-if rate');
  assert.deepEqual(errors, []);
  await app.context.close();
});

for (const [label, options] of [['phone 390×844', PHONE], ['tablet 768×1024', TABLET]]) {
  test(`${label}: title, toolbar and tabs never overlap and stay on screen`, async () => {
    const app = await openTouch(options);
    const { page, errors } = app;
    const width = options.viewport.width;
    const names = ['toolbar_export', 'tab:Plan', 'tab:Channels & money', 'tab:What-if', 'tab:Scenarios', 'tab:Data', 'plan_inputs'];
    const rects = {};
    for (const n of names) {
      rects[n] = await rect(page, n);
      assert.ok(rects[n], `${n} is on screen`);
      assert.ok(rects[n].x >= 0 && rects[n].x + rects[n].w <= width + 0.5, `${n} within the width: ${JSON.stringify(rects[n])}`);
    }
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        assert.ok(!overlaps(rects[names[i]], rects[names[j]]), `${names[i]} and ${names[j]} overlap`);
      }
    }
    const text = await page.evaluate(() => window.funnelplan.screenText());
    assert.match(text, /Sample plan\. Bring your own data: paste cells from a spreadsheet/);
    await saveScreenshot(page, `touch-${width}.png`);
    assert.deepEqual(errors, []);
    await app.context.close();
  });
}

test('phone: a two-finger pinch makes the text larger, changes no value, and the size is kept', async () => {
  const app = await openTouch(PHONE);
  const { page, errors } = app;
  const before = await page.evaluate(() => window.funnelplan.getScenario());
  const h0 = (await rect(page, 'revenue_goal')).h;
  // Fingers 100 px apart spread to 180 px: 1.8 × the text size.
  await touchEvent(app.cdp, 'touchStart', [{ x: 150, y: 400, id: 1 }, { x: 250, y: 400, id: 2 }]);
  for (let i = 1; i <= 8; i++) {
    await touchEvent(app.cdp, 'touchMove', [{ x: 150 - 5 * i, y: 400, id: 1 }, { x: 250 + 5 * i, y: 400, id: 2 }]);
    await page.waitForTimeout(16);
  }
  await touchEvent(app.cdp, 'touchEnd', []);
  await settle(page);
  const scale = await page.evaluate(() => window.funnelplan.textScale());
  assert.ok(Math.abs(scale - 1.8) < 0.01, `text size ${scale}, expected 1.8`);
  const h1 = (await rect(page, 'revenue_goal')).h;
  assert.ok(h1 > 1.6 * h0, `the goal field grew with the text: ${h0} → ${h1} px`);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.getScenario()), before, 'no value changed');
  await saveScreenshot(page, 'touch-phone-large-text.png');
  await page.waitForFunction(() => localStorage.getItem('funnelplan.text-scale.v1') === '1.8', null, { timeout: 5000 });
  await page.reload();
  await page.waitForFunction(() => window.funnelplan && window.funnelplan.frameCount() > 2, null, { timeout: 30000 });
  await page.waitForFunction(() => Math.abs(window.funnelplan.textScale() - 1.8) < 1e-6, null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await app.context.close();
});
