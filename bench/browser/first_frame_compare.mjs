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

try {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < dirs.length; k++) {
      const [cold, warm] = await visits(servers[k].url);
      Object.entries({ cold: cold.frameEnd, warm: warm.frameEnd, coldWasm: cold.wasmReady, warmWasm: warm.wasmReady })
        .forEach(([key, v]) => results[k][key].push(v));
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
});
