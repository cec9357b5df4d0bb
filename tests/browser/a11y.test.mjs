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

test('a screen-reader user builds a plan: labelled fields, tabs with role=tab, the results as a table', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const goal = page.getByRole('textbox', { name: 'Revenue goal' });
  await goal.waitFor({ state: 'attached', timeout: 10000 });
  assert.equal(await goal.inputValue(), '1000000');
  await goal.fill('2,000,000');
  await goal.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getResult().customers.whole === 80, null, { timeout: 5000 });
  // The Lead → MQL rate, typed in percent: 40 % → 20 % doubles the leads: 80 / (20 % × 50 % × 60 % × 25 %) = 5,333.33.
  const rate = page.getByRole('textbox', { name: 'Lead → MQL conversion rate (%)' });
  assert.equal(await rate.inputValue(), '40');
  await rate.fill('20');
  await rate.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getResult().stages[1].whole === 5334, null, { timeout: 5000 });
  // A value that is not a number is marked invalid and changes nothing.
  const deal = page.getByRole('textbox', { name: 'Average deal size' });
  await deal.fill('lots');
  await deal.press('Enter');
  assert.equal(await deal.getAttribute('aria-invalid'), 'true');
  assert.equal((await page.evaluate(() => window.funnelplan.getScenario())).deal_size, 25000);
  // The results as a table, by role.
  const table = page.getByRole('table', { name: 'What it takes' });
  await table.getByRole('row', { name: /Lead .*5,334/ }).waitFor({ timeout: 10000 });
  const rows = await table.getByRole('row').allTextContents();
  assert.equal(rows.length, 7, 'a header row and six stages');
  // Tabs: role=tab, the open one selected; pressing one opens it.
  const tabs = page.getByRole('tab');
  assert.equal(await tabs.count(), 6);
  assert.equal(await page.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected'), 'true');
  await page.getByRole('tab', { name: 'Data' }).press('Enter');  // as a keyboard or screen reader does
  await page.waitForFunction(() => window.funnelplan.currentTab() === 'Data', null, { timeout: 5000 });
  // A button, pressed through its place on the canvas: Undo takes the last change back.
  await page.getByRole('tab', { name: 'Plan' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.currentTab() === 'Plan', null, { timeout: 5000 });
  await page.getByRole('button', { name: 'Undo' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.getResult().stages[1].whole === 2667, null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});
