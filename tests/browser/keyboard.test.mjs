// Keyboard only and screen readers on every tab: the page's mirror of the app's controls
// (web/shell/a11y_controls.js) is found by role and name, as assistive technology finds it, and
// driven with the keyboard alone. axe-core checks each tab for serious and critical problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot, repoRoot } from './harness.mjs';

const funnelplanCli = path.join(repoRoot, 'build/native/funnelplan');
const axePath = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');
let server, browser, tmp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-keyboard-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const focusedName = (page) => page.evaluate(() => document.activeElement && document.activeElement.dataset.name);
const item = (page, name) => page.evaluate((n) => window.funnelplan.accessibleItems().find((i) => i.name === n) || null, name);
const openTab = async (page, name) => {
  await page.getByRole('tab', { name }).press('Enter');
  await page.waitForFunction((n) => window.funnelplan.currentTab() === n, name, { timeout: 5000 });
};

test('keyboard only: Tab follows the screen, a ring shows where, typing and menus work, Escape closes', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.getByRole('textbox', { name: 'Revenue goal' }).waitFor({ state: 'attached', timeout: 10000 });
  // From the top of the page: the toolbar, the tabs, then the Plan tab's fields, in that order.
  const order = [];
  for (let k = 0; k < 15; ++k) {
    await page.keyboard.press('Tab');
    order.push(await focusedName(page));
  }
  const first = order.indexOf('toolbar_theme');
  assert.ok(first >= 0, `the toolbar is reached by Tab: ${order.join(', ')}`);
  assert.deepEqual(order.slice(first, first + 13), [
    'toolbar_theme', 'toolbar_undo', 'toolbar_redo', 'toolbar_share', 'toolbar_export',
    'tab:Plan', 'tab:Channels & money', 'tab:What-if', 'tab:Scenarios', 'tab:Data', 'tab:Track',
    'revenue_goal', 'deal_size']);
  // The Plan tab's fields go down the screen, as they are seen.
  const items = await page.evaluate(() => window.funnelplan.accessibleItems());
  const fields = items.filter((i) => /^(revenue_goal|deal_size|steps\[\d+\]\.rate)$/.test(i.name));
  for (let k = 1; k < fields.length; ++k) assert.ok(fields[k].y > fields[k - 1].y, `${fields[k].name} below ${fields[k - 1].name}`);
  // A visible ring around the focused field, where it is on the canvas.
  await page.locator('[data-name="revenue_goal"]').focus();
  const goal = await item(page, 'revenue_goal');
  const ring = await page.locator('.fp-focus-ring').boundingBox();
  assert.ok(ring, 'the focus ring is shown');
  assert.ok(Math.abs(ring.x - (goal.x - 3)) <= 1 && Math.abs(ring.y - (goal.y - 3)) <= 1 &&
            Math.abs(ring.width - (goal.w + 6)) <= 1, `ring ${JSON.stringify(ring)} around ${JSON.stringify(goal)}`);
  // Typing: the ring shows what is typed; Enter sets it (2,000,000 / 25,000 = 80 customers).
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2000000');
  assert.equal(await page.locator('.fp-focus-ring').textContent(), '2000000');
  await saveScreenshot(page, 'keyboard-typing-goal.png');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getResult().customers.whole === 80, null, { timeout: 5000 });
  // The Export menu: Enter opens it into its first item, arrows move, Enter chooses, the menu closes.
  await page.locator('[data-name="toolbar_export"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('role') === 'menuitem',
                             null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Plan as CSV');
  assert.equal(await page.getByRole('button', { name: 'Export and more' }).getAttribute('aria-expanded'), 'true');
  await saveScreenshot(page, 'keyboard-export-menu.png');
  for (let k = 0; k < 12 && (await page.evaluate(() => document.activeElement.textContent)) !== 'Larger text'; ++k) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Larger text');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.funnelplan.textScale() === 1.125, null, { timeout: 5000 });
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.name === 'toolbar_export',
                             null, { timeout: 5000 });
  assert.equal((await item(page, 'toolbar_export')).selected, false);
  // Escape closes the menu and focus goes back to its button.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('role') === 'menuitem',
                             null, { timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.funnelplan.accessibleItems().find((i) => i.name === 'toolbar_export').selected,
                             null, { timeout: 5000 });
  assert.equal(await focusedName(page), 'toolbar_export');
  // With the mouse too: Escape on the canvas closes the menu ImGui opened.
  const r = await page.evaluate(() => window.funnelplan.uiRect('toolbar_export'));
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await page.waitForFunction(() => window.funnelplan.accessibleItems().find((i) => i.name === 'toolbar_export').selected,
                             null, { timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.funnelplan.accessibleItems().find((i) => i.name === 'toolbar_export').selected,
                             null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a screen-reader user works every tab: channels, what-if, scenarios, data by file and by paste', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  // Channels & money: add a channel, name it, give it a cost per lead.
  await openTab(page, 'Channels & money');
  const before = ((await page.evaluate(() => window.funnelplan.getScenario())).channels || []).length;
  await page.getByRole('button', { name: 'Add channel' }).press('Enter');
  await page.waitForFunction((n) => window.funnelplan.getScenario().channels.length === n + 1, before, { timeout: 5000 });
  const name = page.getByRole('textbox', { name: `Name of Channel ${before + 1}` });
  await name.fill('Webinars');
  await name.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getScenario().channels.at(-1).name === 'Webinars', null, { timeout: 5000 });
  const cpl = page.getByRole('textbox', { name: 'Cost per lead from Webinars' });
  await cpl.fill('$40');
  await cpl.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getScenario().channels.at(-1).cost_per_lead === 40, null, { timeout: 5000 });
  // The one channel brings every lead: 1,334 leads × $40 = $53,360 (the sample needs 1,334 leads).
  const channel = (await page.evaluate(() => window.funnelplan.getResult())).channels.mix.at(-1);
  assert.equal(channel.whole_leads, 1334);
  assert.ok(Math.abs(channel.cost - 1333.33 * 40) < 1, `cost ${channel.cost}`);
  await page.getByRole('button', { name: 'Remove Webinars' }).press('Enter');
  await page.waitForFunction((n) => (window.funnelplan.getScenario().channels || []).length === n, before, { timeout: 5000 });

  // What-if: type a rate; choose the map's axis from a list.
  await openTab(page, 'What-if');
  const tryRate = page.getByRole('textbox', { name: 'Try a Lead → MQL rate (%)' });
  assert.equal(await tryRate.inputValue(), '40');
  await tryRate.fill('20');
  await tryRate.press('Enter');
  // 40 customers / (20 % × 50 % × 60 % × 25 %) = 2,666.67 → 2,667 leads.
  await page.waitForFunction(() => window.funnelplan.getResult().stages[1].whole === 2667, null, { timeout: 5000 });
  const across = page.getByRole('combobox', { name: 'Rate across the map (x axis)' });
  const options = await across.locator('option').allTextContents();
  assert.ok(options.length >= 2, `axis choices: ${options}`);
  await across.selectOption({ index: options.length - 1 });
  await page.waitForFunction((want) => window.funnelplan.accessibleItems().find((i) => i.name === 'what_if.across').value === want,
                             options.at(-1), { timeout: 5000 });
  await page.getByRole('button', { name: 'Reset the rates to the plan' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.getResult().stages[1].whole === 1334, null, { timeout: 5000 });

  // Scenarios: save under a name, tick it for comparison.
  await openTab(page, 'Scenarios');
  const saveName = page.getByRole('textbox', { name: 'Name to save the current plan under' });
  await saveName.fill('Q3 with events');
  await saveName.press('Enter');
  await page.getByRole('button', { name: 'Save the current plan' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.getSavedScenarios().some((s) => s.scenario.name === 'Q3 with events'),
                             null, { timeout: 5000 });
  const compare = page.getByRole('checkbox', { name: 'Compare Q3 with events' });
  await compare.waitFor({ state: 'attached', timeout: 5000 });
  const was = await compare.isChecked();
  await compare.press('Space');
  await page.waitForFunction((w) => window.funnelplan.getSavedScenarios().find((s) => s.scenario.name === 'Q3 with events').compare === !w,
                             was, { timeout: 5000 });

  // Data: upload through the labelled file control; the counts match the CLI's.
  await openTab(page, 'Data');
  const file = path.join(tmp, 'pipedrive.csv');
  execFileSync(funnelplanCli, ['generate', 'pipedrive-deals', '--rows', '800', '--seed', '3', '--output', file]);
  const expected = JSON.parse(execFileSync(funnelplanCli, ['analyze', file, '--format', 'json']).toString());
  await page.getByLabel('Upload CSV, TSV or Excel file').setInputFiles(file);
  await page.waitForFunction(() => window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis() &&
                             window.funnelplan.getAnalysis().source === 'pipedrive.csv', null, { timeout: 60000 });
  assert.deepEqual((await page.evaluate(() => window.funnelplan.getAnalysis())).stage_counts, expected.stage_counts);
  // The mapping editor opens from its header; its column choices are lists.
  const mapping = page.getByRole('button', { name: /^Column mapping/ });
  assert.equal(await mapping.getAttribute('aria-expanded'), 'false');
  await mapping.press('Enter');
  await page.getByRole('combobox', { name: 'Current stage column' }).waitFor({ state: 'attached', timeout: 5000 });
  // Paste cells (as a spreadsheet puts them on the clipboard) into the labelled paste area.
  const cells = 'Stage\tCreated\nCustomer\t2024-03-01\nLead\t2024-03-02\nMQL\t2024-03-03\n';
  await page.getByRole('textbox', { name: 'Paste cells from Excel or Google Sheets here' }).evaluate((area, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, cells);
  await page.waitForFunction(() => window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis() &&
                             window.funnelplan.getAnalysis().source === 'pasted data', null, { timeout: 30000 });
  assert.equal((await page.evaluate(() => window.funnelplan.getAnalysis())).rows.imported, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core finds no serious or critical problem on any tab', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.importSample());
  await page.evaluate(fs.readFileSync(axePath, 'utf8'));  // as the test's own script: the page's CSP allows no inline script
  const report = [];
  for (const tab of ['Plan', 'Channels & money', 'What-if', 'Scenarios', 'Data', 'Track']) {
    await openTab(page, tab);
    await waitForFrames(page, 3);
    await page.waitForTimeout(400);  // the mirror follows within a poll
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    for (const f of found) report.push(`${tab}: ${f}`);
  }
  assert.deepEqual(report, []);
  assert.deepEqual(errors, []);
  await context.close();
});
