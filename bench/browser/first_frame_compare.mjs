// Compares the first frame of two or more builds on a noisy machine: the builds are loaded in
// turn, run after run (each run a new on-disk profile per build: its first visit is the cold
// load, its second the warm one; first_frame_visits.mjs), so a machine that slows down
// meanwhile slows all of them alike. Prints, per build, the medians of the first frame and
// of "wasm compiled + instantiated" (fp:wasm-ready), in ms since navigation start. Not a test:
// docs/performance.md quotes it.
// Usage: node bench/browser/first_frame_compare.mjs RUNS SITE_DIR SITE_DIR [SITE_DIR…]
import path from 'node:path';
import { startServer } from '../../tests/browser/harness.mjs';
import { visits, median } from './first_frame_visits.mjs';

const runs = Number(process.argv[2]);
const dirs = process.argv.slice(3).map((d) => path.resolve(d));
if (!(runs > 0) || dirs.length < 2) {
  console.error('usage: node bench/browser/first_frame_compare.mjs RUNS SITE_DIR SITE_DIR [SITE_DIR…]');
  process.exit(2);
}
const servers = [];
for (const d of dirs) servers.push(await startServer(d));
const results = dirs.map(() => ({ cold: [], warm: [], coldWasm: [], warmWasm: [] }));
// The steps between the app's marks (first_frame_visits.mjs names them), printed per build.
const SPANS = [['main() → WebGL2 + ImGui set up', 'main', 'context'],
               ['→ first frame starts (plan, shell, atlas)', 'context', 'frameStart'],
               ['first frame (GL objects, UI, draw)', 'frameStart', 'frameEnd']];

try {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < dirs.length; k++) {
      const [cold, warm] = await visits(servers[k].url);
      Object.entries({ cold: cold.frameEnd, warm: warm.frameEnd, coldWasm: cold.wasmReady, warmWasm: warm.wasmReady })
        .forEach(([key, v]) => results[k][key].push(v));
      for (const [kind, r] of [['cold', cold], ['warm', warm]]) {
        for (const [name, from, to] of SPANS) (results[k][kind + ':' + name] ||= []).push(r[to] - r[from]);
      }
    }
  }
} finally {
  for (const s of servers) await s.close();
}
console.log(`first frame (wasm ready), medians of ${runs} interleaved runs, ms since navigation start:`);
dirs.forEach((d, k) => {
  const r = results[k];
  const ms = (xs) => Math.round(median(xs));
  console.log(`${d}\n  cold ${ms(r.cold)} (${ms(r.coldWasm)})   warm ${ms(r.warm)} (${ms(r.warmWasm)})`);
  for (const [name] of SPANS) console.log(`    ${name.padEnd(44)} cold ${String(ms(r['cold:' + name])).padStart(4)}   warm ${String(ms(r['warm:' + name])).padStart(4)}`);
});
