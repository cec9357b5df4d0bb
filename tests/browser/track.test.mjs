// The Track tab in the browser, as a screen-reader user and on a phone: the plan against the
// imported export as of a day, and "Add to plan" saving a revised plan beside the original.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot, screenshotStats } from './harness.mjs';
import { repoRoot } from './harness.mjs';

const funnelplanCli = path.join(repoRoot, 'build/native/funnelplan');

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

// The sample export's leads were created over 2024: a plan from 2024-07 tracks its second half.
async function planOverTheSample(page, goal) {
  await page.evaluate(() => window.funnelplan.importSample());
  const reply = await page.evaluate((g) => {
    window.funnelplan.useRatesFromData();
    const s = window.funnelplan.getScenario();
    s.start_month = '2024-07';
    s.horizon_months = 12;
    s.revenue_goal = g;
    return window.funnelplan.setScenario(s);
  }, goal);
  assert.equal(reply.ok, true, JSON.stringify(reply));
}

test('a screen-reader user tracks the plan and adds the leads that close the gap', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await planOverTheSample(page, 20000000);
  await page.getByRole('tab', { name: 'Track' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.currentTab() === 'Track', null, { timeout: 5000 });
  const asOf = page.getByRole('textbox', { name: 'As of (YYYY-MM-DD)' });
  await asOf.waitFor({ state: 'attached', timeout: 10000 });
  assert.equal(await asOf.inputValue(), '2024-12-31', 'as of the export\'s latest day');
  const mirror = page.getByRole('region', { name: 'Funnel Planner as text' });
  await mirror.getByText('of pace', { exact: false }).first().waitFor({ timeout: 10000 });
  await mirror.getByText('What closes the gap', { exact: false }).waitFor({ timeout: 10000 });
  await saveScreenshot(page, 'track-desktop.png');
  // A day that is not a day is explained.
  await asOf.fill('2024-13-01');
  await asOf.press('Enter');
  await page.waitForFunction(async () => (await window.funnelplan.screenText()).includes('"2024-13-01" is not a day'),
                             null, { timeout: 10000 });
  await asOf.fill('2024-12-31');
  await asOf.press('Enter');
  await mirror.getByText('What closes the gap', { exact: false }).waitFor({ timeout: 10000 });
  // Add to plan: the original and the revised plan, side by side for comparison.
  const name = await page.evaluate(() => window.funnelplan.getScenario().name);
  await page.getByRole('button', { name: 'Add the extra leads for an 80 % chance to a revised plan' }).press('Enter');
  await page.waitForFunction(() => window.funnelplan.getSavedScenarios().length === 2, null, { timeout: 5000 });
  const saved = await page.evaluate(() => window.funnelplan.getSavedScenarios());
  assert.deepEqual(saved.map((s) => [s.scenario.name, s.compare]), [[name, true], [`${name} (revised)`, true]]);
  assert.ok(saved[1].scenario.planned_leads > 0, 'the revised plan plans more leads');
  assert.equal(await page.evaluate(() => window.funnelplan.getScenario().name), name, 'the current plan is unchanged');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the Track tab is one column that reaches its last table', async () => {
  const { context, page, errors } = await openApp(browser, server.url, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await planOverTheSample(page, 20000000);
  await page.evaluate(() => window.funnelplan.selectTab('Track'));
  await waitForFrames(page, 4);
  const shot = await saveScreenshot(page, 'track-phone.png');
  assert.ok(screenshotStats(shot.png).nonBackground > 0.05, 'something is drawn');
  // The Add to plan button (at the end) can be scrolled into view, as a focus does.
  await page.evaluate(() => window.funnelplan.accessibleAct('track.add_to_plan', 'focus'));
  await waitForFrames(page, 4);
  const r = await page.evaluate(() => window.funnelplan.uiRect('track.add_to_plan'));
  assert.ok(r && r.y >= 0 && r.y + r.h <= 844, `the button is on screen: ${JSON.stringify(r)}`);
  await saveScreenshot(page, 'track-phone-end.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page tracks and forecasts exactly as the command line does (WebAssembly = native)', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-track-'));
  const file = path.join(tmp, 'hubspot-contacts.csv');
  execFileSync(funnelplanCli, ['generate', 'hubspot-contacts', '--rows', '3000', '--seed', '5', '--output', file]);
  const { context, page, errors } = await openApp(browser, server.url);
  await page.locator('#fp-file-picker').setInputFiles(file);
  await page.waitForFunction(() => window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis() &&
                             window.funnelplan.getAnalysis().source === 'hubspot-contacts.csv', null, { timeout: 60000 });
  await page.evaluate(() => {
    window.funnelplan.useRatesFromData();
    const s = window.funnelplan.getScenario();
    s.start_month = '2024-07';
    s.horizon_months = 12;
    s.revenue_goal = 5000000;
    return window.funnelplan.setScenario(s);
  });
  await page.evaluate(() => window.funnelplan.selectTab('Track'));
  await page.evaluate(() => window.funnelplan.accessibleAct('track.as_of', 'set', '2024-11-15'));
  await page.waitForFunction(() => { const t = window.funnelplan.getTrack(); return t && t.as_of === '2024-11-15'; },
                             null, { timeout: 10000 });
  const scenarioFile = path.join(tmp, 'scenario.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(await page.evaluate(() => window.funnelplan.getScenario())));
  const cli = (args) => JSON.parse(execFileSync(funnelplanCli, args, { env: { ...process.env, FUNNELPLAN_TODAY: '2026-11-30' } }).toString());
  const track = cli(['track', scenarioFile, file, '--as-of', '2024-11-15', '--format', 'json']);
  const forecast = cli(['forecast', file, '--as-of', '2024-11-15', '--until', '2025-06', '--scenario', scenarioFile, '--format', 'json']);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.getTrack()), track);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.getForecast()), forecast);
  assert.ok(forecast.total.p50 > 0, 'a forecast with something in it');
  assert.deepEqual(errors, []);
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('snapshots: two readings of the export are kept, survive a reload, and their pipeline flow adds up', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await planOverTheSample(page, 20000000);
  await page.getByRole('tab', { name: 'Track' }).press('Enter');
  const asOf = page.getByRole('textbox', { name: 'As of (YYYY-MM-DD)' });
  await asOf.waitFor({ state: 'attached', timeout: 10000 });
  const keep = async (day) => {
    await asOf.fill(day);
    await asOf.press('Enter');
    const button = page.getByRole('button', { name: `Keep this export's summary as a snapshot dated ${day}` });
    await button.waitFor({ state: 'attached', timeout: 10000 });
    await button.press('Enter');
  };
  await keep('2024-09-30');
  await page.waitForFunction(() => window.funnelplan.getSnapshots().length === 1, null, { timeout: 5000 });
  await keep('2024-12-31');
  await page.waitForFunction(() => window.funnelplan.getSnapshots().length === 2, null, { timeout: 5000 });
  const [a, b] = await page.evaluate(() => window.funnelplan.getSnapshots());
  assert.deepEqual([a.as_of, b.as_of], ['2024-09-30', '2024-12-31']);
  assert.ok(!JSON.stringify(b).includes('@'), 'a snapshot keeps no e-mail address or other row data');
  // The flow from the later snapshot's daily counts: Oct 1 to Dec 31 are its last 92 days. The
  // same export read on two days explains every record, so nothing is "moved".
  const sum = (xs) => xs.slice(-92).reduce((s, x) => s + x, 0);
  const entered = sum(b.pipeline.entered_daily), won = sum(b.pipeline.won_daily), lost = sum(b.pipeline.lost_daily);
  assert.ok(entered > 0 && won > 0, `the sample's pipeline moved in the quarter: ${entered} in, ${won} won`);
  assert.equal(a.pipeline.open + entered - won - lost, b.pipeline.open, 'start + new − won − lost = end');
  const plain = (n) => n.toLocaleString('en-US');
  const line = `${plain(a.pipeline.open)} on 2024-09-30 + ${plain(entered)} new \u2212 ${plain(won)} won \u2212 ${plain(lost)} lost + 0 moved = ${plain(b.pipeline.open)} on 2024-12-31`;
  await page.waitForFunction((l) => window.funnelplan.screenText().then((t) => t.includes(l)), line, { timeout: 10000 });
  await page.evaluate(() => window.funnelplan.accessibleAct('track.flow_to', 'focus'));
  await waitForFrames(page, 4);
  await saveScreenshot(page, 'track-snapshots.png');
  // Kept in this browser: after a reload, without importing anything, the tab still lists them.
  await page.reload();
  await page.waitForFunction(() => window.Module && window.Module.calledRun && window.funnelplan.getSnapshots().length === 2,
                             null, { timeout: 20000 });
  await page.evaluate(() => window.funnelplan.selectTab('Track'));
  await page.waitForFunction((l) => window.funnelplan.screenText().then((t) => t.includes(l)), line, { timeout: 10000 });
  // Removing one (as a screen-reader user) leaves one, and storage follows.
  await page.getByRole('button', { name: 'Remove the snapshot of sample HubSpot contacts export as of 2024-09-30' }).press('Enter');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnelplan.snapshots.v1') || '[]').length === 1, null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an export older than the plan: one press starts the plan when the data begins, and Undo goes back', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.importSample());  // 2024's leads; the sample plan starts this month
  const before = await page.evaluate(() => window.funnelplan.getScenario().start_month);
  assert.notEqual(before, '2024-01');
  await page.getByRole('tab', { name: 'Track' }).press('Enter');
  const start = page.getByRole('button', { name: 'Start the plan in 2024-01, when this export\'s data begins' });
  await start.waitFor({ state: 'attached', timeout: 10000 });
  await start.press('Enter');
  await page.waitForFunction(() => window.funnelplan.getScenario().start_month === '2024-01', null, { timeout: 5000 });
  const mirror = page.getByRole('region', { name: 'Funnel Planner as text' });
  await mirror.getByText('of pace', { exact: false }).first().waitFor({ timeout: 10000 });
  const track = await page.evaluate(() => window.funnelplan.getTrack());
  assert.equal(track.ok, true, JSON.stringify(track.errors));
  assert.ok(track.months.length >= 12, `the year is tracked: ${track.months.length} months`);
  await page.getByRole('button', { name: 'Undo' }).first().press('Enter');
  await page.waitForFunction((b) => window.funnelplan.getScenario().start_month === b, before, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});
