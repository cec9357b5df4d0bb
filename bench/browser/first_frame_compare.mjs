// Compares the first frame of two or more builds on a noisy machine: the builds are loaded in
// turn, run after run (each run a new on-disk profile per build: its first visit is the cold
// load, its second the warm one, as bench/browser/first_frame.mjs does), so a machine that slows
// down meanwhile slows all of them alike. Prints, per build, the medians of the first frame and
// of "wasm compiled + instantiated" (fp:wasm-ready), in ms since navigation start. Not a test:
// docs/performance.md quotes it.
// Usage: node bench/browser/first_frame_compare.mjs RUNS SITE_DIR SITE_DIR [SITE_DIR…]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

const runs = Number(process.argv[2]);
const dirs = process.argv.slice(3).map((d) => path.resolve(d));
if (!(runs > 0) || dirs.length < 2) {
  console.error('usage: node bench/browser/first_frame_compare.mjs RUNS SITE_DIR SITE_DIR [SITE_DIR…]');
  process.exit(2);
}
const servers = [];
for (const d of dirs) servers.push(await startServer(d));
const results = dirs.map(() => ({ cold: [], warm: [], coldWasm: [], warmWasm: [] }));

async function load(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('fp:frame1-end').length > 0, null, { timeout: 60000 });
  const r = await page.evaluate(() => ['fp:frame1-end', 'fp:wasm-ready'].map((n) => performance.getEntriesByName(n)[0].startTime));
  // Let the service worker take control before the next (warm) visit.
  await page.waitForFunction(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller), null, { timeout: 15000 })
    .catch(() => {});
  await page.close();
  return r;
}

try {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < dirs.length; k++) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-first-frame-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium', args: CHROMIUM_ARGS,
        headless: true, viewport: { width: 1280, height: 800 },
      });
      try {
        const [cold, coldWasm] = await load(context, servers[k].url);
        const [warm, warmWasm] = await load(context, servers[k].url);
        Object.entries({ cold, warm, coldWasm, warmWasm }).forEach(([key, v]) => results[k][key].push(v));
      } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
    }
  }
} finally {
  for (const s of servers) await s.close();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.floor((s.length - 1) / 2)]); };
console.log(`first frame (wasm ready), medians of ${runs} interleaved runs, ms since navigation start:`);
dirs.forEach((d, k) => {
  const r = results[k];
  console.log(`${d}\n  cold ${median(r.cold)} (${median(r.coldWasm)})   warm ${median(r.warm)} (${median(r.warmWasm)})`);
});
