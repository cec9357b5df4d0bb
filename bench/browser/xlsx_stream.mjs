// Benchmark (not a test): reading an .xlsx with the streaming reader (web/xlsx.js, in a Worker
// as the page runs it: node's worker_threads standing in) against the reader it replaced (the
// whole workbook in, the whole text out; web/xlsx.js at OLD_REV), in node, then in headless
// Chromium. The workbook is the
// 1,000,000-row HubSpot contacts export that scripts/bench imports as CSV (written by
// `funnelplan generate`), written once as an .xlsx the way Excel writes one: shared strings,
// dates as serial numbers with a date style, numbers, empty cells left out. Prints JSON: seconds
// and peak memory (each reader in its own process) for each, their ratio, and the same rows'
// CSV import in WebAssembly (build/wasm/import_bench.js) for scale. Checks that both readers give
// the same text, and that it is the CSV's rows.
// Last, the app itself: the workbook and the CSV chosen in its file picker, until the analysis.
// Usage: node bench/browser/xlsx_stream.mjs [ROWS] [RUNS] [OLD_REV]
//   (default 1000000 rows, 3 runs, the newest web/xlsx.js in the history without stream())
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const self = fileURLToPath(import.meta.url);

function loadReader(source) {
  const win = {};
  new Function('window', 'self', fs.readFileSync(source, 'utf8'))(win, undefined);
  return win.funnelplanXlsx;
}

// The reader before streaming: the file's bytes in, one string out.
async function runOld(file, runs, source) {
  const api = loadReader(source);
  const seconds = [];
  let sha = '', bytes = 0;
  for (let i = 0; i < runs; ++i) {
    const t0 = performance.now();
    let r;
    try {
      r = await api.toTsv(new Uint8Array(fs.readFileSync(file)));
    } catch (err) {
      return { error: String(err && err.message || err), seconds };
    }
    seconds.push((performance.now() - t0) / 1000);
    sha = crypto.createHash('sha256').update(r.text).digest('hex');
    bytes = Buffer.byteLength(r.text);
  }
  return { seconds, sha, bytes };
}

// The streaming reader in a Worker, driven as the page drives it: {blob}, then {more} for each
// text message once it is taken (here: hashed, as the page hands it to the importer).
const WORKER_SHIM = `
  const { parentPort, workerData } = require('node:worker_threads');
  globalThis.self = { postMessage: (m) => parentPort.postMessage(m) };
  // A File the page hands over is read from disk as it is sliced; node's file-backed Blob is
  // that, but cannot be posted to a worker: the worker opens it from the path instead.
  parentPort.on('message', async (data) => {
    if (data.path) data = { blob: await require('node:fs').openAsBlob(data.path) };
    self.onmessage({ data });
  });
  new Function('window', 'self', require('node:fs').readFileSync(workerData, 'utf8'))(undefined, globalThis.self);
`;
async function runWorker(file, runs, source) {
  const seconds = [];
  let sha = '', bytes = 0, messages = 0, maxUnacked = 0;
  for (let i = 0; i < runs; ++i) {
    const t0 = performance.now();
    const worker = new Worker(WORKER_SHIM, { eval: true, workerData: source });
    const hash = crypto.createHash('sha256');
    bytes = 0; messages = 0;
    let unacked = 0;
    const outcome = await new Promise((resolve) => {
      worker.on('message', (m) => {
        if (m.type === 'text') {
          ++messages;
          maxUnacked = Math.max(maxUnacked, ++unacked);
          hash.update(m.text);
          bytes += Buffer.byteLength(m.text);
          --unacked;
          worker.postMessage({ more: true });
        } else if (m.type === 'end' || m.type === 'error') {
          resolve(m);
        }
      });
      worker.on('error', (err) => resolve({ type: 'error', message: String(err) }));
      worker.postMessage({ path: file });
    });
    await worker.terminate();
    if (outcome.type === 'error') return { error: outcome.message, seconds };
    seconds.push((performance.now() - t0) / 1000);
    sha = hash.digest('hex');
  }
  return { seconds, sha, bytes, messages, max_unacked: maxUnacked };
}

// ---- the workbook: the CSV's rows written as Excel writes them ----------------------------------
function crc32Table() {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; ++n) {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}
const CRC = crc32Table();
function crc32(bytes, crc) {
  let c = ~crc;
  for (let i = 0; i < bytes.length; ++i) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// A part from an async iterable of strings: deflated, with its CRC and sizes.
async function deflatePart(name, texts) {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  const chunks = [];
  const reading = (async () => { for await (const c of cs.readable) chunks.push(c); })();
  const enc = new TextEncoder();
  let crc = 0, size = 0;
  for await (const s of texts) {
    const b = enc.encode(s);
    crc = crc32(b, crc);
    size += b.length;
    await writer.write(b);
  }
  await writer.close();
  await reading;
  return { name, chunks, crc, size, compressed: chunks.reduce((n, c) => n + c.length, 0) };
}

function zipFile(parts) {
  const out = [];
  const dir = [];
  let at = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); local.writeUInt16LE(0, 10); local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(p.crc, 14); local.writeUInt32LE(p.compressed, 18); local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8); central.writeUInt16LE(8, 10); central.writeUInt16LE(0, 12); central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(p.crc, 16); central.writeUInt32LE(p.compressed, 20); central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(at, 42);
    dir.push(central, name);
    out.push(local, name, ...p.chunks);
    at += 30 + name.length + p.compressed;
  }
  const dirSize = dir.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12); end.writeUInt32LE(at, 16);
  return [...out, ...dir, end];
}

function csvFields(line) {
  const f = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      ++i;
      for (;;) {
        const q = line.indexOf('"', i);
        s += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') { s += '"'; ++i; } else break;
      }
      f.push(s);
      ++i;  // the comma
    } else {
      const c = line.indexOf(',', i);
      const e = c < 0 ? line.length : c;
      f.push(line.slice(i, e));
      i = e + 1;
    }
  }
  return f;
}
const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (n) => (n >= 26 ? column(Math.floor(n / 26) - 1) : '') + String.fromCharCode(65 + (n % 26));
const DATE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)$/;

async function writeWorkbook(csv, xlsx) {
  const strings = new Map();
  let rows = 0, width = 0;
  async function* sheet() {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/>' +
          '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>';
    let batch = '';
    for await (const line of readline.createInterface({ input: fs.createReadStream(csv), crlfDelay: Infinity })) {
      if (line === '') continue;
      const f = csvFields(line);
      width = Math.max(width, f.length);
      const r = ++rows;
      batch += `<row r="${r}" spans="1:${f.length}">`;
      for (let c = 0; c < f.length; ++c) {
        const v = f[c];
        if (v === '') continue;  // Excel leaves empty cells out
        const ref = column(c) + r;
        const d = r > 1 && DATE.exec(v);
        if (d) {
          const serial = Date.UTC(+d[1], d[2] - 1, +d[3], +d[4], +d[5]) / 86400000 + 25569;
          batch += `<c r="${ref}" s="1"><v>${serial}</v></c>`;
        } else if (r > 1 && /^-?\d{1,15}$/.test(v)) {
          batch += `<c r="${ref}"><v>${v}</v></c>`;
        } else {
          let n = strings.get(v);
          if (n === undefined) strings.set(v, (n = strings.size));
          batch += `<c r="${ref}" t="s"><v>${n}</v></c>`;
        }
      }
      batch += '</row>';
      if (batch.length > 1 << 20) { yield batch; batch = ''; }
    }
    yield batch + '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  }
  const sheetPart = await deflatePart('xl/worksheets/sheet1.xml', sheet());
  async function* shared() {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">`;
    let batch = '';
    for (const s of strings.keys()) {
      batch += `<si><t>${xmlText(s)}</t></si>`;
      if (batch.length > 1 << 20) { yield batch; batch = ''; }
    }
    yield batch + '</sst>';
  }
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const small = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${ns} xmlns:r="${rel}"><workbookPr/><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
  };
  const parts = [];
  for (const [name, body] of Object.entries(small)) parts.push(await deflatePart(name, [body]));
  parts.push(sheetPart, await deflatePart('xl/sharedStrings.xml', shared()));
  const tmp = xlsx + '.part';
  fs.writeFileSync(tmp, Buffer.concat(zipFile(parts)));
  fs.renameSync(tmp, xlsx);
  return { rows, width, strings: strings.size, sheet_xml_bytes: sheetPart.size };
}

// The CSV's rows as the reader's TSV (the CSV has no tabs, quotes or line breaks in values; a
// date cell at midnight reads as the date alone).
async function csvAsTsvSha(csv) {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(csv), crlfDelay: Infinity })) {
    if (line === '') continue;
    const s = csvFields(line).map((v) => (DATE.test(v) ? v.replace(/ 00:00$/, '') : v)).join('\t') + '\n';
    hash.update(s);
    bytes += Buffer.byteLength(s);
  }
  return { sha: hash.digest('hex'), bytes };
}

// ---- main -------------------------------------------------------------------------------------
// A child process runs one reader on the file and prints {seconds[], sha, bytes, max_rss_mb}.
if (process.argv[2] === '--run') {
  const [, , , mode, file, runs, source] = process.argv;
  const result = mode === 'old' ? await runOld(file, Number(runs), source) : await runWorker(file, Number(runs), source);
  result.max_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(result));
  process.exit(0);
}
const rows = Number(process.argv[2] || 1000000);
const runs = Number(process.argv[3] || 3);
// The reader before streaming: the newest web/xlsx.js in the history without stream().
const oldRev = process.argv[4] || execFileSync('git', ['-C', root, 'log', '--format=%H', '--', 'web/xlsx.js']).toString().split('\n')
  .find((rev) => rev && !execFileSync('git', ['-C', root, 'show', `${rev}:web/xlsx.js`]).toString().includes('function stream('));
fs.mkdirSync(path.join(root, 'bench-data'), { recursive: true });
const csv = path.join(root, `bench-data/hubspot-contacts-${rows}.csv`);
const xlsx = path.join(root, `bench-data/hubspot-contacts-${rows}.xlsx`);
if (!fs.existsSync(csv)) {
  execFileSync(path.join(root, 'build/native/funnelplan'), ['generate', 'hubspot-contacts', '--rows', String(rows), '--seed', '1', '--output', csv]);
}
let written = null;
if (!fs.existsSync(xlsx)) {
  const t0 = performance.now();
  written = await writeWorkbook(csv, xlsx);
  written.seconds = (performance.now() - t0) / 1000;
}
const oldSource = path.join(root, 'bench-data/xlsx-whole.js');
fs.writeFileSync(oldSource, execFileSync('git', ['-C', root, 'show', `${oldRev}:web/xlsx.js`]));

const child = (mode, source) => {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', self, '--run', mode, xlsx, String(runs), source],
                      { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { error: (r.stderr || '').trim().split('\n').slice(-3).join(' ') || `exit ${r.status}` };
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const streaming = child('stream', path.join(root, 'web/xlsx.js'));
const whole = child('old', oldSource);
const expected = await csvAsTsvSha(csv);

let csvImport = null;
const importBench = path.join(root, 'build/wasm/import_bench.js');
if (fs.existsSync(importBench)) {
  const r = spawnSync(process.execPath, [importBench, csv, '1'], { encoding: 'utf8' });
  if (r.status === 0) csvImport = JSON.parse(r.stdout.trim().split('\n').pop());
}

// The same in headless Chromium (the harness's), with the file as the page has it: a File from
// <input type=file>. New: {blob} to the Worker, {more} for each text message; old: the page reads
// the File's bytes and posts them. The CSV import in Chromium is scripts/bench's (results.json).
async function inChromium() {
  let harness;
  try { harness = await import('../../tests/browser/harness.mjs'); } catch (err) { return { error: String(err.message || err) }; }
  const site = path.join(root, 'bench-data/xlsx-stream-site');
  fs.mkdirSync(site, { recursive: true });
  fs.copyFileSync(path.join(root, 'web/xlsx.js'), path.join(site, 'new.js'));
  fs.copyFileSync(oldSource, path.join(site, 'old.js'));
  fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><title>xlsx</title><input type="file" id="f"><script>
    function readNew(file) {
      return new Promise((resolve) => {
        const t0 = performance.now(), w = new Worker('new.js');
        let chars = 0, messages = 0, first = 0;
        w.onmessage = (e) => {
          const m = e.data;
          if (m.type === 'text') { if (!messages++) first = performance.now() - t0; chars += m.text.length; w.postMessage({ more: true }); }
          else if (m.type === 'end' || m.type === 'error') {
            w.terminate();
            resolve({ seconds: (performance.now() - t0) / 1000, first_text_seconds: first / 1000, chars, messages, error: m.message });
          }
        };
        w.postMessage({ blob: file });
      });
    }
    async function readOld(file) {
      const t0 = performance.now(), bytes = await file.arrayBuffer(), w = new Worker('old.js');
      return new Promise((resolve) => {
        w.onmessage = (e) => { w.terminate(); resolve({ seconds: (performance.now() - t0) / 1000, chars: e.data.ok ? e.data.text.length : 0, error: e.data.ok ? undefined : e.data.message }); };
        w.onerror = (e) => { w.terminate(); resolve({ error: String(e.message) }); };
        w.postMessage(bytes, [bytes]);
      });
    }
  </script>`);
  const server = await harness.startServer(site);
  let browser;
  try {
    browser = await harness.launchBrowser();
    const out = { streaming: [], whole: [] };
    for (const [mode, fn] of [['streaming', 'readNew'], ['whole', 'readOld']]) {
      for (let i = 0; i < runs; ++i) {
        const page = await (await browser.newContext()).newPage();  // a new renderer each run
        await page.goto(server.url);
        await page.locator('#f').setInputFiles(xlsx);
        try {
          out[mode].push(await page.evaluate((f) => window[f](document.getElementById('f').files[0]), fn));
        } catch (err) {
          out[mode].push({ error: String(err.message || err).split('\n')[0] });
        }
        await page.context().close();
        if (out[mode].at(-1).error) break;
      }
    }
    return out;
  } catch (err) {
    return { error: String(err.message || err) };
  } finally {
    await browser?.close();
    await server.close();
  }
}
const chromium = await inChromium();

// What the user waits for: the file chosen in the app's file picker until its analysis is shown,
// the workbook beside the same rows as CSV (the built app: build/wasm/web, or FP_WEB_DIR).
async function inApp() {
  let harness;
  try { harness = await import('../../tests/browser/harness.mjs'); } catch (err) { return { error: String(err.message || err) }; }
  if (!fs.existsSync(path.join(harness.webRoot, 'index.html'))) return { error: `${harness.webRoot} not built` };
  const server = await harness.startServer();
  const browser = await harness.launchBrowser();
  const out = {};
  try {
    for (const [kind, file] of [['csv', csv], ['xlsx', xlsx]]) {
      out[kind] = [];
      for (let i = 0; i < runs; ++i) {
        const { context, page } = await harness.openApp(browser, server.url);
        const t0 = performance.now();
        await page.locator('#fp-file-picker').setInputFiles(file);
        await page.waitForFunction(() => window.funnelplan.importProgress() < 0 && window.funnelplan.getAnalysis() !== null,
                                   null, { timeout: 600000, polling: 50 });
        const seconds = (performance.now() - t0) / 1000;
        const a = await page.evaluate(() => window.funnelplan.getAnalysis());
        out[kind].push({ seconds, imported: a.rows && a.rows.imported, reached: (a.stage_counts || []).map((c) => c.reached) });
        await context.close();
      }
    }
  } catch (err) {
    out.error = String(err.message || err).split('\n')[0];
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
const app = await inApp();
let csvChromium = null;
try {
  const results = JSON.parse(fs.readFileSync(path.join(root, 'bench-data/results.json'), 'utf8'));
  if (results.browser && path.resolve(results.browser.file) === csv) csvChromium = results.browser.funnelplanner_wasm.endToEnd;
} catch { /* no scripts/bench run yet */ }

const best = (r) => (r.seconds && r.seconds.length ? Math.min(...r.seconds) : null);
const s = best(streaming), w = best(whole);
const bestRun = (list) => (list || []).filter((r) => !r.error).reduce((a, b) => (!a || b.seconds < a.seconds ? b : a), null);
const cs = bestRun(chromium.streaming), cw = bestRun(chromium.whole);
console.log(JSON.stringify({
  rows, xlsx_bytes: fs.statSync(xlsx).size, csv_bytes: fs.statSync(csv).size, written,
  streaming: { seconds: s, runs: streaming.seconds, max_rss_mb: streaming.max_rss_mb, text_bytes: streaming.bytes,
               messages: streaming.messages, max_unacked: streaming.max_unacked, error: streaming.error },
  whole: { seconds: w, runs: whole.seconds, max_rss_mb: whole.max_rss_mb, error: whole.error },
  whole_over_streaming: s && w ? Number((w / s).toFixed(2)) : null,
  same_text_as_whole: whole.sha ? whole.sha === streaming.sha : null,
  same_text_as_csv: streaming.sha === expected.sha,
  csv_import_wasm_seconds: csvImport ? csvImport.seconds : null,
  // The page imports the text as it arrives; at worst reading then importing, one after the other.
  xlsx_over_csv_at_most: csvImport && s ? Number(((s + csvImport.seconds) / csvImport.seconds).toFixed(2)) : null,
  old_rev: oldRev,
  app: app.error && !app.xlsx ? { error: app.error } : (() => {
    const c = bestRun(app.csv), x = bestRun(app.xlsx);
    return { csv_seconds: c && c.seconds, xlsx_seconds: x && x.seconds, xlsx_over_csv: c && x ? Number((x.seconds / c.seconds).toFixed(2)) : null,
             same_stage_counts: !!(c && x) && JSON.stringify(c.reached) === JSON.stringify(x.reached) && c.imported === x.imported,
             csv_runs: (app.csv || []).map((r) => r.seconds), xlsx_runs: (app.xlsx || []).map((r) => r.seconds), error: app.error };
  })(),
  chromium: chromium.error ? { error: chromium.error } : {
    streaming: cs, streaming_runs: chromium.streaming.map((r) => r.seconds ?? r.error),
    whole: cw, whole_runs: chromium.whole.map((r) => r.seconds ?? r.error),
    whole_over_streaming: cs && cw ? Number((cw.seconds / cs.seconds).toFixed(2)) : null,
    csv_import_seconds: csvChromium,
    xlsx_over_csv_at_most: cs && csvChromium ? Number(((cs.seconds + csvChromium) / csvChromium).toFixed(2)) : null,
  },
}, null, 2));
