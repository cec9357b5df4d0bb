// Big files imported in headless Chromium the way a user brings them: put into the app's file
// picker, streamed in slices into the importer (web/funnelplan.js, importFile). Measures the
// time from the pick to the analysis on screen and the app's WebAssembly memory (its peak:
// it never shrinks), and checks the stage counts against the CLI's.
// Usage: node bench/browser/stream_import.mjs FILE [FILE…]   → one JSON object per line
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openApp, repoRoot } from '../../tests/browser/harness.mjs';

const cli = path.join(repoRoot, 'build/native/funnelplan');
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const file of process.argv.slice(2)) {
    const bytes = fs.statSync(file).size;
    const expected = JSON.parse(execFileSync(cli, ['analyze', file, '--format', 'json'], { maxBuffer: 1 << 26 }).toString());
    const { context, page, errors } = await openApp(browser, server.url);
    const heapBefore = await page.evaluate(() => window.funnelplan.heapBytes());
    const name = path.basename(file);
    const t0 = performance.now();
    await page.locator('#fp-file-picker').setInputFiles(file);
    await page.waitForFunction((n) => {
      const a = window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis();
      return a && a.source === n;
    }, name, { timeout: 30 * 60 * 1000, polling: 100 });
    const seconds = (performance.now() - t0) / 1000;
    const a = await page.evaluate(() => window.funnelplan.getAnalysis());
    const heapBytes = await page.evaluate(() => window.funnelplan.heapBytes());
    console.log(JSON.stringify({
      file, bytes, rows: a.rows.imported, seconds, heapBefore, heapBytes,
      same_counts: JSON.stringify(a.stage_counts) === JSON.stringify(expected.stage_counts),
      errors,
    }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
