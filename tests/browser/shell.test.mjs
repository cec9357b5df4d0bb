// The web shell around the app (issue 6): share links, autosave and reset, exports, the
// printable summary, offline use through the service worker, and the privacy guarantees
// (no request to another origin, a Content-Security-Policy with no violations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, openApp, waitForFrames, typeIntoInput, saveScreenshot,
         screenshotStats, decodePng, repoRoot, webRoot } from './harness.mjs';

const funnelplanCli = path.join(repoRoot, 'build/native/funnelplan');
let server, browser, tmp;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-shell-'));
});
after(async () => { await browser?.close(); await server?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const WORKSHOP = {
  version: 1, name: 'Acme Q3 workshop', currency: 'EUR', revenue_goal: 480000, deal_size: 12000,
  stages: ['Visitor', 'Lead', 'MQL', 'SQL', 'Customer'],
  steps: [{ rate: 0.031 }, { rate: 0.35 }, { rate: 0.45 }, { rate: 0.22 }],
};
const SAMPLE_WHOLE = [53334, 1334, 534, 267, 160, 40];

// A scenario as a share link carries it, decoded in node (base64url of raw deflate).
function decodeLink(link) {
  const payload = link.slice(link.indexOf('#s=') + 3);
  return zlib.inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8');
}
const linkFor = (text) => server.url + '#s=' + zlib.deflateRawSync(Buffer.from(text)).toString('base64url');

const result = (page) => page.evaluate(() => window.funnelplan.getResult());
const scenario = (page) => page.evaluate(() => window.funnelplan.getScenario());
const runAction = (page, name) => page.evaluate((n) => window.funnelplanShell.runAction(n), name);
const bannerTexts = (page, kind) => page.$$eval(`#fp-banners .fp-banner${kind ? '.fp-' + kind : ''}`,
                                                 (bs) => bs.map((b) => b.textContent));
const savedScenario = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('funnelplan.scenario.v1') || 'null'));
// Waits until the autosave holds a scenario with these values ({"steps.4.rate": 0.5, …}).
async function waitSaved(page, expected) {
  await page.waitForFunction((exp) => {
    const s = JSON.parse(localStorage.getItem('funnelplan.scenario.v1') || 'null');
    return !!s && Object.entries(exp).every(([k, v]) => k.split('.').reduce((o, p) => (o == null ? o : o[p]), s) === v);
  }, expected, { timeout: 10000 });
}
// Opens a URL (e.g. a share link) in a fresh context with the app loaded.
const openUrl = (url, contextOptions = {}) => openApp(browser, url, contextOptions);

test('a share link opens exactly the same plan in a fresh browser', async () => {
  const a = await openApp(browser, server.url);
  assert.equal((await a.page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP)).ok, true);
  const link = await a.page.evaluate(() => window.funnelplan.shareLink());
  const scenarioA = await scenario(a.page);
  const resultA = await result(a.page);
  assert.ok(link.startsWith(server.url + '#s='), link);
  assert.ok(link.length < 2000, `link is ${link.length} characters`);
  assert.deepEqual(JSON.parse(decodeLink(link)), scenarioA);
  await a.context.close();

  const b = await openUrl(link);
  await b.page.waitForFunction(() => window.funnelplan.getScenario().name === 'Acme Q3 workshop');
  assert.deepEqual(await scenario(b.page), scenarioA);
  const resultB = await result(b.page);
  assert.deepEqual(resultB, resultA);
  assert.deepEqual(resultB.stages.map((s) => s.whole), [37239, 1155, 405, 182, 40]);  // 480,000 / 12,000 = 40; 40 / .22 = 181.8 → 182; …
  assert.deepEqual(await bannerTexts(b.page, 'error'), []);
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('a template link (#t=ID) opens the workshop template in this month; an unknown id says so', async () => {
  const { context, page, errors } = await openUrl(server.url + '#t=enterprise-b2b');
  await page.waitForFunction(() => window.funnelplan.getScenario().name === 'Enterprise B2B, long cycle');
  const s = await scenario(page);
  const now = new Date();
  assert.equal(s.start_month, `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
  const r = await result(page);
  assert.equal(r.ok, true);
  assert.equal(r.customers.whole, 30);  // 3,000,000 / 100,000
  assert.deepEqual(await bannerTexts(page, 'error'), []);
  assert.deepEqual(errors, []);
  await context.close();

  const bad = await openUrl(server.url + '#t=no-such-template');
  await bad.page.waitForSelector('#fp-banners .fp-banner.fp-error', { timeout: 10000 });
  assert.match((await bannerTexts(bad.page, 'error')).join(' '), /no workshop template called "no-such-template"/);
  assert.equal((await scenario(bad.page)).name, 'Sample plan');
  await bad.context.close();
});

test('the toolbar action copies the link to the clipboard and puts it in the address bar', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  await runAction(page, 'copyShareLink');
  await page.waitForSelector('#fp-banners .fp-banner[data-id="share"]');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => window.funnelplan.shareLink()));
  assert.equal(page.url(), copied, 'the address bar holds the link (no reload)');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  assert.match((await bannerTexts(page))[0], /Share link copied \(\d+ characters\)/);
  await saveScreenshot(page, 'shell-share-copied.png');

  // An edit makes the link in the address bar stale: it is dropped, so a reload keeps the edit.
  await page.evaluate(() => window.funnelplan.setScenario({ ...window.funnelplan.getScenario(), revenue_goal: 960000 }));
  await page.waitForFunction(() => location.hash === '');
  await waitSaved(page, { revenue_goal: 960000 });
  await page.reload();
  await waitForFrames(page, 3);
  assert.equal((await result(page)).customers.whole, 80);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without clipboard access the link is shown in a dialog to copy by hand', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); });
  await runAction(page, 'copyShareLink');
  const input = await page.waitForSelector('#fp-link-dialog input');
  const shown = await input.inputValue();
  assert.equal(shown, await page.evaluate(() => window.funnelplan.shareLink()));
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'INPUT', 'the link is selected for copying');
  // Keys typed in the dialog go to the dialog, not to the app.
  const rev = await page.evaluate(() => window.funnelplan.scenarioRevision());
  await page.keyboard.press('Control+A');
  await page.keyboard.type('123');
  await waitForFrames(page, 2);
  assert.equal(await page.evaluate(() => window.funnelplan.scenarioRevision()), rev);
  await saveScreenshot(page, 'shell-share-dialog.png');
  await page.click('#fp-link-dialog button:has-text("Close")');
  assert.equal(await page.$('#fp-link-dialog'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('damaged, truncated or hostile links get a clear message and the app opens anyway', async () => {
  const good = linkFor(JSON.stringify(WORKSHOP));
  const cases = [
    ['bad base64', server.url + '#s=%%%not*base64!', /characters a Funnel Planner link never has/],
    ['truncated', good.slice(0, good.length - 40), /incomplete or damaged|does not contain a plan/],
    ['not deflate', server.url + '#s=' + Buffer.from('just some text, not compressed').toString('base64url'), /incomplete or damaged/],
    ['not JSON', linkFor('<script>alert(1)</script>'), /does not contain a plan/],
    ['JSON array', linkFor('[1, 2, 3]'), /does not contain a plan/],
    ['refused scenario', linkFor('{"version": 1, "deal_size": "x"}'), /could not be opened/],
    ['huge', server.url + '#s=' + 'A'.repeat(200000), /too long/],
    ['deflate bomb', linkFor(' '.repeat(20 * 1024 * 1024)), /far more data than a plan/],
  ];
  for (const [what, url, message] of cases) {
    const { context, page, errors } = await openUrl(url);
    await page.waitForSelector('#fp-banners .fp-banner.fp-error', { timeout: 10000 });
    const [text] = await bannerTexts(page, 'error');
    assert.match(text, message, what);
    assert.match(text, /opened the sample plan instead; ask the sender for a new link/, what);
    if (what === 'refused scenario') assert.match(text, /deal_size/, 'names the bad field');
    assert.deepEqual((await result(page)).stages.map((s) => s.whole), SAMPLE_WHOLE, what);
    assert.equal(await page.evaluate(() => location.hash), '', `${what}: the broken link leaves the address bar`);
    if (what === 'refused scenario') await saveScreenshot(page, 'shell-bad-link.png');
    await page.click('#fp-banners .fp-banner.fp-error .fp-close');
    assert.deepEqual(await bannerTexts(page, 'error'), [], `${what}: the banner closes`);
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});

test('a damaged link falls back to the autosaved plan, not just the sample', async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  await waitSaved(page, { name: WORKSHOP.name });
  await page.goto('about:blank');
  await page.goto(server.url + '#s=AAAA');
  await page.waitForSelector('#fp-banners .fp-banner.fp-error');
  assert.match((await bannerTexts(page, 'error'))[0], /opened your last plan instead/);
  assert.equal((await scenario(page)).name, WORKSHOP.name);
  await context.close();
});

// Cells with names, e-mails and phone numbers, as pasted from a spreadsheet.
const PEOPLE = [
  'Name\tEmail\tPhone\tStage\tCreated\tChannel\tDeal value',
  'Annika Lindqvist\tannika.lindqvist@example.com\t+46 70 123 4567\tCustomer\t3/1/2024\tAds\t$12,000.00',
  'Bartholomew Chan\tbart.chan@example.org\t+1 415 555 0199\tLead\t3/2/2024\tSEO\t',
  'Cyrille Dumont\tcyrille@example.net\t+33 6 12 34 56 78\tMQL\t3/3/2024\tAds\t',
  'Dagny Ekström\tdagny.e@example.com\t+46 70 765 4321\tSQL\t3/14/2024\tSEO\t',
  'Evander Fox\tevander@example.com\t+44 20 7946 0958\tLead\t3/15/2024\tEvents\t',
  'Florentyna Gil\tflo.gil@example.com\t+48 22 123 45 67\tCustomer\t3/20/2024\tSEO\t$8,000.00',
].join('\r\n') + '\r\n';

test('share links carry the plan, never the imported lead data', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const analysis = await page.evaluate((t) => window.funnelplan.importText(t, 'crm.tsv'), PEOPLE);
  assert.equal(analysis.rows.imported, 6);
  const planned = await page.evaluate(() => window.funnelplan.useRatesFromData());
  assert.equal(planned.ok, true);
  assert.deepEqual(planned.stages.map((s) => s.name), ['Lead', 'MQL', 'SQL', 'Customer']);
  const link = await page.evaluate(() => window.funnelplan.shareLink());
  const decoded = decodeLink(link);
  assert.deepEqual(JSON.parse(decoded), await scenario(page), 'the link is the scenario');
  const personal = PEOPLE.split('\r\n').slice(1, -1).flatMap((row) => row.split('\t').slice(0, 3));
  personal.push(...personal.flatMap((p) => p.split(/[\s@.]+/)).filter((w) => w.length > 3 && !/^\+?\d+$/.test(w)));
  for (const value of personal) {
    assert.ok(!decoded.toLowerCase().includes(value.toLowerCase()), `"${value}" is in the link`);
    assert.ok(!link.includes(encodeURIComponent(value)), `"${value}" is in the link`);
  }
  assert.ok(link.length < 2000, `link is ${link.length} characters`);
  // …and the autosave (the scenario, the data's counts and rates) holds none of them either.
  await waitSaved(page, { 'stages.length': 4 });
  await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1'));
  const stored = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
  // (whole words: the column name "Channel" holds "Chan" but no one's name)
  for (const value of personal) {
    const word = new RegExp('(^|[^\\p{L}\\p{N}])' + value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '($|[^\\p{L}\\p{N}])', 'iu');
    assert.ok(!word.test(stored), `"${value}" is in localStorage`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('every edit is autosaved and a reload restores it', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await typeIntoInput(page, 'revenue_goal', '2000000');          // through the canvas, as a user
  await typeIntoInput(page, 'steps[4].rate', '50');
  const edited = await result(page);
  assert.equal(edited.customers.whole, 80);
  assert.equal(edited.stages[4].whole, 160);
  await waitSaved(page, { revenue_goal: 2000000, 'steps.4.rate': 0.5 });
  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForFunction(() => window.funnelplan.getScenario().revenue_goal === 2000000);
  assert.deepEqual(await result(page), edited);
  assert.deepEqual(await bannerTexts(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the imported data comes back after a reload as counts and rates, without any row', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  // Enough dated rows that "Created" is a date column, and one cell in it that is not a date:
  // its warning quotes the cell, so it must not be stored.
  let pasted = PEOPLE;
  for (let i = 1; i <= 14; ++i) pasted += `Person ${i}\tp${i}@example.com\t\tLead\t4/${i}/2024\tAds\t\r\n`;
  pasted += 'Zacharias Quist\tzq@example.com\t+1 555 0100\tLead\task Zacharias\tAds\t\r\n';
  const imported = await page.evaluate((t) => window.funnelplan.importText(t, 'crm.tsv'), pasted);
  assert.equal(imported.rows.imported, 21);
  assert.ok(imported.warnings.listed.some((w) => w.message.includes('ask Zacharias')));
  await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1'));
  const planned = await page.evaluate(() => window.funnelplan.useRatesFromData());
  await waitSaved(page, { 'stages.length': 4 });

  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForFunction(() => window.funnelplan.getAnalysis() !== null);
  const restored = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(restored.restored, true);
  assert.equal(restored.source, 'crm.tsv');
  assert.deepEqual(restored.rows, imported.rows);
  assert.deepEqual(restored.stage_counts, imported.stage_counts);
  assert.deepEqual(restored.funnel, imported.funnel);
  assert.deepEqual(restored.columns, imported.columns);
  assert.equal(restored.warnings.total, imported.warnings.total);
  assert.deepEqual(restored.warnings.listed, [], 'listed warnings (which quote cells) are not kept');
  // Planning from the restored rates gives the plan the rows gave.
  const other = { ...(await scenario(page)), stages: WORKSHOP.stages, steps: WORKSHOP.steps, deal_size: 1 };
  assert.equal((await page.evaluate((s) => window.funnelplan.setScenario(s), other)).ok, true);
  assert.notDeepEqual(await result(page), planned);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.useRatesFromData()), planned);
  await page.evaluate(() => window.funnelplan.selectTab('Data'));
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'shell-restored-data.png');

  const stored = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
  for (const value of ['Annika', 'Lindqvist', 'annika.lindqvist@example.com', '4567', 'Zacharias', 'zq@example.com']) {
    assert.ok(!stored.includes(value), `"${value}" is in localStorage`);
  }

  // Reset clears it (the sample plan, no data); Undo brings both back.
  await Promise.all([page.waitForEvent('load'), runAction(page, 'resetAll')]);
  await waitForFrames(page, 3);
  assert.equal(await page.evaluate(() => window.funnelplan.getAnalysis()), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('funnelplan.imported-summary.v1')), null);
  await page.waitForSelector('#fp-banners [data-id="reset"]');
  await page.click('#fp-banners [data-id="reset"] button:has-text("Undo")');
  assert.deepEqual((await page.evaluate(() => window.funnelplan.getAnalysis())).funnel, imported.funnel);
  await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged saved data summary gets a message and the app opens with the plan', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  await waitSaved(page, { name: WORKSHOP.name });
  await page.evaluate(() => localStorage.setItem('funnelplan.imported-summary.v1',
    JSON.stringify({ source: 'x.csv', ok: true, funnel: { counts: { stages: ['A', 'B'], reached: [5] } } })));
  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForSelector('#fp-banners [data-id="autosave-data"]');
  assert.match((await bannerTexts(page, 'error'))[0], /could not be restored/);
  assert.equal((await scenario(page)).name, WORKSHOP.name);
  assert.equal(await page.evaluate(() => window.funnelplan.getAnalysis()), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('funnelplan.imported-summary.v1')), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link wins over the autosave, and "Back to my plan" restores the own plan', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.setScenario({ ...window.funnelplan.getScenario(), revenue_goal: 3000000 }));
  await waitSaved(page, { revenue_goal: 3000000 });
  await page.goto('about:blank');
  await page.goto(linkFor(JSON.stringify(WORKSHOP)));
  await waitForFrames(page, 3);
  await page.waitForFunction(() => window.funnelplan.getScenario().name === 'Acme Q3 workshop');
  await page.waitForSelector('#fp-banners [data-id="shared"]');
  assert.match((await bannerTexts(page, 'info'))[0], /You opened a shared plan/);
  await saveScreenshot(page, 'shell-shared-plan.png');
  await page.click('#fp-banners [data-id="shared"] button:has-text("Back to my plan")');
  assert.equal((await scenario(page)).revenue_goal, 3000000);
  assert.equal(await page.evaluate(() => location.hash), '', 'the link leaves the address bar');
  await waitSaved(page, { revenue_goal: 3000000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link pasted into the address bar of an open page opens its plan', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate((url) => { location.href = url; }, linkFor(JSON.stringify(WORKSHOP)));  // hashchange, no reload
  await page.waitForFunction(() => window.funnelplan.getScenario().name === 'Acme Q3 workshop');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('reset clears the saved plan, shows the sample plan, and can be undone', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  await waitSaved(page, { name: WORKSHOP.name });
  await Promise.all([page.waitForEvent('load'), runAction(page, 'resetAll')]);
  await waitForFrames(page, 3);
  assert.deepEqual((await result(page)).stages.map((s) => s.whole), SAMPLE_WHOLE);
  await waitSaved(page, { name: 'Sample plan' });
  await page.waitForSelector('#fp-banners [data-id="reset"]');
  await page.click('#fp-banners [data-id="reset"] button:has-text("Undo")');
  assert.equal((await scenario(page)).name, WORKSHOP.name);
  await waitSaved(page, { name: WORKSHOP.name });
  assert.deepEqual(errors, []);
  await context.close();
});

async function download(page, action) {
  const [dl] = await Promise.all([page.waitForEvent('download'), runAction(page, action)]);
  const file = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, name: dl.suggestedFilename() };
}

// A plan CSV is sections separated by empty lines, each a small table with a header row.
function csvSections(text) {
  return text.replace(/^\ufeff/, '').replace(/\r\n$/, '').split('\r\n\r\n').map((block) => block.split('\r\n'));
}

test('plan as CSV: the whole plan in sections, the same text as the CLI writes', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const { file, name } = await download(page, 'exportPlanCsv');
  assert.equal(name, 'sample-plan-plan.csv');
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const text = bytes.toString('utf8');
  const sections = csvSections(text);
  const plan = await result(page);
  const find = (header) => sections.find((rows) => rows[0].startsWith(header));
  // Assumptions.
  assert.equal(sections[0][0], 'Funnel plan,Sample plan');
  assert.ok(sections[0].includes('Revenue goal,1000000.00'));
  assert.ok(sections[0].includes('Average deal size,25000.00'));
  // Stages: exact and target, as the plan has them.
  const stages = find('Stage,Needed (exact),Target').slice(1).map((line) => line.split(','));
  assert.deepEqual(stages.map((r) => r[0]), plan.stages.map((s) => s.name));
  assert.deepEqual(stages.map((r) => Number(r[2])), SAMPLE_WHOLE);
  stages.forEach((r, i) => assert.ok(Math.abs(Number(r[1]) - plan.stages[i].exact) < 0.006, r.join()));
  // Month × stage targets: every stage's months add up to its target, the Total row says so.
  const months = find('Month,Revenue goal').map((line) => line.split(','));
  const total = months[months.length - 1];
  assert.equal(total[0], 'Total');
  assert.deepEqual(total.slice(2).map(Number), SAMPLE_WHOLE);
  const body = months.slice(1, -1);
  assert.equal(body.length, plan.monthly.months.length);
  SAMPLE_WHOLE.forEach((whole, k) => {
    assert.equal(body.reduce((sum, row) => sum + Number(row[2 + k]), 0), whole, `months of ${plan.stages[k].name}`);
  });
  // Money and warnings are there too.
  assert.ok(find('Money,'), 'a money section');
  assert.ok(find('Step,Conversion rate,Lag (months)'), 'the steps with their rates and lags');
  // One writer: the CLI prints the same text for the same scenario.
  if (fs.existsSync(funnelplanCli)) {
    const scenarioFile = path.join(path.dirname(file), 'plan-scenario.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(await scenario(page)));
    const cli = execFileSync(funnelplanCli, ['plan', scenarioFile, '--format', 'csv'], { encoding: 'utf8' });
    assert.equal(text.replace(/^\ufeff/, ''), cli);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('plan as CSV: stage names that look like formulas are defused', async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.setScenario({ version: 1, revenue_goal: 1000, deal_size: 100,
    stages: ['=HYPERLINK("http://evil.example","x")', 'Sales, "won"'], steps: [{ rate: 0.5 }] }));
  const { file } = await download(page, 'exportPlanCsv');
  const stages = csvSections(fs.readFileSync(file, 'utf8')).find((rows) => rows[0] === 'Stage,Needed (exact),Target');
  assert.equal(stages[1], `"'=HYPERLINK(""http://evil.example"",""x"")",20.00,20`);
  assert.equal(stages[2], '"Sales, ""won""",10.00,10');
  await context.close();
});

test('scenario as JSON downloads and loads back', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  const before_ = await result(page);
  const { file, name } = await download(page, 'exportScenarioJson');
  assert.equal(name, 'acme-q3-workshop.scenario.json');
  const text = fs.readFileSync(file, 'utf8');
  assert.deepEqual(JSON.parse(text), await scenario(page));
  await page.evaluate(() => window.funnelplan.setScenario({ ...window.funnelplan.getScenario(), revenue_goal: 1 }));
  assert.notDeepEqual(await result(page), before_);
  const reply = await page.evaluate((t) => window.funnelplan.setScenario(t), text);
  assert.equal(reply.ok, true);
  assert.deepEqual(await result(page), before_);
  if (fs.existsSync(funnelplanCli)) {
    const cli = JSON.parse(execFileSync(funnelplanCli, ['plan', file, '--format', 'json'], { encoding: 'utf8' }));
    assert.deepEqual(cli.stages.map((s) => s.whole), before_.stages.map((s) => s.whole));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('chart as PNG is the rendered app, not a blank buffer', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  // Let the app go idle (it stops drawing): the export must still get a freshly drawn frame.
  await page.waitForFunction(() => { const n = window.funnelplan.frameCount(); return new Promise((r) =>
    setTimeout(() => r(window.funnelplan.frameCount() === n), 1000)); }, null, { timeout: 30000 });
  const { file, name } = await download(page, 'exportChartPng');
  assert.equal(name, 'sample-plan-chart.png');
  const png = fs.readFileSync(file);
  const { width, height } = decodePng(png);
  const canvas = await page.evaluate(() => ({ w: window.Module.canvas.width, h: window.Module.canvas.height }));
  const rect = await page.evaluate(() => window.funnelplan.uiRect('chart'));
  // The chart (or the whole canvas) plus a title band above and a legend line below.
  const dpr = await page.evaluate(() => window.Module.canvas.width / window.Module.canvas.clientWidth);
  const chartHeight = rect ? Math.round(rect.h * dpr) : canvas.h;
  assert.equal(height, chartHeight + Math.round(58 * dpr) + Math.round(26 * dpr), 'title band and legend around the chart');
  assert.ok(width >= (rect ? Math.round(rect.w * dpr) : canvas.w));
  // The title band is not blank: it holds the plan's name and goal.
  const band = screenshotStats(png, { y0: 0, y1: Math.round(58 * dpr) });
  assert.ok(band.nonBackground > 0.005, `the title band is blank (${band.nonBackground})`);
  const stats = screenshotStats(png);
  assert.ok(stats.nonBackground > 0.1, `PNG is mostly blank (${stats.nonBackground})`);
  assert.ok(stats.colours > 50, `PNG has only ${stats.colours} colours`);
  fs.copyFileSync(file, path.join(repoRoot, 'test-artifacts', 'shell-export-chart.png'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the printable summary shows the goal, the deal size and the stage table', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(server.url);
  await waitForFrames(page, 3);
  await runAction(page, 'printSummary');
  await page.waitForFunction(() => window.__printed === 1);
  const text = await page.textContent('#fp-print .fp-page');
  for (const s of ['Sample plan', '$1,000,000', '$25,000', 'Customers needed', 'Needed at Visitor', '53,334',
                   '53,333.33', '2.5 %', '40 %', 'Opportunity', '160']) {
    assert.ok(text.includes(s), `summary lacks "${s}"`);
  }
  const table = await page.$$eval('#fp-print .fp-table:not(.fp-compact) tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(0, 5).map((td) => td.textContent)));
  assert.deepEqual(table.map((r) => r[4]), SAMPLE_WHOLE.map((n) => n.toLocaleString('en-US')));
  assert.deepEqual(table[5], ['Customer', '', '', '40.00', '40']);
  // The sample's lags (Visitor → Lead 0, Lead → MQL 1, MQL → SQL 0, SQL → Opportunity 1,
  // Opportunity → Customer 1 month) beside each stage's rate.
  assert.deepEqual(table.map((r) => r[2]), ['0 mo', '1 mo', '0 mo', '1 mo', '1 mo', '']);
  // The monthly targets: a row per month and a Total row; each stage's months add up to it.
  const months = await page.$$eval('#fp-print .fp-compact tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const total = months.find((r) => r[0] === 'Total');
  assert.ok(total, 'a Total row');
  assert.deepEqual(total.slice(1), SAMPLE_WHOLE.map((n) => n.toLocaleString('en-US')));
  const body = months.slice(0, months.indexOf(total));
  const num = (t) => Number(String(t).replace(/,/g, '')) || 0;
  SAMPLE_WHOLE.forEach((whole, k) => assert.equal(body.reduce((sum, r) => sum + num(r[k + 1]), 0), whole));
  for (const s of ['Monthly targets', 'Money', 'Warnings', 'Pipeline coverage']) assert.ok(text.includes(s), `summary lacks "${s}"`);
  // Print and Close never cover the app's toolbar row (Undo, Redo, share, Export) at the top.
  const buttons = await page.$$eval('#fp-print .fp-print-toolbar button', (bs) => bs.map((b) => b.getBoundingClientRect().top));
  const exportButton = await page.evaluate(() => window.funnelplan.uiRect('toolbar_export'));
  assert.ok(exportButton, 'the toolbar publishes its Export button');
  const rowBottom = exportButton.y + exportButton.h;
  for (const top of buttons) assert.ok(top >= rowBottom, `print buttons at ${top} px overlap the app toolbar (ends at ${rowBottom} px)`);
  await saveScreenshot(page, 'shell-print-summary.png');
  // In print, only the summary is shown: the app canvas and the buttons are hidden.
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    canvas: getComputedStyle(document.getElementById('canvas')).display,
    toolbar: getComputedStyle(document.querySelector('.fp-print-toolbar')).display,
    page: getComputedStyle(document.querySelector('.fp-page')).display,
  }));
  assert.deepEqual(shown, { canvas: 'none', toolbar: 'none', page: 'block' });
  // It fits on one or two pages of A4 and of Letter.
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `${format}: ${pages} pages`);
  }
  await saveScreenshot(page, 'shell-print-media.png');
  await page.emulateMedia({ media: 'screen' });
  await page.click('#fp-print button:has-text("Close")');
  assert.equal(await page.$('#fp-print'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no request leaves the origin and the Content-Security-Policy reports no violation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(server.url);
  await waitForFrames(page, 3);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Use the app: import data with personal fields, plan, share, export, summary.
  await page.evaluate((t) => window.funnelplan.importText(t, 'crm.tsv'), PEOPLE);
  await page.evaluate(() => window.funnelplan.useRatesFromData());
  await page.evaluate(() => window.funnelplan.shareLink());
  await page.evaluate(() => { window.print = () => {}; });
  for (const action of ['exportPlanCsv', 'exportScenarioJson', 'exportChartPng']) await download(page, action);
  await runAction(page, 'printSummary');
  await page.reload();
  await waitForFrames(page, 3);

  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.ok(requests.some((u) => u.endsWith('/index.wasm')) && requests.some((u) => u.endsWith('/sw.js')));
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(errors, []);

  // The policy is really in force: another origin and an injected inline script are refused.
  // (eval cannot be checked from here: code sent by the test driver is exempt from the CSP.)
  const blocked = await page.evaluate(async () => {
    let fetched = 'allowed';
    try { await fetch('https://example.com/collect'); } catch { fetched = 'blocked'; }
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.body.append(inline);
    await new Promise((r) => setTimeout(r, 100));
    return { fetched, inline: window.__inlineRan === true, violations: window.__csp };
  });
  assert.equal(blocked.fetched, 'blocked');
  assert.equal(blocked.inline, false, 'an injected inline script does not run');
  assert.ok(blocked.violations.some((v) => v.startsWith('connect-src https://example.com')), blocked.violations.join('; '));
  assert.ok(blocked.violations.some((v) => v.startsWith('script-src-elem inline')), blocked.violations.join('; '));
  assert.ok(!requests.some((u) => u.includes('example.com')));
  await context.close();
});

test('the wasm compiles before the loader runs; sent as octet-stream it still starts; missing, the page says so', async () => {
  // funnelplan.js starts the compile as it runs, before index.js (the loader) is in.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.__compiles = [];
      const compileStreaming = WebAssembly.compileStreaming;
      WebAssembly.compileStreaming = function (...args) {
        window.__compiles.push({ loaderRan: !!(window.Module && window.Module.ccall) });
        return compileStreaming.apply(this, args);
      };
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForFrames(page, 2);
    assert.deepEqual(await page.evaluate(() => window.__compiles), [{ loaderRan: false }]);
    assert.equal((await result(page)).customers.whole, 40);
    await context.close();
  }
  // A server that sends the wasm without "application/wasm" fails a streaming compile: the page
  // compiles the same response's bytes instead (one request, not a second download).
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let requests = 0;
    await context.route('**/index.wasm', async (route) => {
      ++requests;
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    const page = await context.newPage();
    const warnings = [];
    page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    await page.goto(server.url);
    await waitForFrames(page, 2);
    assert.equal((await result(page)).customers.whole, 40);
    assert.ok(warnings.some((w) => /Serve \.wasm as application\/wasm/.test(w)), warnings.join('\n'));
    // The page's own request once. The preload may count as another: with requests routed, the
    // browser does not hand the preloaded response to the page's request (dist.test.mjs checks
    // that it does without routing). A second download of the page's own would make three.
    assert.ok(requests <= 2, `the wasm was requested ${requests} times`);
    await context.close();
  }
  // No wasm at all: a message instead of a page that stays at "Loading…".
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/index.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('status').className === 'error', null, { timeout: 30000 });
    const status = await page.textContent('#status');
    assert.match(status, /^Funnel Planner could not start: .*index\.wasm.*404/, status);
    await context.close();
  }
});

test('after one visit the app opens and computes with the network off', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('funnelplan-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  });
  const shellModules = fs.readdirSync(path.join(webRoot, 'shell')).filter((f) => f.endsWith('.js')).map((f) => '/shell/' + f);
  assert.ok(shellModules.includes('/shell/main.js'));
  for (const f of ['/index.html', '/index.js', '/index.wasm', '/index.data', '/funnelplan.js', ...shellModules,
                   '/style.css', '/icon.svg', '/manifest.webmanifest']) {
    assert.ok(cached.includes(f), `${f} is not cached (${cached})`);
  }
  await context.setOffline(true);
  const served = server.requests.length;
  await page.reload();
  await waitForFrames(page, 3);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  const reply = await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  assert.equal(reply.ok, true);
  assert.equal((await result(page)).customers.whole, 40);
  assert.equal(server.requests.length, served, 'nothing reached the server while offline');
  const { png } = await saveScreenshot(page, 'shell-offline.png');
  assert.ok(screenshotStats(png).nonBackground > 0.1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the web app manifest makes the app installable', async () => {
  const { context, page } = await openApp(browser, server.url);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    return (await fetch(link.href)).json();
  });
  assert.equal(manifest.name, 'Funnel Planner');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  const icon = await page.evaluate(async (src) => (await fetch(src)).status, manifest.icons[0].src);
  assert.equal(icon, 200);
  // Chromium's own check (DevTools protocol): no installability errors.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // (Playwright's contexts are incognito, which Chromium reports but which is not the app's doing.)
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await context.close();
});

test('saved scenarios survive a reload', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => {
    window.funnelplan.saveScenario('Base');
    const s = window.funnelplan.getScenario();
    s.deal_size = 50000;
    window.funnelplan.setScenario(s);
    window.funnelplan.saveScenario('Bigger deals');
    window.funnelplan.saveNow();
  });
  await page.reload();
  await waitForFrames(page, 3);
  const saved = await page.evaluate(() => window.funnelplan.getSavedScenarios());
  assert.deepEqual(saved.map((x) => x.scenario.name), ['Base', 'Bigger deals']);
  assert.equal(saved[1].scenario.deal_size, 50000);
  assert.equal((await page.evaluate(() => window.funnelplan.getScenario())).name, 'Bigger deals');
  assert.deepEqual(errors, []);
  await context.close();
});
