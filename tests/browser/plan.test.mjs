// The first slice in a real browser: the page loads with the sample plan, an input changed
// through the canvas recomputes the plan, and the JS API reads the numbers back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, typeIntoInput, waitForFrames, saveScreenshot,
         screenshotStats, waitForInputSettled } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page opens with the sample plan on screen', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.ok, true);
  assert.equal(result.customers.whole, 40);
  assert.deepEqual(result.stages.map((s) => s.whole), [53334, 1334, 534, 267, 160, 40]);
  const webgl2 = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
  assert.ok(webgl2, 'WebGL2 is available');
  const { png } = await saveScreenshot(page, 'plan-sample.png');
  const stats = screenshotStats(png);
  assert.ok(stats.nonBackground > 0.15, `screenshot is mostly blank (${stats.nonBackground})`);
  assert.ok(stats.colours > 50, `screenshot has only ${stats.colours} colours`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing a new goal and rate into the canvas recomputes the plan', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await typeIntoInput(page, 'revenue_goal', '2000000');
  let result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.revenue_goal, 2000000);
  assert.equal(result.customers.whole, 80);            // 2,000,000 / 25,000
  assert.equal(result.stages[4].whole, 320);           // 80 / 0.25
  assert.equal(result.stages[0].whole, 106667);        // 2 × 53,333.33 rounded up

  await typeIntoInput(page, 'steps[4].rate', '50');    // Opportunity → Customer 25 % → 50 %
  result = await page.evaluate(() => window.funnelplan.getResult());
  assert.ok(Math.abs(result.stages[4].rate_to_next - 0.5) < 1e-12);
  assert.equal(result.stages[4].whole, 160);           // 80 / 0.5
  assert.equal(result.stages[3].whole, 267);           // 160 / 0.6 = 266.67
  const scenario = await page.evaluate(() => window.funnelplan.getScenario());
  assert.equal(scenario.revenue_goal, 2000000);
  await saveScreenshot(page, 'plan-edited.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a zero rate typed in shows an error, never NaN, and recovers', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await typeIntoInput(page, 'steps[1].rate', '0');
  let result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.ok, false);
  assert.equal(result.errors[0].field, 'steps[1].rate');
  assert.match(result.errors[0].message, /0 %/);
  await saveScreenshot(page, 'plan-error.png');
  await typeIntoInput(page, 'steps[1].rate', '40');
  result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.ok, true);
  assert.equal(result.customers.whole, 40);
  assert.deepEqual(errors, []);
  await context.close();
});

test('setScenario through the JS API: good input applies, bad input is refused', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const reply = await page.evaluate(() => window.funnelplan.setScenario({
    version: 1, name: 'Workshop', currency: 'EUR', revenue_goal: 120000, deal_size: 4000,
    stages: ['Lead', 'SQL', 'Customer'], steps: [{ rate: 0.2 }, { rate: 0.3 }] }));
  assert.equal(reply.ok, true);
  await waitForFrames(page, 2);
  let result = await page.evaluate(() => window.funnelplan.getResult());
  assert.deepEqual(result.stages.map((s) => s.whole), [500, 100, 30]);  // 30 / .3 = 100; / .2 = 500
  const bad = await page.evaluate(() => window.funnelplan.setScenario('{"version": 1, "deal_size": "x"}'));
  assert.equal(bad.ok, false);
  assert.ok(bad.errors.some((e) => e.field === 'deal_size'));
  result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.customers.whole, 30, 'a refused scenario leaves the plan as it was');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the canvas fills the window, follows resizes and is crisp on high-DPI', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { deviceScaleFactor: 2 });
  const size = () => page.evaluate(() => ({ w: document.getElementById('canvas').width,
    h: document.getElementById('canvas').height, iw: innerWidth, ih: innerHeight }));
  let s = await size();
  assert.deepEqual([s.w, s.h], [s.iw * 2, s.ih * 2]);
  await page.setViewportSize({ width: 900, height: 700 });
  await waitForFrames(page, 3);
  s = await size();
  assert.deepEqual([s.w, s.h], [1800, 1400]);
  // Clicking by CSS coordinates still hits the input at DPR 2.
  await typeIntoInput(page, 'deal_size', '50000');
  const result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.customers.whole, 20);
  await saveScreenshot(page, 'plan-hidpi-900x700.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the app makes no request beyond its own static files', async () => {
  const { context, page } = await openApp(browser, server.url);
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url)) foreign.push(r.url()); });
  await typeIntoInput(page, 'revenue_goal', '1500000');
  assert.deepEqual(foreign, []);
  await context.close();
});

test('Monte Carlo in the browser gives the same numbers as the native CLI', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { repoRoot } = await import('./harness.mjs');
  const cli = path.join(repoRoot, 'build/native/funnelplan');
  const scenario = JSON.parse(execFileSync(cli, ['sample-scenario']).toString());
  const evidence = [[250, 10000], [1200, 3000], [600, 1200], [36, 60], [4, 20]];  // the last is thin (n < 30)
  scenario.steps = scenario.steps.map((s, i) => ({ ...s, k: evidence[i][0], n: evidence[i][1], rate: evidence[i][0] / evidence[i][1] }));
  scenario.uncertainty = { seed: 11, draws: 20000 };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fp-mc-')), 'scenario.json');
  fs.writeFileSync(file, JSON.stringify(scenario));
  const native = JSON.parse(execFileSync(cli, ['plan', file, '--format', 'json']).toString());

  const { context, page, errors } = await openApp(browser, server.url);
  const reply = await page.evaluate((s) => window.funnelplan.setScenario(s), scenario);
  assert.equal(reply.ok, true);
  const wasm = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(wasm.uncertainty.uncertain, true);
  for (const key of ['p50', 'p80', 'p90', 'p_hit', 'planned_leads']) {
    assert.equal(wasm.uncertainty[key], native.uncertainty[key], key);
  }
  assert.deepEqual(wasm.uncertainty.histogram_counts, native.uncertainty.histogram_counts);
  assert.deepEqual(wasm.uncertainty.small_sample_steps, [4]);
  assert.ok(wasm.uncertainty.p90 > wasm.uncertainty.p50);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'plan-uncertainty.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the what-if tab draws the two-rate surface with the project shader and a goal contour', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.selectTab('What-if'));
  await waitForFrames(page, 4);
  const r = await page.evaluate(() => window.funnelplan.uiRect('what_if_heatmap'));
  assert.ok(r && r.w > 100 && r.h > 60, 'heatmap is on screen');
  const { png } = await saveScreenshot(page, 'what-if.png');
  const { decodePng } = await import('./harness.mjs');
  const img = decodePng(png);
  const px = (x, y) => {
    const i = (Math.round(y) * img.width + Math.round(x)) * 4;
    return [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]];
  };
  // Lower-left (both rates at half): most leads needed → red; upper-right: fewest → blue.
  const [lr, , lb] = px(r.x + 4, r.y + r.h - 4);
  const [ur, , ub] = px(r.x + r.w - 4, r.y + 4);
  assert.ok(lr > lb + 60, `lower-left is warm (${lr}, ${lb})`);
  assert.ok(ub > ur + 60, `upper-right is cool (${ur}, ${ub})`);
  // The goal contour passes through today's plan (the centre): dark pixels near it.
  let dark = 0;
  for (let dx = -25; dx <= 25; dx++) {
    for (let dy = -25; dy <= 25; dy++) {
      const [cr, cg, cb] = px(r.x + r.w / 2 + dx, r.y + r.h / 2 + dy);
      if (cr + cg + cb < 150) dark++;
    }
  }
  assert.ok(dark > 20, `contour pixels near the plan: ${dark}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo and redo through the keyboard', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await typeIntoInput(page, 'revenue_goal', '5000000');
  let result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.customers.whole, 200);
  await page.mouse.click(5, 790);  // leave the field
  await page.keyboard.press('Control+Z');
  await waitForInputSettled(page);
  result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.customers.whole, 40, 'Ctrl+Z restores the goal');
  await page.keyboard.press('Control+Shift+Z');
  await waitForInputSettled(page);
  result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.customers.whole, 200, 'Ctrl+Shift+Z redoes it');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every tab draws with sample data loaded (screenshots of each panel)', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const analysis = await page.evaluate(() => window.funnelplan.importSample());
  assert.equal(analysis.rows.imported, 5000);
  assert.equal(analysis.funnel.steps.length, 5);
  const result = await page.evaluate(() => window.funnelplan.useRatesFromData());
  assert.equal(result.uncertainty.uncertain, true);
  // Two saved scenarios to compare on the Scenarios tab.
  await page.evaluate(() => {
    window.funnelplan.saveScenario('From data');
    const s = window.funnelplan.getScenario();
    s.revenue_goal *= 1.5;
    window.funnelplan.setScenario(s);
    window.funnelplan.saveScenario('50 % more revenue');
  });
  for (const tab of ['Plan', 'Channels & money', 'What-if', 'Scenarios', 'Data']) {
    await page.evaluate((t) => window.funnelplan.selectTab(t), tab);
    await waitForFrames(page, 4);
    const { png } = await saveScreenshot(page, `panel-${tab.replace(/[^a-z]/gi, '').toLowerCase()}.png`);
    const stats = screenshotStats(png);
    assert.ok(stats.nonBackground > 0.1 && stats.colours > 50, `${tab} tab is drawn`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a window the size of the screen still gets a canvas that fills it (no fullscreen request)', async () => {
  const { context, page, errors } = await openApp(browser, server.url,
    { viewport: { width: 1280, height: 720 }, screen: { width: 1280, height: 720 } });
  await waitForFrames(page, 3);
  const s = await page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height,
    parent: document.getElementById('canvas').parentElement.tagName }));
  assert.deepEqual([s.w, s.h], [1280, 720]);
  assert.equal(s.parent, 'BODY');
  await typeIntoInput(page, 'deal_size', '20000');
  assert.equal((await page.evaluate(() => window.funnelplan.getResult())).customers.whole, 50);
  assert.deepEqual(errors, []);
  await context.close();
});

test('touch: tapping a field and typing works on a touch screen', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { hasTouch: true, isMobile: false });
  const r = await page.evaluate(() => window.funnelplan.uiRect('deal_size'));
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await waitForInputSettled(page);
  await page.keyboard.type('40000');
  await page.keyboard.press('Enter');
  await waitForInputSettled(page);
  const result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.deal_size, 40000);
  assert.equal(result.customers.whole, 25);  // 1,000,000 / 40,000
  // A second tap elsewhere must not act twice on the first place (no emulated mouse click).
  const g = await page.evaluate(() => window.funnelplan.uiRect('revenue_goal'));
  await page.touchscreen.tap(g.x + g.w / 2, g.y + g.h / 2);
  await waitForInputSettled(page);
  await page.keyboard.type('2000000');
  await page.keyboard.press('Enter');
  await waitForInputSettled(page);
  const after = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(after.revenue_goal, 2000000);
  assert.equal(after.deal_size, 40000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first click on a fresh page acts, with no mouse move before it', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const before = (await page.evaluate(() => window.funnelplan.getScenario())).start_month;
  const r = await page.evaluate(() => window.funnelplan.uiRect('start_month_later'));
  assert.ok(r, 'the + button of the first month is on screen');
  // Press and release straight at the button through the DevTools protocol: no mousemove
  // reaches the page first (page.mouse.click would move the pointer before pressing).
  const cdp = await context.newCDPSession(page);
  const at = { x: r.x + r.w / 2, y: r.y + r.h / 2, button: 'left', clickCount: 1 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
  await page.waitForFunction((b) => window.funnelplan.getScenario().start_month !== b, before, { timeout: 10000 });
  const [y, m] = before.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  assert.equal((await page.evaluate(() => window.funnelplan.getScenario())).start_month, next);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the mouse wheel scrolls the results and logs no console error', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const messages = [];
  page.on('console', (m) => { if (m.type() === 'error') messages.push(m.text()); });
  const results = await page.evaluate(() => window.funnelplan.uiRect('plan_results'));
  assert.ok(results, 'the results pane is on screen');
  await page.mouse.move(results.x + results.w / 2, results.y + results.h / 2);
  const before = await page.screenshot();
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 200);
  await page.evaluate(() => window.funnelplan.requestFrames(10));
  await waitForFrames(page, 5);
  const after_ = await page.screenshot();
  assert.notDeepEqual(after_, before, 'the wheel scrolled the results');
  assert.deepEqual(messages, [], 'no "Unable to preventDefault inside passive event listener"');
  assert.deepEqual(errors, []);
  await context.close();
});
