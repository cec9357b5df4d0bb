// What bench/browser/first_frame.mjs and first_frame_compare.mjs share: a cold visit and a warm
// one of a page in a new on-disk browser profile, with the milestones each visit reached.
// A new profile per call, as a real browser has: a private (incognito) context, which
// Playwright's newContext() gives, keeps no code cache, so a second visit there would compile
// every script again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

// One visit: the app's user-timing marks (fp:…) and Resource Timing of its files, in ms since
// navigation start; null for what the page does not have.
async function load(context, url, worker) {
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
  if (worker) {
    await page.waitForFunction(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller), null, { timeout: 15000 })
      .catch(() => {});
  }
  await page.close();
  return r;
}

// [cold, warm]: the first and the second visit of `url` in a new on-disk profile. `worker`:
// the page registers a service worker, which the warm visit should find in control.
export async function visits(url, worker = true) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-first-frame-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium', args: CHROMIUM_ARGS,
    headless: true, viewport: { width: 1280, height: 800 },
  });
  try {
    return [await load(context, url, worker), await load(context, url, worker)];
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// The median of the numbers in `xs` (nulls left out), NaN when there are none.
export function median(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}
