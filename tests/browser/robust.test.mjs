// Every way into the engine from the page survives bad or huge input, and the user's work is
// never lost without a word (issue 10): share links, the autosave (plan, saved scenarios, data
// summary), the JS API, paste, two share links in a row, two tabs, a full storage, storage turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

const PLAN_KEY = 'funnelplan.scenario.v1';
const SAVED_KEY = 'funnelplan.saved-scenarios.v1';
const ASIDE_KEY = 'funnelplan.saved-scenarios.v1.rejected';
const DATA_KEY = 'funnelplan.imported-summary.v1';

const WORKSHOP = {
  version: 1, name: 'Acme Q3 workshop', currency: 'EUR', revenue_goal: 480000, deal_size: 12000,
  stages: ['Visitor', 'Lead', 'MQL', 'SQL', 'Customer'],
  steps: [{ rate: 0.031 }, { rate: 0.35 }, { rate: 0.45 }, { rate: 0.22 }],
};
const linkFor = (text) => server.url + '#s=' + zlib.deflateRawSync(Buffer.from(text)).toString('base64url');
const scenario = (page) => page.evaluate(() => window.funnelplan.getScenario());
const bannerTexts = (page, kind) => page.$$eval(`#fp-banners .fp-banner${kind ? '.fp-' + kind : ''}`,
                                                 (bs) => bs.map((b) => b.textContent));
const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
async function waitSaved(page, check) {
  await page.waitForFunction(([key, exp]) => {
    const s = JSON.parse(localStorage.getItem(key) || 'null');
    return !!s && Object.entries(exp).every(([k, v]) => s[k] === v);
  }, [PLAN_KEY, check], { timeout: 10000 });
}
// The app is alive: it draws new frames and answers the API with a plan.
async function assertAlive(page, what) {
  await waitForFrames(page, 3);
  const result = await page.evaluate(() => window.funnelplan.getResult());
  assert.equal(result.ok, true, what);
}
// An edit after the trouble still reaches the autosave.
async function assertAutosaves(page, what) {
  const goal = 1234567;
  const reply = await page.evaluate((g) => window.funnelplan.setScenario({ ...window.funnelplan.getScenario(), revenue_goal: g }), goal);
  assert.equal(reply.ok, true, what);
  await waitSaved(page, { revenue_goal: goal });
}

// Makes exported engine functions fail as a trap inside the engine does: the wasm stack
// pointer moved, then a RuntimeError. window.__fpFail maps a name to how many of its next
// calls fail; sessionStorage "fp-fail" ({name: count}) carries that over a page load.
function injectEngineFaults(context) {
  return context.addInitScript(() => {
    if (!location.protocol.startsWith('http')) return;  // (about:blank between pages)
    window.__fpFail = new Map(Object.entries(JSON.parse(sessionStorage.getItem('fp-fail') || '{}')));
    sessionStorage.removeItem('fp-fail');
    let M;
    Object.defineProperty(window, 'Module', { configurable: true, get: () => M, set: (v) => {
      M = v;
      if (!v || v.__faulty) return;
      v.__faulty = true;
      const init = v.onRuntimeInitialized;
      v.onRuntimeInitialized = function (...args) {
        for (const name of ['fp_set_scenario', 'fp_set_saved_scenarios', 'fp_restore_analysis']) {
          let real = M['_' + name];  // (Emscripten's lazy wrapper replaces itself: keep the real one)
          const faulty = (...a) => {
            const left = window.__fpFail.get(name);
            if (left > 0) {
              window.__fpFail.set(name, left - 1);
              M.stackAlloc(64 * 1024);
              throw new WebAssembly.RuntimeError('memory access out of bounds (injected)');
            }
            return real(...a);
          };
          Object.defineProperty(M, '_' + name, { configurable: true, get: () => faulty, set: (f) => { real = f; } });
        }
        return init.apply(this, args);
      };
    } });
  });
}
const failNextLoad = (page, faults) => page.evaluate((f) => sessionStorage.setItem('fp-fail', JSON.stringify(f)), faults);

test('share links with 1e400, -1e400, deep nesting or an engine failure: a banner, the own plan stays, autosave goes on', async () => {
  const text = JSON.stringify(WORKSHOP);
  const nested = (depth) => text.replace(/}$/, `,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  const cases = [
    ['1e400', text.replace('"revenue_goal":480000', '"revenue_goal":1e400'), /too large|out of range|revenue_goal/i],
    ['-1e400 in a step', text.replace('{"rate":0.35}', '{"rate":-1e400}'), /too large|out of range|steps/i],
    ['10,000 levels', nested(10000), /nested|deep|depth/i],
    ['100,000 levels', nested(100000), /nested|deep|depth/i],
    ['engine failure', text, /could not do this/],
  ];
  for (const [what, bad, detail] of cases) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (what === 'engine failure') await injectEngineFaults(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(server.url);
    await waitForFrames(page, 3);
    const own = { ...WORKSHOP, name: 'My own plan', revenue_goal: 777000 };
    await page.evaluate((s) => window.funnelplan.setScenario(s), own);
    await waitSaved(page, { name: own.name });
    if (what === 'engine failure') await failNextLoad(page, { fp_set_scenario: 1 });  // the link's plan
    await page.goto('about:blank');
    await page.goto(linkFor(bad));
    await page.waitForSelector('#fp-banners .fp-banner.fp-error', { timeout: 20000 });
    const [message] = await bannerTexts(page, 'error');
    assert.match(message, /could not be opened.*opened your last plan instead/s, what);
    assert.match(message, detail, what);
    assert.equal((await scenario(page)).name, own.name, `${what}: the own plan is on screen`);
    await assertAlive(page, what);
    await assertAutosaves(page, what);
    if (what === '1e400') await saveScreenshot(page, 'robust-link-1e400.png');
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});

test('startup: an engine failure restoring the plan, the saved scenarios or the data summary gives a banner; autosave starts', async () => {
  const cases = [
    ['fp_set_scenario', 'autosave', /Your saved plan could not be restored.*kept aside/s],
    ['fp_set_saved_scenarios', 'startup-restore-your-saved-scenarios', /could not restore your saved scenarios/],
    ['fp_restore_analysis', 'autosave-data', /summary of your imported data could not be restored/],
  ];
  for (const [failing, bannerId, message] of cases) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await injectEngineFaults(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(server.url);
    await waitForFrames(page, 3);
    await page.evaluate((s) => {
      window.funnelplan.setScenario(s);
      window.funnelplan.saveScenario('Kept one');
    }, WORKSHOP);
    await page.evaluate(() => window.funnelplan.importText('Stage\tCreated\nLead\t2024-03-01\nCustomer\t2024-03-02\n', 'tiny.tsv'));
    await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1') &&
                                     (localStorage.getItem('funnelplan.saved-scenarios.v1') || '').includes('Kept one'));
    const savedBefore = await stored(page, SAVED_KEY);
    const planBefore = await stored(page, PLAN_KEY);
    await failNextLoad(page, { [failing]: 1e9 });  // every call fails until cleared
    await page.reload();
    await page.waitForSelector(`#fp-banners [data-id="${bannerId}"]`, { timeout: 20000 });
    const text = await page.$eval(`#fp-banners [data-id="${bannerId}"]`, (b) => b.textContent);
    assert.match(text, message, failing);
    await page.evaluate(() => window.__fpFail.clear());
    await assertAlive(page, failing);
    if (failing === 'fp_set_scenario') {
      assert.equal(await stored(page, 'funnelplan.scenario.v1.rejected'), planBefore, 'the plan is kept aside');
    }
    if (failing === 'fp_set_saved_scenarios') {
      // The stored list was not read, so it must not be overwritten by the (empty) list shown.
      await assertAutosaves(page, failing);
      assert.equal(await stored(page, SAVED_KEY), savedBefore, 'the saved list is left as it was');
      await saveScreenshot(page, 'robust-startup-saved-failed.png');
    } else {
      await assertAutosaves(page, failing);
    }
    assert.deepEqual(errors, [], failing);
    await context.close();
  }
});

// A plain CSV of 20,000 leads, each from its own "Original Source": the summary of the data
// is megabytes of JSON (every source listed), which a reload reads back.
function manySourcesCsv(n = 20000) {
  const stages = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];
  const lines = ['Record ID,Email,Lifecycle Stage,Create Date,Original Source'];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`${i + 1},lead${i}@example.com,${stages[(i * 7) % stages.length]},2024-${month}-${day},Campaign number ${i} (partner site)`);
  }
  return lines.join('\n') + '\n';
}

test('a 2 MB autosaved data summary (20,000 distinct sources) reloads into a live app', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const csv = manySourcesCsv();
  assert.ok(csv.length > 1.3e6, `CSV is ${csv.length} bytes`);
  const analysis = await page.evaluate((t) => window.funnelplan.importText(t, 'many-sources.csv'), csv);
  assert.equal(analysis.ok, true);
  assert.equal(analysis.rows.imported, 20000);
  await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1'));
  const full = await page.evaluate(() => JSON.stringify(window.funnelplan.getAnalysis()));
  assert.ok(full.length > 2e6, `the whole analysis is ${full.length} bytes`);
  // What this version keeps, then what an earlier version kept: the whole analysis.
  for (const which of ['as saved', 'the whole analysis']) {
    if (which === 'the whole analysis') await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DATA_KEY, full]);
    await page.reload();
    await waitForFrames(page, 5);
    await page.waitForFunction(() => window.funnelplan.getAnalysis() !== null ||
                                     !!document.querySelector('#fp-banners [data-id="autosave-data"]'), null, { timeout: 20000 });
    // (The engine reads summaries up to 16 MB, so both come back: no message needed.)
    const restored = await page.evaluate(() => window.funnelplan.getAnalysis());
    assert.deepEqual(await bannerTexts(page, 'error'), [], which);
    assert.equal(restored.restored, true, which);
    assert.equal(restored.rows.imported, 20000, which);
    assert.deepEqual(restored.stage_counts, analysis.stage_counts, which);
    await assertAlive(page, which);
  }
  await page.evaluate(() => window.funnelplan.selectTab('Data'));
  await waitForFrames(page, 3);
  await saveScreenshot(page, 'robust-many-sources-restored.png');
  await assertAutosaves(page, 'after the restore');
  assert.deepEqual(errors, []);
  await context.close();
});

test('setScenario with 20 MB or 100 MB of text answers {ok:false} and the app keeps working', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const before = await scenario(page);
  for (const mb of [5, 20, 100]) {
    const reply = await page.evaluate((n) => {
      const text = '{"version": 1, "name": "' + 'x'.repeat(n * 1024 * 1024) + '"}';
      return window.funnelplan.setScenario(text);
    }, mb);
    assert.equal(reply.ok, false, `${mb} MB`);
    assert.equal(reply.errors.length >= 1, true);
    assert.ok(reply.errors[0].message.length > 10, `${mb} MB: a message`);
    if (mb > 16) assert.match(reply.errors[0].message, /\d+(\.\d)? MB; the limit is 16 MB/, `${mb} MB: the message gives the size`);
    assert.deepEqual(await scenario(page), before, `${mb} MB: nothing changed`);
  }
  // 3 MB (an unknown field: kept, with a warning) is under every limit and is read.
  const big = await page.evaluate(() => window.funnelplan.setScenario(
    JSON.stringify({ ...window.funnelplan.getScenario(), notes_from_crm: 'n'.repeat(3 * 1024 * 1024) })));
  assert.equal(big.ok, true, JSON.stringify(big).slice(0, 300));
  assert.equal((await scenario(page)).notes_from_crm.length, 3 * 1024 * 1024);
  assert.equal((await page.evaluate((s) => window.funnelplan.setScenario(s), before)).ok, true);
  // The same for a data summary.
  const summary = await page.evaluate(() => window.funnelplan.restoreAnalysis('"' + 'y'.repeat(20 * 1024 * 1024) + '"'));
  assert.equal(summary.ok, false);
  assert.match(summary.errors[0].message, /limit/);
  await assertAlive(page, 'after huge texts');
  await assertAutosaves(page, 'after huge texts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('50 failing setScenario calls leave no stack behind, then a good one works', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await injectEngineFaults(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(server.url);
  await waitForFrames(page, 3);
  const text = JSON.stringify(WORKSHOP);
  const bad = [
    text.replace('"revenue_goal":480000', '"revenue_goal":1e400'),
    text.replace('"deal_size":12000', '"deal_size":"twelve"'),
    text.replace(/}$/, `,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    '{"version": 1, "name": "' + 'z'.repeat(1024 * 1024) + '"',  // 1 MB, cut off
  ];
  const outcome = await page.evaluate(([badTexts]) => {
    const M = window.Module;
    const sp = M.stackSave();
    const replies = [];
    for (let i = 0; i < 50; i++) {
      if (i % 5 === 4) window.__fpFail.set('fp_set_scenario', 1);  // every fifth: the engine traps
      replies.push(window.funnelplan.setScenario(badTexts[i % badTexts.length]));
    }
    return { spMoved: M.stackSave() - sp, replies };
  }, [bad]);
  assert.equal(outcome.spMoved, 0, 'the wasm stack pointer is where it was');
  assert.equal(outcome.replies.length, 50);
  for (const r of outcome.replies) {
    assert.equal(r.ok, false);
    assert.ok(r.errors.length > 0 && typeof r.errors[0].message === 'string' && r.errors[0].message.length > 0);
  }
  assert.ok(outcome.replies.filter((r) => /could not do this/.test(r.errors[0].message)).length === 10, 'the injected traps answer as failures');
  const good = await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP);
  assert.equal(good.ok, true);
  assert.equal((await scenario(page)).name, WORKSHOP.name);
  await assertAlive(page, 'after 50 failures');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two share links in a row: "Back to my plan" brings back the plan from before both', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const own = { ...WORKSHOP, name: 'My own plan', revenue_goal: 3000000 };
  await page.evaluate((s) => window.funnelplan.setScenario(s), own);
  await waitSaved(page, { name: own.name });
  const linkA = linkFor(JSON.stringify({ ...WORKSHOP, name: 'Shared A' }));
  const linkB = linkFor(JSON.stringify({ ...WORKSHOP, name: 'Shared B', revenue_goal: 960000 }));
  await page.evaluate((url) => { location.href = url; }, linkA);  // hashchange in the open page
  await page.waitForFunction(() => window.funnelplan.getScenario().name === 'Shared A');
  await waitSaved(page, { name: 'Shared A' });
  await page.evaluate((url) => { location.href = url; }, linkB);
  await page.waitForFunction(() => window.funnelplan.getScenario().name === 'Shared B');
  await waitSaved(page, { name: 'Shared B' });
  // …and a reload on link B still offers the way back to the own plan.
  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForSelector('#fp-banners [data-id="shared"]');
  await saveScreenshot(page, 'robust-two-links.png');
  await page.click('#fp-banners [data-id="shared"] button:has-text("Back to my plan")');
  const back = await scenario(page);
  assert.equal(back.name, own.name);
  assert.equal(back.revenue_goal, own.revenue_goal);
  await waitSaved(page, { name: own.name });
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs saving different scenarios: both survive, in both tabs and after a reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pages = [await context.newPage(), await context.newPage()];
  const errors = [];
  for (const p of pages) {
    p.on('pageerror', (err) => errors.push(String(err)));
    await p.goto(server.url);
    await waitForFrames(p, 3);
  }
  const [a, b] = pages;
  const save = (p, name, goal) => p.evaluate(([n, g]) => {
    window.funnelplan.setScenario({ ...window.funnelplan.getScenario(), revenue_goal: g });
    window.funnelplan.saveScenario(n);
    window.funnelplan.saveNow();
  }, [name, goal]);
  const savedNames = (p) => p.evaluate(() => window.funnelplan.getSavedScenarios().map((x) => x.scenario.name).sort());
  await save(a, 'Alpha', 1111000);
  await save(b, 'Beta', 2222000);
  await save(a, 'Gamma', 3333000);
  await save(b, 'Delta', 4444000);
  const all = ['Alpha', 'Beta', 'Delta', 'Gamma'];
  for (const p of pages) await p.waitForFunction((n) => window.funnelplan.getSavedScenarios().length === n, all.length, { timeout: 10000 });
  assert.deepEqual(await savedNames(a), all);
  assert.deepEqual(await savedNames(b), all);
  await a.waitForFunction((n) => JSON.parse(localStorage.getItem('funnelplan.saved-scenarios.v1')).length === n, all.length);
  const c = await context.newPage();
  c.on('pageerror', (err) => errors.push(String(err)));
  await c.goto(server.url);
  await waitForFrames(c, 3);
  assert.deepEqual(await savedNames(c), all);
  const goals = await c.evaluate(() => Object.fromEntries(window.funnelplan.getSavedScenarios().map((x) => [x.scenario.name, x.scenario.revenue_goal])));
  assert.deepEqual(goals, { Alpha: 1111000, Beta: 2222000, Gamma: 3333000, Delta: 4444000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unreadable saved scenario is kept aside with a banner; the readable ones load', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const good = (name, goal) => JSON.stringify({ scenario: { ...WORKSHOP, name, revenue_goal: goal }, compare: false });
  const newer = JSON.stringify({ scenario: { ...WORKSHOP, version: 7, name: 'From the future' }, compare: false });
  const huge = `{"scenario": {"version": 1, "name": "Huge goal", "revenue_goal": 1e400, "deal_size": 10}, "compare": true}`;
  const wrong = JSON.stringify({ scenario: { ...WORKSHOP, name: 'Wrong types', deal_size: 'twelve', stages: 'Lead' }, compare: 'yes' });
  const list = `[${good('First', 100000)},${newer},${huge},${wrong},${good('Last', 200000)}]`;
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SAVED_KEY, list]);
  await page.reload();
  await waitForFrames(page, 3);
  await page.waitForSelector('#fp-banners [data-id="saved-aside"]');
  const banner = await page.$eval('#fp-banners [data-id="saved-aside"]', (b) => b.textContent);
  assert.match(banner, /3 saved scenarios could not be read.*kept aside.*the others are loaded/s);
  for (const name of ['From the future', 'Huge goal', 'Wrong types']) assert.ok(banner.includes(name), `${name} is named`);
  assert.match(banner, /newer version/);
  await saveScreenshot(page, 'robust-saved-kept-aside.png');
  const saved = await page.evaluate(() => window.funnelplan.getSavedScenarios().map((x) => [x.scenario.name, x.scenario.revenue_goal]));
  assert.deepEqual(saved, [['First', 100000], ['Last', 200000]]);
  // The unreadable entries are kept character for character (1e400 is not turned into null).
  const aside = JSON.parse(await stored(page, ASIDE_KEY));
  assert.deepEqual(aside.map((x) => x.entry), [newer, huge, wrong]);
  // The stored list then holds the readable ones; a reload brings no second copy aside.
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).length === 2, SAVED_KEY);
  await page.reload();
  await waitForFrames(page, 3);
  assert.deepEqual(await page.evaluate(() => window.funnelplan.getSavedScenarios().map((x) => x.scenario.name)), ['First', 'Last']);
  assert.equal(await page.$('#fp-banners [data-id="saved-aside"]'), null);
  assert.equal(JSON.parse(await stored(page, ASIDE_KEY)).length, 3);
  // A list that is not a list at all is kept aside whole.
  await page.evaluate(([key]) => localStorage.setItem(key, '{"not": "a list"}'), [SAVED_KEY]);
  await page.reload();
  await page.waitForSelector('#fp-banners [data-id="saved-aside"]');
  assert.ok(JSON.parse(await stored(page, ASIDE_KEY)).some((x) => x.entry === '{"not": "a list"}'));
  await assertAlive(page, 'after unreadable saved scenarios');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lone surrogate in pasted cells does not swallow the tab after it', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  const rows = [
    'Name\tStage\tCreated\tChannel',
    'Ann\tCustomer\t3/1/2024\tAds',
    'Bo \ud800\tLead\t3/2/2024\tSEO',       // a lone high surrogate right before the tab
    'Cy\tMQL\t3/3/2024\tAds\udc00',          // a lone low surrogate at a line end
    'Di\tSQL\t3/14/2024\tSEO',
    'Ed \ud83d\tLead\t3/15/2024\tEvents',
    'Flo\tCustomer\t3/20/2024\tSEO',
  ];
  const clean = rows.map((r) => r.replace(/[\ud800-\udfff]/g, '')).join('\r\n') + '\r\n';
  const expected = await page.evaluate((t) => window.funnelplan.importText(t, 'clean'), clean);
  assert.equal(expected.rows.imported, 6);
  // Pasted: the page's paste listener hands the text to the importer.
  const pasted = await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const readBack = dt.getData('text/plain');
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    return readBack;
  }, rows.join('\r\n') + '\r\n');
  assert.ok(/\ud800\t/.test(pasted), 'the paste event carries the lone surrogate');
  await page.waitForFunction(() => window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis().source === 'pasted data');
  const got = await page.evaluate(() => window.funnelplan.getAnalysis());
  assert.equal(got.rows.imported, expected.rows.imported);
  assert.deepEqual(got.stage_counts, expected.stage_counts);
  assert.deepEqual(got.columns.map((c) => c.name), expected.columns.map((c) => c.name));
  // The same through the API (importText): the surrogate is read as U+FFFD.
  const api = await page.evaluate((t) => window.funnelplan.importText(t, 'api'), rows.join('\n'));
  assert.deepEqual(api.stage_counts, expected.stage_counts);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full: the banner says what was saved and what was not', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  await page.evaluate(() => window.funnelplan.importText('Stage\tCreated\nLead\t2024-03-01\nCustomer\t2024-03-02\n', 'tiny.tsv'));
  await page.waitForFunction(() => !!localStorage.getItem('funnelplan.imported-summary.v1'));
  // From now on, the saved list and the data summary no longer fit; the plan does.
  await page.evaluate(([saved, data]) => {
    const setItem = Storage.prototype.setItem;
    window.__realSetItem = setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === saved || key === data) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  }, [SAVED_KEY, DATA_KEY]);
  await page.evaluate(() => {
    window.funnelplan.saveScenario('Needs room');
    window.funnelplan.importText('Stage\tCreated\nLead\t2024-04-01\nSQL\t2024-04-02\n', 'other.tsv');
  });
  await page.waitForFunction(() => window.funnelplan.importProgress() < 0);
  await page.waitForSelector('#fp-banners [data-id="storage"]');
  await page.waitForFunction(() => /summary/.test(document.querySelector('#fp-banners [data-id="storage"]').textContent));
  const text = await page.$eval('#fp-banners [data-id="storage"]', (b) => b.textContent);
  assert.match(text, /your saved scenarios and the summary of your imported data were not saved/);
  assert.match(text, /your current plan was saved/);
  await saveScreenshot(page, 'robust-storage-full.png');
  assert.equal(JSON.parse(await stored(page, PLAN_KEY)).name, 'Needs room', 'the plan is saved');
  // Room again: the banner goes once everything is saved.
  await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
  await page.evaluate(() => { window.funnelplan.saveScenario('Room again'); });
  await page.waitForFunction(() => !document.querySelector('#fp-banners [data-id="storage"]'), null, { timeout: 10000 });
  assert.ok((await stored(page, SAVED_KEY)).includes('Room again'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage turned off (the browser blocks site data): the app starts, plans, and says nothing is kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // As with "Block all site data": reading window.localStorage throws.
  await context.addInitScript(() => {
    for (const store of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, store, { configurable: true, get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(server.url);
  await assertAlive(page, 'with storage turned off');
  assert.equal((await page.evaluate((s) => window.funnelplan.setScenario(s), WORKSHOP)).ok, true);
  assert.equal((await page.evaluate(() => window.funnelplan.getResult())).customers.whole, 40);
  await page.waitForSelector('#fp-banners [data-id="storage"]', { timeout: 10000 });
  const [banner] = await bannerTexts(page);
  assert.match(banner, /storage is full or turned off: your current plan .*were not saved/, banner);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full while the own plan would be kept aside: it is never written over', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Keys listed in sessionStorage "fp-full" cannot be written (as when storage is full).
  await context.addInitScript(() => {
    if (!location.protocol.startsWith('http')) return;
    const full = new Set(JSON.parse(sessionStorage.getItem('fp-full') || '[]'));
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (full.has(key)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(server.url);
  await waitForFrames(page, 3);
  const own = { ...WORKSHOP, name: 'My own plan' };
  await page.evaluate((s) => window.funnelplan.setScenario(s), own);
  await waitSaved(page, { name: own.name });
  const ownText = await stored(page, PLAN_KEY);

  // A share link, with no room to keep the own plan beside it.
  await page.evaluate(() => sessionStorage.setItem('fp-full', JSON.stringify(['funnelplan.scenario.v1.previous'])));
  await page.goto('about:blank');
  await page.goto(linkFor(JSON.stringify({ ...WORKSHOP, name: 'Shared' })));
  await page.waitForSelector('#fp-banners [data-id="shared"].fp-error');
  assert.match(await page.$eval('#fp-banners [data-id="shared"]', (b) => b.textContent), /your own plan stays saved/);
  assert.equal((await scenario(page)).name, 'Shared');
  await waitForFrames(page, 30);
  await page.waitForTimeout(700);  // two autosave ticks
  assert.equal(await stored(page, PLAN_KEY), ownText, 'the own plan is not written over');

  // A saved plan this version refuses, with no room to keep it aside: it stays where it is.
  const refused = JSON.stringify({ ...WORKSHOP, name: 'Refused', deal_size: 'twelve' });
  await page.evaluate(([key, text]) => {
    localStorage.setItem(key, text);
    sessionStorage.setItem('fp-full', JSON.stringify(['funnelplan.scenario.v1.rejected']));
  }, [PLAN_KEY, refused]);
  await page.goto(server.url);
  await page.waitForSelector('#fp-banners [data-id="autosave"]');
  await page.waitForTimeout(700);
  assert.equal(await stored(page, PLAN_KEY), refused, 'the refused plan is not written over');
  assert.deepEqual(errors, []);
  await context.close();
});
