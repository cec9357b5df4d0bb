// The import paths measured on the same file in the same page. Each returns
// {seconds, reached: [...]} so the driver can check they agree before comparing speed.
'use strict';

const HUBSPOT_STAGES = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead',
                        'Opportunity', 'Customer'];

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

// Funnel Planner's WebAssembly importer. `seconds`: import + stage counts of bytes already in
// wasm memory (what the native number measures); `endToEnd`: including the copy of the
// file's bytes into wasm memory (what a user waits for after the browser read the file).
window.benchFunnelPlanner = async (bytes) => {
  await window.funnelplan.ready;
  const M = window.Module;
  const t0 = performance.now();
  const ptr = M.ccall('fp_import_buffer', 'number', ['number'], [bytes.length]);
  M.HEAPU8.set(bytes, ptr);
  const t1 = performance.now();
  M.ccall('fp_import_start', null, ['string'], ['bench.csv']);
  M.ccall('fp_import_finish_now', null, [], []);
  const t2 = performance.now();
  const a = window.funnelplan.getAnalysis();
  return { seconds: (t2 - t1) / 1000, endToEnd: (t2 - t0) / 1000, reached: a.stage_counts.map((s) => s.reached),
           rows: a.rows.imported, heapBytes: window.funnelplan.heapBytes() };
};

// Memory beside time. The page's JS heap: Chromium's performance.memory.usedJSHeapSize (exact
// values because run.mjs starts Chromium with --enable-precise-memory-info), after a gc()
// (--js-flags=--expose-gc) before the run, then sampled every 5 ms while the run lets the page
// breathe, at every chunk of a streaming run, and once at the end with the result still held.
// A run that never yields (papaparse on a whole string) is seen at its end only. Reported as
// the growth over the heap before the run. Wasm engines add their WebAssembly.Memory size;
// run.mjs adds the renderer processes' resident memory sampled from outside (the true peak).
window.benchMemory = async (name, ...args) => {
  if (window.gc) window.gc();
  await new Promise((r) => setTimeout(r, 20));
  const before = performance.memory.usedJSHeapSize;
  let peak = before;
  const sample = () => { peak = Math.max(peak, performance.memory.usedJSHeapSize); };
  const timer = setInterval(sample, 5);
  try {
    const out = await window[name](...args, sample);
    sample();
    out.jsHeapBytes = peak - before;
    return out;
  } finally {
    clearInterval(timer);
  }
};

// The file as the page's <input type=file> holds it (run.mjs sets it with setInputFiles: a
// File backed by the file on disk, as when a user picks it).
window.benchFile = () => document.getElementById('file').files[0];

const countStages = () => {
  const at = new Array(HUBSPOT_STAGES.length).fill(0);
  const index = new Map(HUBSPOT_STAGES.map((s, i) => [s, i]));
  return {
    add(rows) {
      for (const row of rows) {
        const k = index.get(row['Lifecycle Stage']);
        if (k !== undefined) at[k]++;
      }
    },
    reached() {
      const reached = at.slice();
      for (let k = reached.length - 2; k >= 0; k--) reached[k] += reached[k + 1];
      return reached;
    },
  };
};

// papaparse, header mode on the whole text, then plain JS counting of the lifecycle column
// (stages implied).
window.benchPapaparse = (text, sample = () => {}) => {
  const t0 = performance.now();
  const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
  const counts = countStages();
  counts.add(parsed.data);
  const seconds = (performance.now() - t0) / 1000;
  sample();  // the parsed rows are still alive here
  return { seconds, reached: counts.reached(), rows: parsed.data.length };
};

// papaparse streaming the File (its `chunk` mode: FileReader slices of Papa.LocalChunkSize,
// 10 MB by default, header mode), counting each chunk's rows as they come: how a browser app
// reads a file too large to hold as one string. Only one chunk's rows are alive at a time.
window.benchPapaparseStream = (file, sample = () => {}) => new Promise((resolve, reject) => {
  const counts = countStages();
  let rows = 0, chunks = 0;
  const t0 = performance.now();
  Papa.parse(file, {
    header: true, skipEmptyLines: true,
    chunk: (results) => {
      counts.add(results.data);
      rows += results.data.length;
      chunks++;
      sample();
    },
    complete: () => resolve({ seconds: (performance.now() - t0) / 1000, reached: counts.reached(), rows, chunks,
                              chunkBytes: Papa.LocalChunkSize }),
    error: (err) => reject(new Error(String(err))),
  });
});

// DuckDB-wasm (eh bundle in its own Worker, wrapped by duckdb-worker.js so the page can ask for
// its wasm memory size). `source`: a Uint8Array (registerFileBuffer: the bytes are copied into
// DuckDB's memory) or a File (registerFileHandle with BROWSER_FILEREADER: DuckDB reads slices
// of the file with FileReaderSync as it scans). A GROUP BY over read_csv_auto, twice (cold,
// then warm); a fresh database each call, so wasmBytes is this call's peak (wasmStartBytes:
// its size once started, before the file is registered).
const duckdbWasmBytes = (worker) => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => resolve(e.data);
  worker.postMessage({ fpBenchMemory: channel.port2 }, [channel.port2]);
});
// Starting DuckDB (its worker, compiling its 30+ MB wasm) is outside the measured run, as the
// app's own start is.
window.benchDuckdbOpen = async () => {
  const duckdb = window.duckdbModule;
  const base = '/node_modules/@duckdb/duckdb-wasm/dist/';
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: base + 'duckdb-mvp.wasm', mainWorker: base + 'duckdb-browser-mvp.worker.js' },
    eh: { mainModule: base + 'duckdb-eh.wasm', mainWorker: base + 'duckdb-browser-eh.worker.js' },
  });
  const worker = new Worker('/bench/duckdb-worker.js?worker=' + encodeURIComponent(bundle.mainWorker));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  window.benchDuckdbInstance = { worker, db, startBytes: await duckdbWasmBytes(worker) };
};
window.benchDuckdb = async (source, sample = () => {}) => {
  const duckdb = window.duckdbModule;
  if (!window.benchDuckdbInstance) await window.benchDuckdbOpen();
  const { worker, db, startBytes } = window.benchDuckdbInstance;
  window.benchDuckdbInstance = null;
  const fromFile = source instanceof Blob;
  if (fromFile) await db.registerFileHandle('bench.csv', source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  else await db.registerFileBuffer('bench.csv', source.slice());
  const conn = await db.connect();
  const times = [];
  let counts;
  for (let run = 0; run < 2; run++) {
    const t0 = performance.now();
    const table = await conn.query(
      `SELECT "Lifecycle Stage" AS stage, count(*)::INTEGER AS n FROM read_csv_auto('bench.csv', header=true) GROUP BY 1`);
    times.push((performance.now() - t0) / 1000);
    counts = new Map(table.toArray().map((r) => [r.stage, Number(r.n)]));
  }
  sample();
  const wasmBytes = await duckdbWasmBytes(worker);
  const version = await db.getVersion();
  await conn.close();
  await db.terminate();
  const reached = HUBSPOT_STAGES.map((s) => counts.get(s) || 0);
  for (let k = reached.length - 2; k >= 0; k--) reached[k] += reached[k + 1];
  return { seconds: Math.min(...times), cold: times[0], reached, wasmBytes, wasmStartBytes: startBytes, source: fromFile ? 'file handle' : 'buffer',
           duckdb: version };
};

// The full plan (reverse funnel, monthly, channels, money, 100,000 Monte Carlo draws,
// sensitivity, what-if grid) recomputed from a scenario with observed rates: the same scenario
// as bench/plan_bench.cpp. Best of `runs`, in milliseconds.
window.benchPlan = async (runs) => {
  await window.funnelplan.ready;
  const s = window.funnelplan.getScenario();
  const evidence = [[250, 10000], [1200, 3000], [600, 1200], [360, 600], [90, 360]];
  s.steps = s.steps.map((st, i) => ({ ...st, k: evidence[i][0], n: evidence[i][1], rate: evidence[i][0] / evidence[i][1] }));
  s.channels = [{ name: 'Search', share: 0.5, cost_per_lead: 60, max_leads_per_month: 150 },
                { name: 'Social', share: 0.3, cost_per_lead: 25 },
                { name: 'Events', share: 0.2, cost_per_lead: 120, max_leads_per_month: 40 }];
  s.uncertainty = { seed: 1, draws: 100000 };
  const text = JSON.stringify(s);
  const M = window.Module;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    M.ccall('fp_set_scenario', 'string', ['string'], [text]);  // parses, validates, builds the plan
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, p90: window.funnelplan.getResult().uncertainty.p90 };
};

// CPU time per frame with the imported data loaded, on each tab: drawn frames (forced with
// requestFrames, as if the user were interacting) and idle ticks (nothing happening: the app
// skips drawing). The app must not recompute anything from the rows per frame.
window.benchFrames = async (frames) => {
  const M = window.Module;
  const tabs = ['Plan', 'Channels & money', 'What-if', 'Scenarios', 'Data'];
  const out = {};
  for (const tab of tabs) {
    window.funnelplan.selectTab(tab);
    await new Promise((r) => setTimeout(r, 200));  // let the tab settle
    M.ccall('fp_frame_cpu_max_ms', 'number', ['number'], [1]);
    const start = window.funnelplan.frameCount();
    let sum = 0, ui = 0, gl = 0, n = 0;
    while (window.funnelplan.frameCount() < start + frames) {
      window.funnelplan.requestFrames(2);
      await new Promise((r) => requestAnimationFrame(r));
      sum += M.ccall('fp_frame_cpu_ms', 'number', [], []);
      ui += M.ccall('fp_frame_ui_ms', 'number', [], []);
      gl += M.ccall('fp_frame_gl_ms', 'number', [], []);
      n++;
    }
    const drawn = { mean_ms: sum / n, ui_ms: ui / n, gl_ms: gl / n,
                    max_ms: M.ccall('fp_frame_cpu_max_ms', 'number', ['number'], [1]) };
    // Idle: 60 animation frames with no input; count how many the app drew, and the time of
    // the whole rAF callback (performance.now around a frame we cannot see: use skipped count).
    await new Promise((r) => setTimeout(r, 700));  // past the tail of frames after the last event
    const drawnBefore = window.funnelplan.frameCount();
    const skippedBefore = M.ccall('fp_skipped_frames', 'number', [], []);
    for (let i = 0; i < 60; i++) await new Promise((r) => requestAnimationFrame(r));
    // The screen-reader/keyboard mirror (web/shell/a11y_controls.js): a revision poll every
    // 250 ms, and the controls fetched again only when it moves.
    let t = performance.now();
    for (let i = 0; i < 200; i++) window.funnelplan.accessibleRevision();
    const pollUs = (performance.now() - t) * 1000 / 200;
    t = performance.now();
    let controls = 0;
    for (let i = 0; i < 20; i++) controls = window.funnelplan.accessibleItems().length;
    const fetchMs = (performance.now() - t) / 20;
    out[tab] = { ...drawn, idle_drawn: window.funnelplan.frameCount() - drawnBefore,
                 idle_skipped: M.ccall('fp_skipped_frames', 'number', [], []) - skippedBefore,
                 mirror: { controls, poll_us: pollUs, fetch_ms: fetchMs } };
  }
  return out;
};
