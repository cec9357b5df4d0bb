// The deployable site (scripts/build-dist): content-hashed files that index.html, the Emscripten
// loader and the service worker all find; served cache-first so it works offline; a new build
// is offered with a "Reload to update" banner; and the time to the first interactive frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, openApp, waitForFrames, repoRoot, webRoot } from './harness.mjs';

let browser, tmp, distA, distB;
function buildDist(out, from = webRoot) {
  return execFileSync(path.join(repoRoot, 'scripts/build-dist'), ['--out', out, '--from', from],
                      { env: { ...process.env, FP_DIST_SKIP_BUILD: '1' }, encoding: 'utf8' });
}
function copyDir(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-dist-'));
  distA = path.join(tmp, 'dist-a');
  distB = path.join(tmp, 'dist-b');
  buildDist(distA);
  // "The next release": the same app with a changed stylesheet.
  const webB = path.join(tmp, 'web-b');
  copyDir(webRoot, webB);
  fs.appendFileSync(path.join(webB, 'style.css'), '\n/* next release */\n');
  buildDist(distB, webB);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const sha10 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
const swBuild = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m)[1]);

test('dist/ has content-hashed files that index.html, the loader and the service worker point to', () => {
  const files = fs.readdirSync(distA).sort();
  const hashed = files.filter((f) => f !== 'index.html' && f !== 'sw.js');
  assert.equal(hashed.length, 9, files.join(' '));
  for (const f of hashed) {
    const m = f.match(/^(.+)\.([0-9a-f]{10})\.([a-z]+)$/);
    assert.ok(m, `${f} is not content-hashed`);
    assert.equal(m[2], sha10(path.join(distA, f)), `${f}: the name is the hash of the content`);
  }
  const html = fs.readFileSync(path.join(distA, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  for (const r of refs) assert.ok(files.includes(r), `index.html points at a missing ${r}`);
  for (const base of ['xlsx', 'funnelplan', 'shell', 'index', 'style', 'icon', 'manifest']) {
    assert.ok(refs.some((r) => r.startsWith(base + '.')), `index.html does not load ${base}`);
  }
  // The shell's modules (web/shell/*.js) go out as one module, shell.HASH.js, that imports
  // nothing: the page requests it once, with one modulepreload.
  const shell = hashed.find((f) => /^shell\.[0-9a-f]{10}\.js$/.test(f));
  assert.ok(shell, `no bundled shell module in ${files.join(' ')}`);
  const bundle = fs.readFileSync(path.join(distA, shell), 'utf8');
  assert.doesNotMatch(bundle, /^\s*(import|export)\b[^;]*\bfrom\s*['"]/m, 'the bundle imports nothing');
  for (const m of fs.readdirSync(path.join(webRoot, 'shell')).filter((f) => f.endsWith('.js'))) {
    assert.ok(bundle.includes(`// shell/${m}\n`), `shell/${m} is not in the bundle`);
  }
  assert.deepEqual([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]), [shell]);
  assert.ok(html.includes(`<script type="module" src="${shell}"></script>`), 'index.html runs the bundle');
  const glue = fs.readFileSync(path.join(distA, hashed.find((f) => f.startsWith('funnelplan.'))), 'utf8');
  const map = JSON.parse(glue.match(/\/\* @fp-file-map \*\/ (\{.*?\})/)[1]);
  assert.ok(files.includes(map['index.wasm']) && files.includes(map['index.data']));
  assert.ok(files.includes(map['xlsx.js']), 'the workbook reader (a Worker) is found by its hashed name');
  const build = swBuild(distA);
  assert.deepEqual([...build.files].sort(), [...hashed, 'index.html'].sort());
  assert.notEqual(build.version, swBuild(distB).version, 'a changed file changes the version');
  const manifest = JSON.parse(fs.readFileSync(path.join(distA, hashed.find((f) => f.startsWith('manifest.'))), 'utf8'));
  assert.ok(files.includes(manifest.icons[0].src));
});

test('the site before its fonts fits the download budget: at most 600 KB gzipped', () => {
  // Everything a first visit downloads except index.<hash>.data (the Inter fonts): the issue's
  // budget, with every feature in (docs/performance.md, "Download size and first frame").
  const files = fs.readdirSync(distA).filter((f) => !/^index\.[0-9a-f]{10}\.data$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')), files.join(' '));
  const gzipped = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(distA, f)), { level: 9 }).length, 0);
  assert.ok(gzipped <= 600 * 1024, `${(gzipped / 1024).toFixed(1)} KB gzipped before fonts, over the 600 KB budget`);
});

test('the wasm and the fonts\' file are fetched once, from the start (preloaded, and the preload used); the service worker registers after the first frame', async () => {
  const server = await startServer(distA);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Installing the worker downloads every file again: it must not compete with start-up.
  await context.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.fpRegisteredAtFrame = window.funnelplan && window.Module && window.Module.calledRun ? window.funnelplan.frameCount() : 0;
      return register.apply(this, args);
    };
  });
  try {
    const page = await context.newPage();
    const warnings = [];
    page.on('console', (msg) => { if (/preload/i.test(msg.text())) warnings.push(msg.text()); });
    await page.goto(server.url);
    await page.waitForFunction(() => window.funnelplan && window.funnelplan.frameCount() >= 1, null, { timeout: 60000 });
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ file: new URL(e.name).pathname.slice(1), by: e.initiatorType })));
    for (const ext of ['wasm', 'data']) {
      const entries = fetched.filter((e) => e.file.endsWith('.' + ext));
      assert.equal(entries.length, 1, `index.${ext} fetched ${entries.length} times: ${JSON.stringify(fetched)}`);
      assert.equal(entries[0].by, 'link', `index.${ext} was not fetched by its preload`);
    }
    // The scripts and the shell's module are preloaded too: each still fetched once (a preload
    // that does not match the later request would fetch the file twice).
    const scripts = fetched.filter((e) => e.file.endsWith('.js'));
    for (const f of ['funnelplan.', 'index.', 'shell.']) {
      const entries = scripts.filter((e) => e.file.startsWith(f));
      assert.equal(entries.length, 1, `${f}… fetched ${entries.length} times: ${JSON.stringify(scripts)}`);
    }
    assert.deepEqual(warnings, [], 'no "preloaded but not used" warnings');
    await page.waitForFunction(() => window.fpRegisteredAtFrame !== undefined, null, { timeout: 30000 });
    assert.ok(await page.evaluate(() => window.fpRegisteredAtFrame) >= 1, 'the service worker registered before the first frame');
  } finally {
    await context.close();
    await server.close();
  }
});

test('the dist site runs, then opens and computes offline from its cache', async () => {
  const server = await startServer(distA);
  const { context, page, errors } = await openApp(browser, server.url);
  assert.equal((await page.evaluate(() => window.funnelplan.getResult())).customers.whole, 40);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await context.setOffline(true);
  const served = server.requests.length;
  await page.reload();
  await waitForFrames(page, 3);
  const reply = await page.evaluate(() => window.funnelplan.setScenario({ version: 1, revenue_goal: 120000, deal_size: 4000,
    stages: ['Lead', 'SQL', 'Customer'], steps: [{ rate: 0.2 }, { rate: 0.3 }] }));
  assert.equal(reply.ok, true);
  assert.deepEqual((await page.evaluate(() => window.funnelplan.getResult())).stages.map((s) => s.whole), [500, 100, 30]);
  assert.equal(server.requests.length, served, 'served from the cache: nothing reached the server');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('a new build is offered with a "Reload to update" banner and taken on request', async () => {
  const site = path.join(tmp, 'site');
  copyDir(distA, site);
  const server = await startServer(site);
  const { context, page, errors } = await openApp(browser, server.url);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  const styleOf = () => page.evaluate(() => new URL(document.querySelector('link[rel="stylesheet"]').href).pathname.slice(1));
  const styleA = await styleOf();
  assert.ok(fs.existsSync(path.join(distA, styleA)));

  copyDir(distB, site);  // deploy the next release
  await page.reload();
  await waitForFrames(page, 3);
  assert.equal(await styleOf(), styleA, 'until the user agrees, the cached version keeps running');
  const banner = await page.waitForSelector('#fp-banners [data-id="update"]', { timeout: 30000 });
  assert.match(await banner.textContent(), /new version of Funnel Planner is ready/);
  await Promise.all([page.waitForEvent('load'), page.click('#fp-banners [data-id="update"] button:has-text("Reload to update")')]);
  await waitForFrames(page, 3);
  const styleB = await styleOf();
  assert.notEqual(styleB, styleA);
  assert.ok(fs.existsSync(path.join(distB, styleB)));
  const caches_ = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('funnelplan-')));
  assert.deepEqual(caches_, ['funnelplan-' + swBuild(distB).version], 'the old cache is deleted');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

// Time from navigation start to funnelplan.frameCount() >= 1, in headless Chromium (SwiftShader).
// Reported, not asserted (no wall-clock assertions): docs/performance.md quotes it.
async function firstFrameMs(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const poll = () => (window.funnelplan && window.funnelplan.frameCount() >= 1 ? resolve(performance.now()) : requestAnimationFrame(poll));
    poll();
  }));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.close();
  return ms;
}
test('first interactive frame (reported)', async (t) => {
  const server = await startServer(distA);
  const cold = [], warm = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    cold.push(await firstFrameMs(context, server.url));   // empty cache, files from the server
    warm.push(await firstFrameMs(context, server.url));   // second visit: from the service worker
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[1];
  const line = `first interactive frame: cold ${median(cold).toFixed(0)} ms (runs ${cold.map((x) => x.toFixed(0)).join(', ')}), ` +
               `warm from the service worker ${median(warm).toFixed(0)} ms (runs ${warm.map((x) => x.toFixed(0)).join(', ')})`;
  t.diagnostic(line);
  console.log(line);
  assert.ok(cold.every((x) => x > 0) && warm.every((x) => x > 0));
  await server.close();
});
