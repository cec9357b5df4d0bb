// First interactive frame, and where its time goes, in headless Chromium: navigation → the files
// (Resource Timing) → the wasm compiled and the fonts' file in ("fp:wasm-ready") → main →
// WebGL2 and ImGui set up ("fp:context") → the sample plan computed ("fp:first-plan") → the
// first frame: font atlas and GL objects ("fp:frame1-atlas"), then the UI drawn ("fp:frame1-end").
// Cold loads (a first visit in a new on-disk browser profile) and warm ones (the second visit in
// the same profile: files from the service worker, and the code caches a returning visitor's
// browser keeps), median of RUNS (first_frame_visits.mjs). The peer, measured in the same runs:
// the least a WebGL2 page can do before its first frame (bench/browser/floor/: a context made,
// the canvas cleared once), cold and warm in a profile of its own; the app's first frame is also
// printed as a multiple of it, which depends less on the machine's speed than a time does.
// scripts/bench runs this on the dist; docs/performance.md quotes it.
// Usage: node bench/browser/first_frame.mjs [SITE_DIR] [RUNS]   (default build/wasm/web, 5)
import path from 'node:path';
import { startServer, repoRoot } from '../../tests/browser/harness.mjs';
import { visits, median } from './first_frame_visits.mjs';

const root = path.resolve(process.argv[2] || path.join(repoRoot, 'build/wasm/web'));
const floorRoot = path.join(repoRoot, 'bench/browser/floor');
const runs = Number(process.argv[3] || 5);

const server = await startServer(root), floorServer = await startServer(floorRoot);
const cold = [], warm = [], floorCold = [], floorWarm = [];
for (let i = 0; i < runs; i++) {
  const [c, w] = await visits(server.url, true);
  cold.push(c);
  warm.push(w);
  const [fc, fw] = await visits(floorServer.url, false);  // the blank page has no worker
  floorCold.push(fc);
  floorWarm.push(fw);
}
await server.close();
await floorServer.close();

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
const frame = (list) => median(list.map((r) => r.frameEnd));
const kb = (f) => (f && f.size ? (f.size / 1024).toFixed(0) + ' KB' : '?');
const ratio = { cold: frame(cold) / frame(floorCold), warm: frame(warm) / frame(floorWarm) };
lines.push(`${'peer: a blank WebGL2 page, first frame'.padEnd(44)} ${frame(floorCold).toFixed(0).padStart(7)} ${frame(floorWarm).toFixed(0).padStart(7)}`);
lines.push(`${'Funnel Planner ÷ the blank page'.padEnd(44)} ${(ratio.cold.toFixed(2) + 'x').padStart(7)} ${(ratio.warm.toFixed(2) + 'x').padStart(7)}`);
lines.push(`files: wasm ${kb(cold[0].wasm)}, index.data ${kb(cold[0].data)}, index.js ${kb(cold[0].js)} (decoded sizes)`);
lines.push(`goal: first frame ≤ 500 ms cold, ≤ 300 ms warm — ${frame(cold) <= 500 ? 'cold met' : 'cold NOT met'}, ` +
           `${frame(warm) <= 300 ? 'warm met' : 'warm NOT met'}`);
console.log(lines.join('\n'));
console.log(JSON.stringify({ cold, warm, floor: { cold: floorCold, warm: floorWarm }, ratio }));
