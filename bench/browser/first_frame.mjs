// First interactive frame, and where its time goes, in headless Chromium: navigation → the files
// (Resource Timing) → the wasm compiled and the fonts' file in ("fp:wasm-ready") → main →
// WebGL2 and ImGui set up ("fp:context") → the sample plan computed ("fp:first-plan") → the
// first frame: font atlas and GL objects ("fp:frame1-atlas"), then the UI drawn ("fp:frame1-end").
// Cold loads (a fresh profile) and warm ones (the second visit, files from the service worker),
// median of RUNS. Not a test: docs/performance.md, "First frame", quotes it.
// Usage: node bench/browser/first_frame.mjs [SITE_DIR] [RUNS]   (default build/wasm/web, 5)
import path from 'node:path';
import { startServer, launchBrowser, repoRoot } from '../../tests/browser/harness.mjs';

const root = path.resolve(process.argv[2] || path.join(repoRoot, 'build/wasm/web'));
const runs = Number(process.argv[3] || 5);

async function load(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('fp:frame1-end').length > 0, null, { timeout: 60000 });
  const r = await page.evaluate(() => {
    const mark = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? e.startTime : null; };
    const file = (re) => {
      const e = performance.getEntriesByType('resource').find((x) => re.test(new URL(x.name).pathname));
      return e ? { end: e.responseEnd, transfer: e.transferSize, size: e.decodedBodySize } : null;
    };
    return {
      html: performance.getEntriesByType('navigation')[0].responseEnd,
      js: file(/index[.\w-]*\.js$/), wasm: file(/\.wasm$/), data: file(/\.data$/),
      wasmReady: mark('fp:wasm-ready'), main: mark('fp:main'), context: mark('fp:context'),
      plan: mark('fp:first-plan'), frameStart: mark('fp:frame1-start'), atlas: mark('fp:frame1-atlas'),
      frameEnd: mark('fp:frame1-end'),
    };
  });
  // Let the service worker take control before the next (warm) visit.
  await page.waitForFunction(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller), null, { timeout: 15000 })
    .catch(() => {});
  await page.close();
  return r;
}

const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const server = await startServer(root);
const browser = await launchBrowser();
const cold = [], warm = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cold.push(await load(context, server.url));
  warm.push(await load(context, server.url));
  await context.close();
}
await browser.close();
await server.close();

const phases = [
  ['page (index.html) in', (r) => r.html],
  ['loader (index.js) in', (r) => r.js && r.js.end],
  ['wasm fetched', (r) => r.wasm && r.wasm.end],
  ['fonts file (index.data) fetched', (r) => r.data && r.data.end],
  ['wasm compiled + instantiated', (r) => r.wasmReady],
  ['main() starts (runtime up, shell attached)', (r) => r.main],
  ['WebGL2 + ImGui set up', (r) => r.context],
  ['sample plan computed', (r) => r.plan],
  ['first frame starts', (r) => r.frameStart],
  ['font atlas + GL objects made', (r) => r.atlas],
  ['first frame drawn', (r) => r.frameEnd],
];
const lines = [`first frame, headless Chromium, ${root} (median of ${runs}; ms since navigation start):`,
               `${'milestone'.padEnd(44)} ${'cold'.padStart(7)} ${'warm'.padStart(7)}`];
for (const [name, get] of phases) {
  lines.push(`${name.padEnd(44)} ${median(cold.map(get)).toFixed(0).padStart(7)} ${median(warm.map(get)).toFixed(0).padStart(7)}`);
}
const kb = (f) => (f && f.size ? (f.size / 1024).toFixed(0) + ' KB' : '?');
lines.push(`files: wasm ${kb(cold[0].wasm)}, index.data ${kb(cold[0].data)}, index.js ${kb(cold[0].js)} (decoded sizes)`);
lines.push(`goal: first frame ≤ 500 ms cold, ≤ 300 ms warm — ${median(cold.map((r) => r.frameEnd)) <= 500 ? 'cold met' : 'cold NOT met'}, ` +
           `${median(warm.map((r) => r.frameEnd)) <= 300 ? 'warm met' : 'warm NOT met'}`);
console.log(lines.join('\n'));
console.log(JSON.stringify({ cold, warm }));
