// Screen readers: the canvas is opaque to them, so the page says the plan's headline in a live
// region after each change and mirrors the open tab's text in a visually hidden region. Checked
// through the accessibility tree (getByRole), as assistive technology sees the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the headline is announced after each change and the open tab can be read as text', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const status = page.getByRole('status').filter({ hasText: 'You need' });
  const mirror = page.getByRole('region', { name: 'Funnel Planner as text' });
  // The sample: 40 customers; 1,333.33 leads → 1,334.
  await status.filter({ hasText: 'You need 1,334 at the Lead stage for 40 customers ($1,000,000 at $25,000 per deal).' })
    .waitFor({ timeout: 10000 });
  await mirror.getByText('To win $1,000,000 at $25,000 per deal you need 40 customers', { exact: false }).waitFor({ timeout: 10000 });
  // A change (here through the API; typing in the canvas goes the same way) is announced.
  await page.evaluate(() => {
    const s = window.funnelplan.getScenario();
    s.revenue_goal = 2000000;
    return window.funnelplan.setScenario(s);
  });
  // 2,000,000 / 25,000 = 80 customers; 80 / 0.03 = 2,666.67 → 2,667 leads.
  await status.filter({ hasText: 'You need 2,667 at the Lead stage for 80 customers' }).waitFor({ timeout: 10000 });
  await mirror.getByText('you need 80 customers, starting from 106,667 at the Visitor stage', { exact: false }).waitFor({ timeout: 10000 });
  // Another tab: the mirror follows.
  await page.evaluate(() => window.funnelplan.selectTab('Data'));
  await mirror.getByText('Upload CSV, TSV or Excel file', { exact: false }).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.funnelplan.currentTab()), 'Data');
  // Not shown on screen: the mirror takes no space.
  const box = await page.locator('#fp-text-mirror').boundingBox();
  assert.ok(box && box.width <= 1 && box.height <= 1, `mirror is visually hidden: ${JSON.stringify(box)}`);
  assert.deepEqual(errors, []);
  await context.close();
});
