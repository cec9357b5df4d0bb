// Browser half of scripts/bench: serves the app, the peers (from node_modules) and the data
// file on 127.0.0.1, runs each import path in headless Chromium, prints JSON.
// Usage: node bench/browser/run.mjs FILE [RUNS]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

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

// The test harness's Chromium, plus exact performance.memory values and gc() for the memory
// measures (bench.js, benchMemory).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium', headless: true,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
const browserCdp = await browser.newBrowserCDPSession();
const logs = [];
let context = null;
let page = null;
// Each group of measurements gets a new context (a new renderer process), so no run inherits
// another's heap; the data file is put into the page's <input type=file> each time.
async function freshPage() {
  if (context) await context.close();
  context = await browser.newContext();
  page = await context.newPage();
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
  await page.setInputFiles('#file', file);
}

// Resident memory of Chromium's renderer processes (Linux /proc/PID/status VmRSS), sampled from
// here every 10 ms, so it sees the peak even while the page's thread is busy in one long call;
// it includes everything the page and its workers hold (JS heap, wasm memories, strings, the
// file's bytes). Reported as the peak growth over the value before the run, summed over the
// renderer processes that grew.
const rssOf = (pid) => {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : 0;
  } catch { return 0; }
};
async function withRss(run) {
  await page.evaluate(() => window.gc && window.gc());
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  const before = pids.map(rssOf);
  const peak = before.slice();
  const sampleAll = () => pids.forEach((pid, i) => { peak[i] = Math.max(peak[i], rssOf(pid)); });
  const timer = setInterval(sampleAll, 10);
  try {
    const out = await run();
    sampleAll();
    out.rssBytes = fs.existsSync('/proc/self/status') ? peak.reduce((sum, p, i) => sum + Math.max(0, p - before[i]), 0) : null;
    return out;
  } finally {
    clearInterval(timer);
  }
}

const best = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
// Time: the best run; memory: the largest of the runs' figures.
const MEMORY_FIELDS = ['jsHeapBytes', 'rssBytes', 'wasmBytes', 'heapBytes'];
const combine = (list) => {
  const r = { ...best(list) };
  for (const k of MEMORY_FIELDS) if (list.some((x) => typeof x[k] === 'number')) r[k] = Math.max(...list.map((x) => x[k] ?? 0));
  return r;
};
const out = { file, bytes: fs.statSync(file).size };
out.memory_measures = {
  rssBytes: 'peak growth of Chromium renderer processes\' resident memory (/proc VmRSS sampled every 10 ms from node) during the run: everything the page and its workers hold',
  jsHeapBytes: 'peak growth of the page\'s JS heap (performance.memory.usedJSHeapSize, precise; after gc(); sampled every 5 ms when the page yields and at the end with the result held)',
  wasmBytes: 'DuckDB worker\'s WebAssembly.Memory byteLength after the queries (it only grows: its peak); DuckDB is started before the measured run',
  heapBytes: 'Funnel Planner\'s WebAssembly.Memory byteLength after a first import in a fresh page (its peak)',
};
await freshPage();
// BENCH_ONLY_FRAMES=1: just the frame-time measurement (quick, while working on the UI).
if (process.env.BENCH_ONLY_FRAMES) {
  await page.evaluate(async () => window.benchFunnelPlanner(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
  await page.evaluate(() => window.funnelplan.useRatesFromData());
  console.log(JSON.stringify(await page.evaluate(() => window.benchFrames(90))));
  await browser.close();
  server.close();
  process.exit(0);
}
// Inputs that a run takes as a whole (the bytes, the text) are fetched into the page before
// the run, outside its time and memory; the streaming runs read the page's File themselves.
const stash = (kind) => page.evaluate(async (k) => {
  const res = await fetch('/data.csv');
  window.benchInput = k === 'text' ? await res.text() : new Uint8Array(await res.arrayBuffer());
}, kind);
const unstash = () => page.evaluate(() => { window.benchInput = null; });
// Each page: a first import (its heap size is one import's peak), then a second, warm one
// (memory already grown, as for native, whose allocator has its pages at hand).
const fp = [];
for (let i = 0; i < runs; i++) {
  if (i > 0) await freshPage();
  const importOnce = async (measure) => {
    await stash('bytes');
    const r = measure ? await withRss(() => page.evaluate(() => window.benchMemory('benchFunnelPlanner', window.benchInput)))
                      : await page.evaluate(() => window.benchFunnelPlanner(window.benchInput));
    await unstash();
    return r;
  };
  const first = await importOnce(true);
  const second = await importOnce(false);
  second.heapBytes = first.heapBytes;
  fp.push(first, second);
}
out.funnelplanner_wasm = combine(fp);
out.funnelplanner_wasm.endToEnd = Math.min(...fp.map((r) => r.endToEnd));

await freshPage();
const pp = [];
for (let i = 0; i < runs; i++) {
  await stash('text');
  pp.push(await withRss(() => page.evaluate(() => window.benchMemory('benchPapaparse', window.benchInput))));
  await unstash();
}
out.papaparse = combine(pp);
const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
out.papaparse.version = versionOf('papaparse');

await freshPage();
const pps = [];
for (let i = 0; i < runs; i++) {
  pps.push(await withRss(() => page.evaluate(() => window.benchMemory('benchPapaparseStream', window.benchFile()))));
}
out.papaparse_stream = combine(pps);
out.papaparse_stream.version = out.papaparse.version;

for (const [key, input] of [['duckdb_wasm', 'buffer'], ['duckdb_wasm_file', 'file']]) {
  await freshPage();
  try {
    await page.evaluate(() => window.benchDuckdbOpen());
    if (input === 'buffer') {
      await stash('bytes');
      out[key] = await withRss(() => page.evaluate(() => window.benchMemory('benchDuckdb', window.benchInput)));
      await unstash();
    } else {
      out[key] = await withRss(() => page.evaluate(() => window.benchMemory('benchDuckdb', window.benchFile())));
    }
  } catch (err) {
    out[key] = { error: String(err) };
  }
  out[key].version = versionOf('@duckdb/duckdb-wasm');
}
out.plan = await page.evaluate(() => window.benchPlan(20));
// Frames with the 1M-row import loaded.
await freshPage();
await page.evaluate(async () => window.benchFunnelPlanner(new Uint8Array(await (await fetch('/data.csv')).arrayBuffer())));
await page.evaluate(() => window.funnelplan.useRatesFromData());
out.frames = await page.evaluate(() => window.benchFrames(120));
out.console_errors = logs;
console.log(JSON.stringify(out));
await browser.close();
server.close();
