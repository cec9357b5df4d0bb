// What the canvas shows, read back as text (funnelplan.screenText()): the words and numbers a
// client sees on each tab, checked against values worked out by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const linkFor = (text) => server.url + '#s=' + zlib.deflateRawSync(Buffer.from(text)).toString('base64url');
const screenText = (page) => page.evaluate(() => window.funnelplan.screenText());

test('a plan opened from a share link shows its own name, not "Sample plan"', async () => {
  const first = await openApp(browser, server.url);
  const plan = await first.page.evaluate(() => window.funnelplan.getScenario());
  await first.context.close();
  plan.name = 'Acme Q3 pipeline';
  plan.revenue_goal = 2000000;
  const { context, page, errors } = await openApp(browser, linkFor(JSON.stringify(plan)));
  const text = await screenText(page);
  const title = text.split('\n')[0];
  assert.match(title, /^Funnel Planner Acme Q3 pipeline /);
  assert.match(text, /Acme Q3 pipeline\. Bring your own data/);
  assert.doesNotMatch(text, /Sample plan/);
  // $2,000,000 / $25,000 = 80 customers; 80 / 25 % / 60 % / 50 % / 40 % / 2.5 % = 106,666.67.
  assert.match(text, /you need 80 customers, starting from 106,667 at the Visitor stage/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Channels & money: whole leads add up to the plan\'s 1,334, an over-cap channel says its cap', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => {
    const s = window.funnelplan.getScenario();
    s.channels = [{ name: 'Partner referrals and co-marketing webinars (EMEA)', share: 0.7, cost_per_lead: 40, max_leads_per_month: 50 },
                  { name: 'Search', share: 0.3, cost_per_lead: 60 }];
    return window.funnelplan.setScenario(s);
  });
  await page.evaluate(() => window.funnelplan.selectTab('Channels & money'));
  await waitForFrames(page, 3);
  const text = await screenText(page);
  // 1,333.33 leads: 70 % = 933.33 → 934 (over its cap of 50 × 12 = 600), 30 % = 400.
  assert.match(text, /\| Partner referrals and co-marketing webinars \(EMEA\) \| 934 \(cap 600\) \|/);
  assert.match(text, /\| Search \| 400 \|/);
  assert.match(text, /Total: 1,334 leads for \$61,333/);  // 933.33 × $40 + 400 × $60
  await saveScreenshot(page, 'channels-over-cap.png');
  assert.deepEqual(errors, []);
  await context.close();
});
