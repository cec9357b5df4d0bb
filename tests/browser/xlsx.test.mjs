// Excel workbooks (.xlsx) uploaded as they are: read in the page (web/xlsx.js) and imported as
// their first visible sheet. The workbooks are written by openpyxl and by hand
// (tests/browser/make_xlsx.py), not by our own code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot, repoRoot } from './harness.mjs';

const funnelplanCli = path.join(repoRoot, 'build/native/funnelplan');
let server, browser, tmp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-xlsx-'));
  execFileSync('/usr/bin/python3', [path.join(repoRoot, 'tests/browser/make_xlsx.py'), tmp]);
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const waitImported = (page) => page.waitForFunction(() => window.funnelplan.importProgress() < 0 &&
  window.funnelplan.getAnalysis() !== null, null, { timeout: 60000 });

test('an uploaded .xlsx imports like the same data as CSV', async () => {
  const csv = path.join(tmp, 'contacts.csv');
  const expected = JSON.parse(execFileSync(funnelplanCli, ['analyze', csv, '--format', 'json']).toString());
  const { context, page, errors } = await openApp(browser, server.url);
  await page.locator('#fp-file-picker').setInputFiles(path.join(tmp, 'contacts.xlsx'));
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.ok, true, JSON.stringify(a.errors));
  assert.equal(a.source, 'contacts.xlsx (sheet "Contacts")');  // two sheets: the first is named
  assert.equal(a.workbook, true);
  assert.equal(expected.workbook, false);
  assert.equal(a.preset.label, 'HubSpot contacts');
  assert.deepEqual(a.rows, expected.rows);  // 400 leads and the empty row between them
  assert.deepEqual(a.columns.map((c) => [c.name, c.type, c.personal]),
                   expected.columns.map((c) => [c.name, c.type, c.personal]));
  assert.deepEqual(a.stage_counts, expected.stage_counts);
  assert.deepEqual(a.funnel, expected.funnel);  // dates, amounts and sources read the same
  assert.deepEqual(a.warnings, expected.warnings);  // the same rows named: the empty row is kept
  assert.equal(a.warnings.listed[0].row, 303);
  // The "Reading contacts.xlsx…" note was shown while the sheet was read, and is gone.
  assert.equal(await page.$$eval('#fp-banners [data-id="workbook"]', (b) => b.length), 0);
  // The Data tab names the workbook, not the tab-separated text the page made of its sheet.
  const shown = (await page.evaluate(() => window.funnelplan.screenText())).replace(/\s+/g, ' ');
  assert.match(shown, /HubSpot contacts export \(Excel workbook\): 400 rows imported, 0 rejected/);
  assert.doesNotMatch(shown, /tab-separated/);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'data-xlsx-upload.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('other writers: inline strings, prefixes, rich text, the 1904 date system, a hidden sheet', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const bytes = [...fs.readFileSync(path.join(tmp, 'minimal.xlsx'))];
  const sheet = await page.evaluate((b) => window.funnelplanXlsx.toTsv(new Uint8Array(b)), bytes);
  assert.equal(sheet.sheet, 'Deals & more');  // the first visible sheet
  assert.equal(sheet.text, [
    'Stage\tCreated\tDeal value\tSource',
    'Lead\t2023-03-02\t\tWeb & ads',
    '',                                   // row 3 is empty in the sheet: it stays a row
    'Won\t2023-03-03 12:00\t1234.5\t',   // #N/A is an empty cell
    'Lead\tnot a date\t\t',              // short rows are padded to the header
  ].join('\n') + '\n');
  const a = await page.evaluate((b) => window.funnelplan.importBytes(new Uint8Array(b), 'deals.xlsx'), bytes);
  assert.equal(a.source, 'deals.xlsx (sheet "Deals & more")');
  assert.equal(a.workbook, true);  // importBytes: named the same way as a picked file
  assert.deepEqual(a.rows, { read: 3, imported: 3, rejected: 0, skipped: 0, blank_lines: 1 });
  assert.deepEqual(a.stage_counts.map((s) => [s.stage, s.reached]), [['Lead', 3], ['Won', 1]]);
  assert.equal(a.warnings.total, 0, JSON.stringify(a.warnings));
  assert.deepEqual(errors, []);
  await context.close();
});

test('without Workers, a workbook is read on the page, imports the same and is named as a workbook', async () => {
  const expected = JSON.parse(execFileSync(funnelplanCli, ['analyze', path.join(tmp, 'contacts.csv'), '--format', 'json']).toString());
  const { context, page, errors } = await openApp(browser, server.url);
  const bytes = [...fs.readFileSync(path.join(tmp, 'contacts.xlsx'))];
  const a = await page.evaluate((b) => {
    window.Worker = undefined;  // as in a browser without Workers: xlsx.js runs on the page
    return window.funnelplan.importBytes(new Uint8Array(b), 'contacts.xlsx');
  }, bytes);
  assert.equal(a.ok, true, JSON.stringify(a.errors));
  assert.equal(a.source, 'contacts.xlsx (sheet "Contacts")');
  assert.equal(a.workbook, true);
  assert.deepEqual(a.rows, expected.rows);
  assert.deepEqual(a.stage_counts, expected.stage_counts);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged workbook gets a clear message and the app keeps working', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const whole = fs.readFileSync(path.join(tmp, 'contacts.xlsx'));
  const cut = path.join(tmp, 'cut.xlsx');
  fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));  // a download cut short
  await page.locator('#fp-file-picker').setInputFiles(cut);
  await waitImported(page);
  const a = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(a.ok, false);
  assert.match(a.errors.listed[0].message, /Could not read cut\.xlsx as an Excel workbook: .*cut short.*save or download it as CSV/);
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'data-xlsx-damaged.png');
  // …and the next file imports.
  await page.locator('#fp-file-picker').setInputFiles(path.join(tmp, 'contacts.csv'));
  await page.waitForFunction(() => (window.funnelplan.getAnalysis() || {}).ok === true, null, { timeout: 60000 });
  assert.equal((await page.evaluate(() => window.funnelplan.getAnalysis())).rows.imported, 400);
  assert.deepEqual(errors, []);
  await context.close();
});
