// Bringing lead data in, as a user does: paste cells, upload a file, drop a file. All three go
// through the same importer; the analysis is read back through window.funnelplan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openApp, waitForFrames, waitForInputSettled, saveScreenshot,
         screenshotStats, repoRoot } from './harness.mjs';

const funnelplanCli = path.join(repoRoot, 'build/native/funnelplan');
let server, browser, tmp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-import-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const waitImported = (page) => page.waitForFunction(() => window.funnelplan.importProgress() < 0 &&
  window.funnelplan.getAnalysis() !== null, null, { timeout: 60000 });

// Cells as Excel or Google Sheets put them on the clipboard: tab-separated, CRLF, US dates.
const SHEET = [
  'Name\tEmail\tStage\tCreated\tChannel\tDeal value',
  'Ann Lee\tann@example.com\tCustomer\t3/1/2024\tAds\t$12,000.00',
  'Bo Chan\tbo@example.com\tLead\t3/2/2024\tSEO\t',
  'Cy Diaz\tcy@example.com\tMQL\t3/3/2024\tAds\t',
  'Di Eze\tdi@example.com\tSQL\t3/14/2024\tSEO\t',
  'Ed Fox\ted@example.com\tLead\t3/15/2024\tEvents\t',
  'Flo Gil\tflo@example.com\tCustomer\t3/20/2024\tSEO\t$8,000.00',
].join('\r\n') + '\r\n';

test('pasting spreadsheet cells imports them and shows the funnel', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate((t) => navigator.clipboard.writeText(t), SHEET);
  await page.mouse.click(5, 400);  // focus the page, not a text field
  await page.keyboard.press('Control+V');
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.source, 'pasted data');
  assert.equal(a.delimiter, 'tab');
  assert.equal(a.preset.id, 'generic');
  assert.equal(a.rows.imported, 6);
  assert.deepEqual(a.stage_counts.map((s) => s.stage), ['Lead', 'MQL', 'SQL', 'Customer']);
  assert.deepEqual(a.stage_counts.map((s) => s.reached), [6, 4, 3, 2]);
  assert.ok(a.columns.find((c) => c.name === 'Email').personal);
  await waitForFrames(page, 3);
  const { png } = await saveScreenshot(page, 'data-pasted.png');
  assert.ok(screenshotStats(png).nonBackground > 0.1);

  // Plan with the observed rates: Lead→MQL 4/6, MQL→SQL 3/4, SQL→Customer 2/3; deal size is
  // the mean won amount (12,000 + 8,000) / 2 = 10,000, so $1,000,000 needs 100 customers.
  const result = await page.evaluate(() => window.funnelplan.useRatesFromData());
  assert.equal(result.ok, true);
  assert.equal(result.deal_size, 10000);
  assert.deepEqual(result.stages.map((s) => s.whole), [300, 200, 150, 100]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasting into a text field edits the field instead of importing', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate(() => navigator.clipboard.writeText('3000000'));
  const r = await page.evaluate(() => window.funnelplan.uiRect('revenue_goal'));
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitForInputSettled(page);
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Enter');
  await waitForInputSettled(page);
  const result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.revenue_goal, 3000000);
  assert.equal(await page.evaluate(() => window.funnelplan.getAnalysis()), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('uploading a HubSpot export through the file button', async () => {
  const file = path.join(tmp, 'hubspot-contacts.csv');
  execFileSync(funnelplanCli, ['generate', 'hubspot-contacts', '--rows', '3000', '--seed', '5', '--output', file]);
  const expected = JSON.parse(execFileSync(funnelplanCli, ['analyze', file, '--format', 'json']).toString());
  const { context, page, errors } = await openApp(browser, server.url);
  await page.locator('#fp-file-picker').setInputFiles(file);
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.source, 'hubspot-contacts.csv');
  assert.equal(a.preset.label, 'HubSpot contacts');
  assert.equal(a.rows.imported, 3000);
  // The browser (WebAssembly) and the native CLI count the same.
  assert.deepEqual(a.stage_counts, expected.stage_counts);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'data-hubspot-upload.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dropping a file on the page imports it; bad rows are reported, good rows load', async () => {
  const csv = 'Stage,Created,Source\nLead,2024-01-01,web\nMQL,2024-02-30,web\n"Lead,2024-01-03,ads\nSQL,2024-01-04,ads\n';
  const { context, page, errors } = await openApp(browser, server.url);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.dispatchEvent('canvas', 'drop', { dataTransfer });
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.source, 'dropped.csv');
  assert.equal(a.rows.imported, 3);
  assert.equal(a.rows.rejected, 1);
  assert.equal(a.errors.listed[0].row, 4);
  assert.deepEqual(a.stage_counts.map((s) => s.stage), ['Lead', 'MQL', 'SQL']);  // SQL is after the bad row
  assert.deepEqual(a.unknown_stage_values, []);
  const bad = a.warnings.listed.find((w) => w.row === 3);
  assert.equal(bad.column, 'Created');
  assert.match(bad.message, /"2024-02-30" is not a date/);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'data-dropped-with-errors.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large import shows progress across frames and can be cancelled', async () => {
  const file = path.join(tmp, 'big.csv');
  execFileSync(funnelplanCli, ['generate', 'hubspot-contacts', '--rows', '200000', '--seed', '2', '--output', file]);
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.setImportBudget(0.5));  // a slow device: many slices
  await page.locator('#fp-file-picker').setInputFiles(file);
  await page.waitForFunction(() => window.funnelplan.importProgress() > 0.05, null, { timeout: 30000 });
  const seen = await page.evaluate(() => window.funnelplan.importProgress());
  assert.ok(seen > 0 && seen < 1, `progress ${seen} is between 0 and 1`);
  await waitForFrames(page, 2);  // frames keep coming while importing
  await saveScreenshot(page, 'data-importing.png');
  await page.evaluate(() => window.funnelplan.cancelImport());
  await waitForFrames(page, 2);
  assert.equal(await page.evaluate(() => window.funnelplan.importProgress()), -1);
  assert.equal(await page.evaluate(() => window.funnelplan.getAnalysis()), null);
  assert.deepEqual(errors, []);
  await context.close();
});

// A chosen file is read in slices straight into the importer: the app's memory holds the
// table, not the file; the page keeps the File (a handle, not a copy) to read it again.
test('a picked file is streamed: the wasm heap grows by far less than the file, counts match the CLI', async () => {
  const file = path.join(tmp, 'streamed.csv');
  execFileSync(funnelplanCli, ['generate', 'hubspot-contacts', '--rows', '400000', '--seed', '4', '--output', file]);
  const size = fs.statSync(file).size;
  const expected = JSON.parse(execFileSync(funnelplanCli, ['analyze', file, '--format', 'json']).toString());
  const { context, page, errors } = await openApp(browser, server.url);
  const heapBefore = await page.evaluate(() => window.funnelplan.heapBytes());
  await page.evaluate(() => window.funnelplan.setImportBudget(50));
  await page.locator('#fp-file-picker').setInputFiles(file);
  await page.waitForFunction(() => window.funnelplan.importProgress() > 0.1, null, { timeout: 60000 });
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.source, 'streamed.csv');
  assert.equal(a.bytes, size);
  assert.equal(a.rows.imported, 400000);
  assert.deepEqual(a.stage_counts, expected.stage_counts);
  const grown = (await page.evaluate(() => window.funnelplan.heapBytes())) - heapBefore;
  // Before streaming the whole file was copied in (1.3× the file); now the table and a slice.
  assert.ok(grown <= 0.4 * size, `the heap grew by ${(grown / 1e6).toFixed(1)} MB for a ${(size / 1e6).toFixed(1)} MB file`);
  assert.deepEqual(errors, []);
  await context.close();
});

// Waits until the canvas shows text matching `re` (funnelplan.screenText, a frame at a time).
async function waitForScreenText(page, re, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < end) {
    text = await page.evaluate(() => window.funnelplan.screenText());
    if (re.test(text.replace(/\s+/g, ' '))) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`${re} never shown; the screen said:\n${text}`);
}

// Opens the Data tab's mapping editor and maps stage value `value` as lost, then applies.
async function mapAsLost(page, value) {
  await page.evaluate(() => window.funnelplan.selectTab('Data'));
  await waitForFrames(page, 2);
  await page.evaluate(() => window.funnelplan.accessibleAct('mapping', 'set', 'true'));  // open the disclosure
  await page.waitForFunction((v) => (window.funnelplan.accessibleItems() || [])
    .some((i) => i.label === `Stage value "${v}" means`), value, { timeout: 10000 });
  await page.evaluate((v) => {
    const item = window.funnelplan.accessibleItems().find((i) => i.label === `Stage value "${v}" means`);
    window.funnelplan.accessibleAct(item.name, 'set', String(item.options.indexOf('lost / disqualified')));
  }, value);
  await waitForFrames(page, 2);
  await page.evaluate(() => window.funnelplan.accessibleAct('mapping.apply', 'press'));
}

test('Apply mapping reads the picked file again; a file changed on disk since gets a message and the data stays', async () => {
  const file = path.join(tmp, 'deals.csv');
  const csv = 'Stage,Created\nLead,2024-01-01\nDemo,2024-01-02\nCustomer,2024-01-03\nDemo,2024-01-04\n';
  fs.writeFileSync(file, csv);
  const { context, page, errors } = await openApp(browser, server.url);
  await page.locator('#fp-file-picker').setInputFiles(file);
  await waitImported(page);
  let a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.deepEqual(a.funnel.counts.stages, ['Lead', 'Demo', 'Customer']);
  assert.equal(a.funnel.counts.lost, 0);
  const revision = await page.evaluate(() => window.funnelplan.dataRevision());

  await mapAsLost(page, 'demo');
  await page.waitForFunction((r) => window.funnelplan.dataRevision() !== r && window.funnelplan.importProgress() < 0,
                             revision, { timeout: 30000 });
  a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.source, 'deals.csv');
  assert.equal(a.funnel.counts.lost, 2);  // both Demo rows, read again from the File
  assert.equal(a.rows.imported, 4);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'data-remapped-stream.png');

  // The file is changed on disk: the browser refuses to read the old File again.
  fs.writeFileSync(file, csv + 'Lead,2024-01-05\n');
  const before = await page.evaluate(() => window.funnelplan.dataRevision());
  await page.evaluate(() => window.funnelplan.accessibleAct('mapping.dated_only', 'set', 'true'));
  await waitForFrames(page, 2);
  await page.evaluate(() => window.funnelplan.accessibleAct('mapping.apply', 'press'));
  await waitForScreenText(page, /Could not read deals\.csv again: the file was changed, moved or deleted since it was chosen\./);
  assert.equal(await page.evaluate(() => window.funnelplan.importProgress()), -1);
  assert.equal(await page.evaluate(() => window.funnelplan.dataRevision()), before);
  a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.funnel.counts.lost, 2);  // as read before
  await saveScreenshot(page, 'data-reread-failed.png');
  assert.deepEqual(errors, []);
  await context.close();
});
