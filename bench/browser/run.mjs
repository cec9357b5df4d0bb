// Browser half of scripts/bench: serves the app, the peers (from node_modules) and the data
// file on 127.0.0.1, runs each import path in headless Chromium, prints JSON.
// Usage: node bench/browser/run.mjs FILE [RUNS]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../tests/browser/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const file = path.resolve(process.argv[2]);
const runs = Number(process.argv[3] || 3);
const routes = { '/app/': path.join(root, 'build/wasm/web/'), '/node_modules/': path.join(root, 'node_modules/'),
                 '/bench/': here + '/' };
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
               '.css': 'text/css', '.data': 'application/octet-stream', '.csv': 'text/csv' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let target = null;
  if (url === '/data.csv') target = file;
  for (const [prefix, dir] of Object.entries(routes)) if (url.startsWith(prefix)) target = path.join(dir, url.slice(prefix.length));
  if (!target || !fs.existsSync(target) || fs.statSync(target).isDirectory()) {
    if (process.env.BENCH_DEBUG) console.error('404', url);
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': MIME[path.extname(target)] || 'application/octet-stream' });
  fs.createReadStream(target).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchBrowser();
const page = await browser.newPage();
const logs = [];
page.on('console', (m) => { if (m.type() === 'error') logs.push(m.text()); if (process.env.BENCH_DEBUG) console.error(m.type(), m.text()); });
page.on('requestfailed', (r) => { if (process.env.BENCH_DEBUG) console.error('failed', r.url()); });
page.on('pageerror', (e) => logs.push(String(e)));
await page.goto(`${base}/bench/bench.html`);
try {
  await page.waitForFunction(() => window.funnelplan && window.Module && window.Module.calledRun && window.duckdbModule,
                             null, { timeout: Number(process.env.BENCH_TIMEOUT_MS || 60000) });
} catch (err) {
  const state = await page.evaluate(() => ({ api: !!window.funnelplan, module: !!window.Module,
    calledRun: !!(window.Module && window.Module.calledRun), duckdb: !!window.duckdbModule }));
  console.error('bench page did not load:', JSON.stringify(state), logs.join('\n'));
  process.exit(1);
}

const best = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const out = { file, bytes: fs.statSync(file).size };
// BENCH_ONLY_FRAMES=1: just the frame-time measurement (quick, while working on the UI).
if (process.env.BENCH_ONLY_FRAMES) {
  await page.evaluate(async () => window.benchFunnelPlanner(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
  await page.evaluate(() => window.funnelplan.useRatesFromData());
  console.log(JSON.stringify(await page.evaluate(() => window.benchFrames(90))));
  await browser.close();
  server.close();
  process.exit(0);
}
// Each measurement fetches the file fresh inside the page, so no run reuses another's copy.
// Each page: a first import (its heap size is one import's peak), then a second, warm one
// (memory already grown, as for native, whose allocator has its pages at hand).
const fp = [];
const heaps = [];
for (let i = 0; i < runs; i++) {
  if (i > 0) {
    await page.reload();
    await page.waitForFunction(() => window.Module && window.Module.calledRun && window.duckdbModule, null, { timeout: 60000 });
  }
  const importOnce = () => page.evaluate(async () =>
    window.benchFunnelPlanner(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
  const first = await importOnce();
  heaps.push(first.heapBytes);
  fp.push(first, await importOnce());
}
out.funnelplanner_wasm = best(fp);
out.funnelplanner_wasm.heapBytes = Math.max(...heaps);
out.funnelplanner_wasm.endToEnd = Math.min(...fp.map((r) => r.endToEnd));
const pp = [];
for (let i = 0; i < runs; i++) {
  pp.push(await page.evaluate(async () => window.benchPapaparse(await (await fetch('/data.csv')).text())));
}
out.papaparse = best(pp);
try {
  out.duckdb_wasm = await page.evaluate(async () => window.benchDuckdb(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
} catch (err) {
  out.duckdb_wasm = { error: String(err) };
}
out.plan = await page.evaluate(() => window.benchPlan(20));
// Frames with the 1M-row import loaded (the last Funnel Planner import is still loaded).
await page.reload();
await page.waitForFunction(() => window.Module && window.Module.calledRun && window.duckdbModule, null, { timeout: 60000 });
await page.evaluate(async () => window.benchFunnelPlanner(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
await page.evaluate(() => window.funnelplan.useRatesFromData());
out.frames = await page.evaluate(() => window.benchFrames(120));
out.console_errors = logs;
console.log(JSON.stringify(out));
await browser.close();
server.close();
