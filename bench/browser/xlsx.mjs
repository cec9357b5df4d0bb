// Benchmark (not a test): reading an .xlsx in headless Chromium, beside importing the same rows
// as CSV. Prints JSON: seconds for each, and the longest gap between drawn frames while the
// workbook is read in the Worker (what the page does) and on the page's own thread.
// Usage: node bench/browser/xlsx.mjs FILE.xlsx FILE.csv [RUNS]
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openApp } from '../../tests/browser/harness.mjs';

const [xlsx, csv] = process.argv.slice(2, 4).map((f) => path.resolve(f));
const runs = Number(process.argv[4] || 3);
const server = await startServer();
const browser = await launchBrowser();
const { context, page } = await openApp(browser, server.url);
// The files reach the page as Files (a file input), not as JS arrays sent over the protocol,
// which for a 1,000,000-row workbook would not fit in node's memory.
await page.evaluate(() => {
  const input = Object.assign(document.createElement('input'), { type: 'file', multiple: true, id: 'bench-files' });
  input.style.display = 'none';
  document.body.append(input);
});
await page.setInputFiles('#bench-files', [xlsx, csv]);
await page.evaluate(async () => {
  const [a, b] = document.getElementById('bench-files').files;
  window.__xlsx = new Uint8Array(await a.arrayBuffer());
  window.__csv = new Uint8Array(await b.arrayBuffer());
});
const out = { rows: 0, xlsx_bytes: fs.statSync(xlsx).size, worker: [], page: [], csv: [] };
for (let i = 0; i < runs; ++i) {
  const r = await page.evaluate(async () => {
    // Frames the page draws while the work runs, and the longest wait between two.
    function watch() {
      const w = { longest: 0, last: performance.now(), run: true };
      const tick = () => { const t = performance.now(); w.longest = Math.max(w.longest, t - w.last); w.last = t; if (w.run) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      return () => { w.run = false; return Math.max(w.longest, performance.now() - w.last); };
    }
    const fp = window.funnelplan;
    let stop = watch(); let t0 = performance.now();
    const a = await fp.importBytes(window.__xlsx, 'bench.xlsx');
    const worker = { seconds: (performance.now() - t0) / 1000, gap_ms: stop() };
    stop = watch(); t0 = performance.now();
    const sheet = await window.funnelplanXlsx.toTsv(window.__xlsx);
    fp.importNow(sheet.text, 'bench.xlsx');
    const page = { seconds: (performance.now() - t0) / 1000, gap_ms: stop() };
    t0 = performance.now();
    const c = await fp.importBytes(window.__csv, 'bench.csv');
    const csv = { seconds: (performance.now() - t0) / 1000 };
    const same = JSON.stringify(a.stage_counts) === JSON.stringify(c.stage_counts);
    return { rows: a.rows.imported, worker, page, csv, same };
  });
  if (!r.same) throw new Error('the workbook and the CSV give different stage counts');
  out.rows = r.rows;
  out.worker.push(r.worker); out.page.push(r.page); out.csv.push(r.csv);
}
const best = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
console.log(JSON.stringify({ rows: out.rows, xlsx_bytes: out.xlsx_bytes, worker: best(out.worker), page: best(out.page), csv: best(out.csv) }));
await context.close(); await browser.close(); await server.close();
