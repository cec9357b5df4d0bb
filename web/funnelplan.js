// Web shell glue: the Emscripten Module config and the public JS API (docs/js-api.md).
// Loaded before the Emscripten-generated index.js.
(function () {
  'use strict';
  const statusEl = () => document.getElementById('status');
  function showError(message) {
    const el = statusEl();
    if (!el) return;
    el.textContent = message;
    el.className = 'error';
  }

  // Content-hashed file names in a dist/ build (scripts/build-dist fills this in; empty in a
  // development build, where files keep their plain names).
  const FILE_MAP = /* @fp-file-map */ {};

  // The wasm's compile starts as this script runs, instead of once index.js (an async script
  // of 146 KB, run ~100 ms later) is in: the compile's main-thread share then falls in the gaps
  // while the page loads. Module.instantiateWasm (below) hands the compiled module to
  // Emscripten. The request is the one the page preloads (same URL and credentials), made once:
  // a server that sends the wasm without "application/wasm" has the streaming compile refuse it
  // before reading the body, and the same response's bytes are compiled instead.
  const WASM_URL = FILE_MAP['index.wasm'] || 'index.wasm';
  const wasmResponse = fetch(WASM_URL, { credentials: 'same-origin' });
  const wasmCompiled = (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(wasmResponse) : Promise.reject(new Error('no streaming compile')))
    .catch((reason) => wasmResponse.then((r) => {
      if (!r.ok) throw new Error('could not load ' + WASM_URL + ' (HTTP ' + r.status + ')');
      console.warn('funnelplan: streaming compile of ' + WASM_URL + ' failed (' + reason +
                   '); compiling it from the whole file. Serve .wasm as application/wasm (docs/deploy.md).');
      return r.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    }));
  wasmCompiled.catch(() => {});  // handled in instantiateWasm
  // The page's first read of localStorage waits while the browser loads the origin's storage
  // (5-30 ms on a first visit). Done now, that wait falls while the wasm compiles instead of
  // in the start-up steps just before the first frame, which read the saved theme and plan.
  try { void window.localStorage.length; } catch { /* storage off: the shell says so later */ }
  // Callbacks to run right after the app has drawn its next frame (while the WebGL drawing
  // buffer still holds it: the canvas has preserveDrawingBuffer = false).
  const afterFrame = [];

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });

  // ---- Calls into the engine ------------------------------------------------------------------
  // Limits on text handed to the engine (docs/js-api.md, "Limits"). A real scenario is 2–20 KB
  // and the engine refuses one over 4 MB itself; a saved list or a data summary is bounded by
  // what localStorage can hold (about 5 MB). Text over these is refused here, unread.
  const LIMITS = {
    scenario: 16 * 1024 * 1024,     // setScenario, each saved scenario
    summary: 16 * 1024 * 1024,      // restoreAnalysis
    savedList: 64 * 1024 * 1024,    // setSavedScenarios
    name: 64 * 1024,                // names (file, saved scenario, tab, input)
  };
  const megabytes = (n) => (n / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' MB';

  /** An engine call that failed (an exception or trap inside the engine, or no memory). */
  class EngineError extends Error {
    constructor(message, cause) { super(message); this.name = 'EngineError'; this.cause = cause; }
  }
  function engineModule() {
    const M = window.Module;
    if (!M || !M.calledRun) throw new Error('funnelplan: the app is still loading; await funnelplan.ready');
    return M;
  }

  const encoder = new TextEncoder();
  // The UTF-8 length of what TextEncoder writes for `s`: a lone surrogate becomes U+FFFD
  // (3 bytes). (Emscripten's own stringToUTF8 would read it as half of a pair and swallow the
  // character after it — a tab or comma in pasted data.)
  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }
  // Writes `s` as UTF-8 into the wasm heap at ptr (n = utf8Length(s) bytes), without a copy.
  function writeUtf8(M, s, ptr, n) {
    // HEAPU8 read after the allocation: memory growth replaces it.
    const { read } = encoder.encodeInto(s, M.HEAPU8.subarray(ptr, ptr + n));
    if (read !== s.length) throw new EngineError('funnelplan: text was not fully copied into the engine');
  }
  /**
   * Copies a string into the heap (never the 5 MB wasm stack, which ccall's 'string' uses:
   * a few MB of text there kills the page), NUL-terminated. Returns the pointer; the caller
   * frees it. Throws EngineError when the engine has no memory for it.
   */
  function heapString(M, text) {
    const n = utf8Length(text);
    const ptr = M._malloc(n + 1);
    if (!ptr) throw new EngineError(`There is not enough memory for ${megabytes(n)} of text.`);
    writeUtf8(M, text, ptr, n);
    M.HEAPU8[ptr + n] = 0;
    return ptr;
  }

  /**
   * Calls an exported engine function. Arguments of type 'string' are passed through the heap
   * and freed afterwards. Any failure inside (a C++ exception, a trap, a JS RangeError from
   * deep recursion) restores the wasm stack pointer and is rethrown as an EngineError, so one
   * failed call neither leaks stack nor takes the page down.
   */
  function invoke(name, returnType, types = [], args = []) {
    const M = engineModule();
    const ptrs = [];
    const sp = typeof M.stackSave === 'function' ? M.stackSave() : null;
    try {
      const cArgs = args.map((a, i) => {
        if (types[i] !== 'string') return a;
        const ptr = heapString(M, a == null ? '' : String(a));
        ptrs.push(ptr);
        return ptr;
      });
      return M.ccall(name, returnType, types.map((t) => (t === 'string' ? 'number' : t)), cArgs);
    } catch (err) {
      if (sp !== null) { try { M.stackRestore(sp); } catch { /* the module is gone */ } }
      if (err instanceof EngineError) throw err;
      const what = err && err.message ? err.message : String(err);
      console.warn('funnelplan: ' + name + ' failed', err);
      throw new EngineError(`The app could not do this (${name}: ${what || 'an error inside the engine'}).`, err);
    } finally {
      for (const p of ptrs) { try { M._free(p); } catch { /* the module is gone */ } }
    }
  }
  function num(name, args = [], types = []) { return invoke(name, 'number', types, args); }
  function call(name, args = []) { return invoke(name, 'string', args.map(() => 'string'), args); }
  function parse(text) { return text == null ? null : JSON.parse(text); }
  // For API members that answer {ok, errors}: a failure becomes {ok: false, errors: [...]}.
  const failed = (message) => ({ ok: false, errors: [{ field: '', message }] });
  function guarded(fn) {
    try { return fn(); } catch (err) {
      if (err instanceof EngineError) return failed(err.message);
      throw err;
    }
  }
  // Text for the engine: an object is serialized; text over `limit` bytes is refused unread.
  function textArg(value, limit, what) {
    let text;
    try {
      text = typeof value === 'string' ? value : JSON.stringify(value);
    } catch (err) {  // a cycle, or nesting deeper than JSON.stringify's stack
      throw new EngineError(`The ${what} could not be turned into JSON: ${err && err.message ? err.message : err}.`);
    }
    if (typeof text !== 'string') throw new EngineError(`The ${what} is not an object or JSON text.`);
    // A string of more than `limit` UTF-16 units is at least `limit` bytes; otherwise count.
    const bytes = text.length > limit ? text.length : utf8Length(text);
    if (bytes > limit) {
      throw new EngineError(`The ${what} is ${megabytes(bytes)}; the limit is ${megabytes(limit)}. It was not read.`);
    }
    return text;
  }

  // Copies bytes (Uint8Array) or text into the app's import buffer and starts the import.
  // Returns false when the app could not get the memory (the reason is in getAnalysis()).
  // workbook: the text is an Excel workbook's sheet (xlsx.js), so the Data tab names the workbook.
  function startImport(data, name, workbook = false) {
    const M = engineModule();
    if (typeof data === 'string') {
      const n = utf8Length(data);
      const ptr = num('fp_import_buffer', [n], ['number']);
      if (!ptr) return false;
      writeUtf8(M, data, ptr, n);  // TextEncoder: a lone surrogate becomes U+FFFD
    } else {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      const ptr = num('fp_import_buffer', [bytes.length], ['number']);
      if (!ptr) return false;
      M.HEAPU8.set(bytes, ptr);  // HEAPU8 read after the allocation: memory growth replaces it
    }
    invoke('fp_import_start', null, ['string', 'number'], [shortName(name), workbook ? 1 : 0]);
    return true;
  }
  let screenTextReaders = 0;  // screenText() calls waiting for their frame
  const shortName = (name) => { const s = String(name); return s.length > LIMITS.name ? s.slice(0, LIMITS.name) + '…' : s; };

  // Resolves with the analysis when the running import has finished (it advances a slice
  // per frame, so the page stays responsive).
  function whenImported() {
    return new Promise((resolve, reject) => {
      const poll = () => {
        try {
          if (num('fp_import_progress') < 0) resolve(parse(call('fp_get_analysis', [])));
          else requestAnimationFrame(poll);
        } catch (err) {
          reject(err);
        }
      };
      poll();
    });
  }

  // ---- A file streamed into the app ------------------------------------------------------------
  // A file is read in slices straight into the importer, so memory holds the table and a slice
  // or two, never the file (a 2 GB export imports). The page keeps the File, a handle on the
  // disk and not a copy, to read it again when the app asks (the "rereadImport" shell action:
  // another column mapping). An Excel workbook is read by web/xlsx.js in a Worker, which sends
  // its first visible sheet as TSV text in pieces; each piece is fed the same way.
  const SLICE_BYTES = 4 * 1024 * 1024;
  let streamedFile = null;  // {blob, name, workbook}: the file of the data shown or being read

  // The import of a workbook's or a file's reader failing: the message the user sees.
  class ReadError extends Error {}
  const workbookMessage = (name, why) => 'Could not read ' + name + ' as an Excel workbook: ' + why +
    '. In Excel or Google Sheets, save or download it as CSV and import that, or copy the cells and paste them.';

  // A workbook's import is named after its file, and its sheet when there are several (as the CLI does).
  const sheetSourceName = (name, s) => (s.sheets > 1 ? name + ' (sheet "' + s.sheet + '")' : name);

  function startStream(name, size, workbook = false) {
    return num('fp_import_stream_start', [shortName(name), size, workbook ? 1 : 0], ['string', 'number', 'number']);
  }
  // A task boundary without setTimeout's clamping: input and frames run in between.
  const yieldToPage = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  // Resolves true when import `id` wants its next slice, false once it no longer runs
  // (finished, cancelled, replaced by another import, failed). Until then it reads on in steps
  // of the frame's budget (8 ms), one per task: frames only come as fast as the display (or a
  // software renderer) allows, and the main thread is idle in between.
  async function wantsInput(id) {
    for (;;) {
      let state;
      try {
        state = num('fp_import_stream_state', [id], ['number']);
        if (state === 0) num('fp_import_step');
      } catch {
        return false;
      }
      if (state !== 0) return state === 1;
      await yieldToPage();
    }
  }
  function feedSlice(id, bytes, progress = -1) {
    if (!bytes.length) return true;
    const ptr = num('fp_import_stream_buffer', [bytes.length], ['number']);
    if (!ptr) return false;
    engineModule().HEAPU8.set(bytes, ptr);  // HEAPU8 read after the allocation: memory growth replaces it
    return num('fp_import_stream_feed', [id, bytes.length, progress], ['number', 'number', 'number']) === 1;
  }
  async function endStream(id) {
    if (!await wantsInput(id)) return;
    num('fp_import_stream_end', [id], ['number']);
    await wantsInput(id);  // reads the rest between frames, until the import is done
  }

  // The browser refuses to read a File changed on disk since it was chosen (Blob.stream()
  // fails with "network error", Blob.slice() with NotReadableError): say what happened.
  const CHANGED = 'the file was changed, moved or deleted since it was chosen';
  async function readChunk(reader) {
    try {
      return await reader.read();
    } catch {
      throw new ReadError(CHANGED);
    }
  }

  // CSV/TSV: the File's stream (Blob.stream(): one read of the file, far faster than a
  // Blob.slice() per slice, each of which costs a round trip to the browser process), gathered
  // into slices of SLICE_BYTES and fed one at a time, each when the app has read the last.
  // `first` is a chunk already taken from `reader`.
  async function streamText(id, reader, first) {
    const slice = new Uint8Array(SLICE_BYTES);
    let filled = 0;
    const flush = async () => {
      const ok = filled === 0 || (await wantsInput(id) && feedSlice(id, slice.subarray(0, filled)));
      filled = 0;
      return ok;
    };
    for (let chunk = first; ; chunk = null) {
      if (!chunk) {
        const r = await readChunk(reader);
        if (r.done) break;
        chunk = r.value;
      }
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(chunk.length - at, SLICE_BYTES - filled);
        slice.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === SLICE_BYTES && !await flush()) return;
      }
    }
    if (await flush()) await endStream(id);
  }

  // A workbook. `id` is null for a first read: the import starts once the sheet is known (its
  // name goes into the import's name when there are several). Resolves false when the Worker
  // could not run at all (the caller reads the workbook on the page instead).
  function streamWorkbook(id, blob, name) {
    return new Promise((resolve, reject) => {
      let worker;
      try {
        worker = new Worker(FILE_MAP['xlsx.js'] || 'xlsx.js');
      } catch {
        resolve(false);
        return;
      }
      let queue = Promise.resolve();
      let heard = false, stopped = false;
      const stop = () => { stopped = true; worker.terminate(); };
      const fail = (err) => { stop(); reject(err); };
      worker.onmessage = (e) => {
        const m = e.data;
        heard = true;
        queue = queue.then(async () => {
          if (stopped) return;
          if (m.type === 'sheet') {
            if (id === null) id = startStream(sheetSourceName(name, m), 0, true);
            if (!id) { stop(); resolve(true); }
          } else if (m.type === 'text') {
            const progress = m.total > 0 ? m.done / m.total : -1;
            if (!await wantsInput(id) || !feedSlice(id, encoder.encode(m.text), progress)) { stop(); resolve(true); return; }
            worker.postMessage({ more: true });
          } else if (m.type === 'end') {
            stop();
            await endStream(id);
            resolve(true);
          } else if (m.type === 'error') {
            fail(Object.assign(new ReadError(m.message), { id }));
          }
        }).catch(fail);
      };
      worker.onerror = (e) => {  // the worker could not run (not a problem of the workbook)
        e.preventDefault();
        if (heard) { fail(new ReadError(e.message || 'the reader stopped')); return; }
        stop();
        resolve(false);
      };
      worker.postMessage({ blob });
    });
  }

  // Reads `file` into import `id` (null: a new import). Failures end up in the Data tab.
  async function streamFile(id, file) {
    let reader = null;
    try {
      let first = null;
      if (file.workbook === undefined) {  // a first read: its first bytes tell a workbook from text
        reader = file.blob.stream().getReader();
        const r = await readChunk(reader);
        first = r.done ? null : r.value;
        file.workbook = !!first && isWorkbook(first);
      }
      if (file.workbook) {
        if (reader) reader.cancel().catch(() => {});
        reader = null;
        if (await streamWorkbook(id, file.blob, file.name)) return;
        // No Worker: the workbook is read on the page, whole, and imported as text.
        if (id !== null) num('fp_import_cancel');
        await importWorkbook(new Uint8Array(await file.blob.arrayBuffer()), file.name);
        return;
      }
      if (id === null) id = startStream(file.name, file.size);
      if (!reader) reader = file.blob.stream().getReader();
      if (id) await streamText(id, reader, first);
    } catch (err) {
      // The browser refuses to read a File changed on disk since it was chosen (NotReadableError).
      const why = err && err.name === 'NotReadableError' ? CHANGED
        : err && err.message ? err.message : String(err);
      const failedId = id !== null ? id : (err && err.id) || 0;
      const message = id !== null ? 'Could not read ' + file.name + ' again: ' + why + '.'
        : file.workbook ? workbookMessage(file.name, why) : 'Could not read ' + file.name + ': ' + why + '.';
      if (failedId) invoke('fp_import_stream_fail', null, ['number', 'string'], [failedId, message]);
      else invoke('fp_import_fail', null, ['string', 'string'], [shortName(file.name), message]);
      if (!(err instanceof ReadError) && !(err instanceof DOMException)) console.warn('funnelplan: reading ' + file.name + ' failed', err);
    } finally {
      if (reader) reader.cancel().catch(() => {});  // the import stopped early: stop reading
    }
  }
  // Imports a File or Blob by streaming it; resolves with the analysis when it is done.
  async function importBlob(blob, name) {
    streamedFile = { blob, name: String(name), size: blob.size, workbook: undefined };
    await streamFile(null, streamedFile);
    return whenImported();
  }
  // The app reads the streamed file again (another column mapping): stream it into that import.
  function rereadImport() {
    const id = num('fp_import_stream_id');
    if (!id) return;
    if (streamedFile) streamFile(id, streamedFile);
    else invoke('fp_import_stream_fail', null, ['number', 'string'], [id, 'the file is no longer at hand.']);
  }

  // Without a Worker, a workbook is read whole on the page (web/xlsx.js's toTsv) and its text
  // imported. One that cannot be read gets a message in the Data tab.
  async function importWorkbook(bytes, name) {
    let sheet;
    const shell = window.funnelplanShell;
    const note = shell && shell.showBanner ? shell.showBanner('Reading ' + name + '…', { id: 'workbook' }) : null;
    try {
      sheet = await window.funnelplanXlsx.toTsv(bytes);
    } catch (err) {
      const why = err && err.message ? err.message : String(err);
      invoke('fp_import_fail', null, ['string', 'string'], [shortName(name), workbookMessage(name, why)]);
      return parse(call('fp_get_analysis', []));
    } finally {
      if (note) note.remove();
    }
    startImport(sheet.text, sheetSourceName(name, sheet), true);
    return whenImported();
  }
  const isWorkbook = (bytes) => !!window.funnelplanXlsx && window.funnelplanXlsx.isXlsx(bytes);

  // Public API: window.funnelplan
  window.funnelplan = {
    ready,
    version: 1,
    /** The current scenario as an object (format: docs/scenario.md). */
    getScenario() { return parse(call('fp_get_scenario', [])); },
    /** Replaces the scenario. Accepts an object or JSON text. Returns {ok, errors|warnings}. */
    setScenario(scenario) {
      return guarded(() => parse(call('fp_set_scenario', [textArg(scenario, LIMITS.scenario, 'scenario')])));
    },
    /** The plan computed from the current scenario: {ok, stages[], customers} or {ok:false, errors}. */
    getResult() { return guarded(() => parse(call('fp_get_result', []))); },
    /** The whole plan as CSV text (sections: assumptions, steps, stages, month × stage targets with
     *  a Total row, channels, money, confidence, warnings); '' when the scenario has errors. */
    getPlanCsv() { return call('fp_get_plan_csv', []); },
    /** A workshop template's scenario JSON text (assets/templates; starting this month), '' if none. */
    templateScenario(id) { return call('fp_template_scenario', [String(id)]); },
    /** A number that changes whenever the scenario changes (for autosave and embedding). */
    scenarioRevision() { return num('fp_scenario_revision'); },
    /** Frames drawn so far (0 until the first frame is on screen). */
    frameCount() { return window.Module && window.Module.calledRun ? window.Module.ccall('fp_frame_count', 'number', [], []) : 0; },
    /** Input events (keys, clicks) received but not yet applied by the UI; 0 when settled. */
    inputPending() { return window.Module && window.Module.calledRun ? window.Module.ccall('fp_input_pending', 'number', [], []) : 0; },
    /** Imports lead data (CSV/TSV text, as pasted). Resolves with the analysis when done. */
    importText(text, name = 'pasted data') {
      try { startImport(String(text), name); } catch (err) { return Promise.reject(err); }
      return whenImported();
    },
    /** Imports a file's bytes (Uint8Array or ArrayBuffer): CSV/TSV text, or an Excel .xlsx
     *  workbook (its first visible sheet). Resolves with the analysis when done. */
    importBytes(bytes, name = 'file') {
      const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      if (isWorkbook(data)) return importBlob(new Blob([data]), name);
      try { startImport(data, name); } catch (err) { return Promise.reject(err); }
      return whenImported();
    },
    /** Imports a File or Blob (CSV, TSV or .xlsx) as the file picker and drop do: read in
     *  slices, so memory holds the table and not the file; kept (not copied) to read again for
     *  another column mapping. Resolves with the analysis when done. */
    importFile(file, name = file && file.name ? file.name : 'file') {
      if (!(file instanceof Blob)) return Promise.reject(new TypeError('importFile takes a File or Blob'));
      return importBlob(file, name);
    },
    /** Imports and analyzes at once, without yielding to the page (automation, benchmarks). */
    importNow(data, name = 'data') {
      return guarded(() => { startImport(data, name); num('fp_import_finish_now'); return parse(call('fp_get_analysis', [])); });
    },
    /** Imports the built-in sample (a generated HubSpot contacts export). */
    importSample() { num('fp_import_sample'); return whenImported(); },
    /** Import progress in [0, 1], or -1 when no import runs. */
    importProgress() { return num('fp_import_progress'); },
    cancelImport() { num('fp_import_cancel'); },
    /** Import work per frame in milliseconds (default 8; lower keeps slow devices smoother). */
    setImportBudget(ms) { num('fp_set_import_budget_ms', [ms], ['number']); },
    /** The last import's report and stage counts (docs/cli.md, analyze JSON), or null. */
    getAnalysis() { return parse(call('fp_get_analysis', [])); },
    /** Shows a summary getAnalysis() returned earlier, without its rows (what a reload restores).
     *  Accepts an object or JSON text. Returns {ok} or {ok:false, errors:[{field, message}]}. */
    restoreAnalysis(summary) {
      return guarded(() => parse(call('fp_restore_analysis', [textArg(summary, LIMITS.summary, 'data summary')])));
    },
    /** A number that changes whenever the imported data shown changes (import, switch, restore). */
    dataRevision() { return num('fp_data_revision'); },
    /** Count only stages with a date (true) or stages implied by the current stage (false). */
    setDatedOnly(on) { num('fp_set_dated_only', [on ? 1 : 0], ['number']); return this.getAnalysis(); },
    /** Uses the imported stages and observed rates in the plan. Returns the new result. */
    useRatesFromData() { num('fp_use_rates_from_data'); return this.getResult(); },
    /** Size of the app's WebAssembly memory in bytes (it never shrinks: the peak). */
    heapBytes() { return num('fp_heap_bytes'); },
    /** Saves the current scenario under a name in the Scenarios tab (replacing one of that name). */
    saveScenario(name) { invoke('fp_save_scenario', null, ['string'], [shortName(name)]); },
    /** The saved scenarios: [{scenario, compare}, …]. */
    getSavedScenarios() { return parse(call('fp_get_saved_scenarios', [])); },
    /** Replaces the saved scenarios (entries that do not load are skipped); returns how many loaded.
     *  Throws (the list is left alone) when the list is over the size limit or the engine fails. */
    setSavedScenarios(list) {
      return num('fp_set_saved_scenarios', [textArg(list, LIMITS.savedList, 'list of saved scenarios')], ['string']);
    },
    /** The Track tab's snapshots: [{as_of, source, plan, records, stages, pipeline, forecast}, …]
     *  (docs/js-api.md, "Snapshots"); summaries only, never rows. */
    getSnapshots() { return parse(call('fp_get_snapshots', [])); },
    /** Replaces the snapshots (entries that do not load are skipped); returns how many loaded,
     *  −1 when the text is not a list (nothing changes). */
    setSnapshots(list) {
      return num('fp_set_snapshots', [textArg(list, LIMITS.summary, 'list of snapshots')], ['string']);
    },
    /** A number that changes whenever a snapshot is kept, removed or loaded (for autosave). */
    snapshotsRevision() { return num('fp_snapshots_revision'); },
    /** Draws at least `n` more frames (the app skips frames while nothing changes). */
    requestFrames(n = 2) { num('fp_request_frames', [n], ['number']); },
    /** True while the dark theme is shown (the toolbar's Dark/Light switch). */
    darkTheme() { return num('fp_dark_theme') === 1; },
    /** Shows the dark (true) or light (false) theme. */
    setDarkTheme(on) { num('fp_set_dark_theme', [on ? 1 : 0], ['number']); },
    /** The text size: 1 is normal, from 0.75 to 2 (the menu's Larger/Smaller text, a pinch). */
    textScale() { return num('fp_text_scale'); },
    setTextScale(scale) { num('fp_set_text_scale', [Number(scale)], ['number']); },
    /** The tab on screen: "Plan", "Channels & money", "What-if", "Scenarios" or "Data". */
    currentTab() { return call('fp_current_tab', []); },
    /** Shows a tab: "Plan", "Channels & money", "What-if", "Scenarios" or "Data". */
    selectTab(name) { invoke('fp_select_tab', null, ['string'], [shortName(name)]); },
    /** The controls published for assistive technology this frame (docs/js-api.md). */
    accessibleItems() { return parse(call('fp_accessible_items', [])); },
    /** The Track tab's report (as `funnelplan track --format json`), {ok:false, errors}, or null
     *  before the tab has shown it. */
    getTrack() { return parse(call('fp_get_track', [])); },
    /** The Track tab's forecast (as `funnelplan forecast --format json`), {ok:false, errors}, or null. */
    getForecast() { return parse(call('fp_get_forecast', [])); },
    /** A number that changes whenever accessibleItems() would answer differently. */
    accessibleRevision() { return num('fp_accessible_revision'); },
    /** Acts on a published control as its DOM mirror does: accessibleAct('toolbar_undo', 'press'),
     *  accessibleAct('revenue_goal', 'set', '2000000'), accessibleAct('steps[1].rate', 'focus').
     *  Applied on the next frame; false for an unknown action. */
    accessibleAct(name, action, value = '') {
      return num('fp_accessible_act', [shortName(name), String(action), String(value).slice(0, 4096)],
                 ['string', 'string', 'string']) === 1;
    },
    /** Screen rectangle {x, y, w, h} (CSS pixels) of a named input, e.g. "revenue_goal". */
    uiRect(name) { return parse(call('fp_ui_rect', [shortName(name)])); },
    /** The UI's text as the next frame draws it (labels, values, table cells, chart labels), a
     *  line per row on screen, in screen order. Resolves after that frame. */
    screenText() {
      // Callers overlap (the text mirror polls too): capture stays on until the last one has
      // read, since turning it off clears the text another caller is about to read.
      return new Promise((resolve, reject) => {
        try { num('fp_set_capture_text', [1], ['number']); } catch (err) { reject(err); return; }
        ++screenTextReaders;
        window.funnelplanShell.afterNextFrame(() => {
          try { resolve(call('fp_screen_text', [])); } catch (err) { reject(err); }
          if (--screenTextReaders > 0) return;
          try { num('fp_set_capture_text', [0], ['number']); } catch { /* the reply above says why */ }
        });
      });
    },
    /** Size limits (bytes of UTF-8) on text handed to the engine (docs/js-api.md, "Limits"). */
    limits: Object.freeze({ ...LIMITS }),
  };

  // The page shell (web/shell/main.js) is an ES module: it runs after this script, in no set
  // order with the async index.js. The app waits for it (an Emscripten run dependency, released
  // by funnelplanShell.attach): the shell's key filter must be registered before GLFW's key
  // listeners (main() adds them), and `ready` must resolve with the shell's members of
  // window.funnelplan in place. A shell that fails to load releases the app without it.
  let shellAttached = false, heldModule = null;
  function holdForShell(M) {
    if (shellAttached) return;
    heldModule = M;
    M.addRunDependency('fp-shell');
  }
  function releaseForShell() {
    shellAttached = true;
    if (!heldModule) return;
    const M = heldModule;
    heldModule = null;
    M.removeRunDependency('fp-shell');
  }
  window.addEventListener('error', (e) => {
    if (shellAttached) return;
    const notLoaded = e.target instanceof HTMLScriptElement && e.target.type === 'module';  // (a file missing)
    const failed = typeof e.filename === 'string' && /\/shell[./]/.test(e.filename);        // (it threw while wiring)
    if (!notLoaded && !failed) return;
    console.warn('funnelplan: the page shell did not start (' + (notLoaded ? e.target.src : e.message) +
                 '); links, autosave and exports are off');
    releaseForShell();
  }, true);

  window.Module = {
    canvas: document.getElementById('canvas'),
    // "fp:wasm-ready": the code compiled and the fonts' file in (bench/browser/first_frame.mjs).
    preRun: [() => { if (typeof performance === 'object' && performance.mark) performance.mark('fp:wasm-ready'); }, holdForShell],
    print: (text) => console.log(text),
    locateFile: (file, prefix) => (prefix || '') + (FILE_MAP[file] || file),
    instantiateWasm(imports, receiveInstance) {
      wasmCompiled
        .then((module) => WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module)))
        .catch((e) => {
          showError('Funnel Planner could not start: ' + (e && e.message ? e.message : e));
          rejectReady(e instanceof Error ? e : new Error(String(e)));
        });
      return {};  // the exports arrive through receiveInstance
    },
    postMainLoop() {
      if (!afterFrame.length) return;
      // Only after a frame that was drawn (the app skips drawing while idle).
      const drawn = window.funnelplan.frameCount();
      for (const cb of afterFrame.filter((c) => drawn > c.after)) {
        afterFrame.splice(afterFrame.indexOf(cb), 1);
        try { cb.fn(); } catch (err) { console.warn('funnelplan: after-frame callback failed', err); }
      }
    },
    printErr: (text) => console.warn(text),
    onRuntimeInitialized() {
      const el = statusEl();
      if (el) el.className = 'hidden';
      resolveReady(window.funnelplan);
    },
    onAbort(what) {
      showError('Funnel Planner stopped: ' + what + '. Reload the page to continue.');
      rejectReady(new Error(String(what)));
    },
  };

  window.addEventListener('error', (e) => {
    if (!window.Module.calledRun) showError('Funnel Planner could not start: ' + e.message);
  });
  if (typeof WebAssembly !== 'object') showError('Funnel Planner needs a browser with WebAssembly.');

  // The page shell: file picker, drag-drop and paste all feed the same import.
  const fileInput = document.createElement('input');
  fileInput.type = 'file';
  fileInput.id = 'fp-file-picker';
  fileInput.accept = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,' +
                     'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  fileInput.style.display = 'none';
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) await importFile(file);
    fileInput.value = '';
  });
  async function importFile(file) {
    try {
      await ready;
      await window.funnelplan.importFile(file);
    } catch (err) {
      // e.g. the file is larger than the browser will load into memory
      const message = 'Could not read ' + file.name + ': ' + (err && err.message ? err.message : err);
      const shell = window.funnelplanShell;
      if (shell && shell.showBanner) shell.showBanner(message, { kind: 'error', id: 'file' });
      else alert(message);
    }
  }
  // Actions the app asks the page to carry out (src/app: AppState::shell).
  const shellActions = {
    openFilePicker() { fileInput.click(); },
    rereadImport,
  };
  window.funnelplanShell = {
    actions: shellActions,
    /** Imports a File as the file picker and drop do (CSV, TSV or .xlsx). */
    importFile,
    /** Runs fn once, right after the app's next frame is drawn (same task: pixels readable). */
    afterNextFrame(fn) {
      const running = window.Module && window.Module.calledRun;
      afterFrame.push({ fn, after: running ? window.funnelplan.frameCount() : 0 });
      if (running && window.funnelplan.requestFrames) window.funnelplan.requestFrames(2);
    },
    runAction(name) {
      const fn = shellActions[name];
      if (fn) fn();
      else console.warn('funnelplan: no shell action ' + name);
    },
    /** Called once by the page shell (web/shell/main.js) when it is wired: its actions, its
     *  banner function and its members of window.funnelplan (shareLink, openShareLink, saveNow,
     *  loadSavedScenarios). The app starts after this. */
    attach({ actions = {}, showBanner = null, api = {} }) {
      Object.assign(shellActions, actions);
      if (showBanner) this.showBanner = showBanner;
      Object.assign(window.funnelplan, api);
      releaseForShell();
    },
  };
  document.addEventListener('DOMContentLoaded', () => document.body.appendChild(fileInput));
  if (document.body) document.body.appendChild(fileInput);

  window.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (file) importFile(file);
    else if (e.dataTransfer) {
      const text = e.dataTransfer.getData('text/plain');
      if (text) ready.then((fp) => fp.importText(text, 'dropped text')).catch(reportPasteFailure);
    }
  });
  function reportPasteFailure(err) {
    const shell = window.funnelplanShell;
    const message = 'The pasted text could not be used: ' + (err && err.message ? err.message : err);
    if (shell && shell.showBanner) shell.showBanner(message, { kind: 'error', id: 'paste' });
    else console.warn(message);
  }
  // DOM controls of the shell (banners, dialogs, print view) handle their own keys and paste.
  const inShellUi = (e) => e.target instanceof Element && !!e.target.closest('.fp-ui');
  document.addEventListener('paste', (e) => {
    if (inShellUi(e)) return;
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !window.Module || !window.Module.calledRun) return;
    e.preventDefault();
    try {
      if (num('fp_wants_text_input')) invoke('fp_set_clipboard', null, ['string'], [text]);
      else window.funnelplan.importText(text, 'pasted data').catch(reportPasteFailure);
    } catch (err) {
      reportPasteFailure(err);
    }
  });

  // Touch. Emscripten's GLFW would turn a touch into a mouse press at once, so every swipe
  // would drag whatever is under the finger (a rate, a field) and nothing would scroll. Touches
  // on the canvas are handled here instead (capture listeners run before GLFW's, which never
  // see them) and become what a phone user expects:
  //   tap                          → one click where the finger was (pointer moved there first)
  //   vertical swipe               → scrolls the part under the finger, with momentum
  //   horizontal move, or a hold   → a mouse drag (moves a slider, selects text)
  //   two-finger pinch             → text size (funnelplan.setTextScale), not a page zoom
  const TOUCH_SLOP = 8;        // CSS px a finger may wander and still tap
  const TOUCH_HOLD_MS = 350;   // a finger held this long without moving starts a drag
  const reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)');
  let touch = null;            // the gesture of the first finger down, or null
  let pinch = null;            // {d0, scale0} while two fingers are down
  let glide = 0;               // requestAnimationFrame id of the momentum scroll
  const canvasEl = () => document.getElementById('canvas');
  function mouse(type, x, y) {
    canvasEl().dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, screenX: x, screenY: y, button: 0,
                                                    buttons: type === 'mouseup' ? 0 : 1, bubbles: true }));
  }
  // The app scrolls 5 lines (5 × 16 CSS px) per 100 px of wheel: × 1.25 so content follows the finger.
  const WHEEL_PER_PX = 1.25;
  function wheel(x, y, dy) {
    canvasEl().dispatchEvent(new WheelEvent('wheel', { clientX: x, clientY: y, deltaY: dy * WHEEL_PER_PX, deltaMode: 0,
                                                       bubbles: true, cancelable: true }));
    if (window.funnelplan.requestFrames) try { window.funnelplan.requestFrames(2); } catch { /* not running */ }
  }
  function startDrag(g) {
    clearTimeout(g.hold);
    g.mode = 'drag';
    mouse('mousedown', g.x0, g.y0);
    if (g.x !== g.x0 || g.y !== g.y0) mouse('mousemove', g.x, g.y);
  }
  function stopGlide() { if (glide) cancelAnimationFrame(glide); glide = 0; }
  function startGlide(g) {
    let v = g.v;  // px per ms, positive = content moves up (scrolls down)
    if (reducedMotion && reducedMotion.matches) return;
    let last = performance.now();
    const step = (now) => {
      const dt = Math.min(64, now - last);
      last = now;
      v *= Math.pow(0.95, dt / 16);
      if (Math.abs(v) < 0.02) { glide = 0; return; }
      wheel(g.x0, g.y0, v * dt);
      glide = requestAnimationFrame(step);
    };
    glide = requestAnimationFrame(step);
  }
  function onTouch(e) {
    const canvas = canvasEl();
    if (!canvas || e.target !== canvas) return;
    e.preventDefault();        // no emulated mouse events, no page scroll or zoom
    e.stopPropagation();       // GLFW's own touch handling never sees it
    const t = touch && Array.from(e.changedTouches).find((c) => c.identifier === touch.id);
    const spread = (list) => Math.hypot(list[0].clientX - list[1].clientX, list[0].clientY - list[1].clientY);
    if (e.touches.length >= 2 && (e.type === 'touchstart' || e.type === 'touchmove')) {
      // Two fingers: a pinch sizes the text. The first finger's gesture ends without acting
      // (a drag it had started is released where it is).
      if (touch) {
        clearTimeout(touch.hold);
        if (touch.mode === 'drag') mouse('mouseup', touch.x, touch.y);
        touch = null;
      }
      if (!pinch) {
        try { pinch = { d0: Math.max(1, spread(e.touches)), scale0: window.funnelplan.textScale() }; } catch { pinch = null; }
      } else if (e.type === 'touchmove') {
        try { window.funnelplan.setTextScale(pinch.scale0 * spread(e.touches) / pinch.d0); } catch { /* not running */ }
      }
      return;
    }
    if (pinch) {               // fingers lifting after a pinch: nothing else happens
      if (e.touches.length === 0) pinch = null;
      return;
    }
    if (e.type === 'touchstart') {
      if (touch) return;
      stopGlide();
      const c = e.changedTouches[0];
      const now = performance.now();
      touch = { id: c.identifier, x0: c.clientX, y0: c.clientY, x: c.clientX, y: c.clientY, mode: 'pending',
                lastY: c.clientY, lastT: now, v: 0, hold: 0 };
      const g = touch;
      mouse('mousemove', g.x0, g.y0);  // hover first, so the press lands on what is under the finger
      g.hold = setTimeout(() => { if (touch === g && g.mode === 'pending') startDrag(g); }, TOUCH_HOLD_MS);
      return;
    }
    if (!t) return;
    const g = touch;
    g.x = t.clientX;
    g.y = t.clientY;
    if (e.type === 'touchmove') {
      const dx = g.x - g.x0, dy = g.y - g.y0;
      if (g.mode === 'pending' && Math.hypot(dx, dy) > TOUCH_SLOP) {
        if (Math.abs(dy) > Math.abs(dx)) { clearTimeout(g.hold); g.mode = 'scroll'; } else startDrag(g);
      }
      if (g.mode === 'scroll') {
        const now = performance.now();
        const step = g.lastY - g.y;  // finger up → positive → content scrolls down
        if (step) wheel(g.x0, g.y0, step);
        const dt = Math.max(1, now - g.lastT);
        g.v = 0.8 * (step / dt) + 0.2 * g.v;
        g.lastY = g.y;
        g.lastT = now;
      } else if (g.mode === 'drag') {
        mouse('mousemove', g.x, g.y);
      }
      return;
    }
    // touchend / touchcancel
    clearTimeout(g.hold);
    touch = null;
    if (g.mode === 'pending' && e.type === 'touchend') {
      mouse('mousedown', g.x0, g.y0);
      mouse('mouseup', g.x0, g.y0);
    } else if (g.mode === 'drag') {
      mouse('mouseup', g.x, g.y);
    } else if (g.mode === 'scroll' && performance.now() - g.lastT < 80) {
      startGlide(g);
    }
  }
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    window.addEventListener(type, onTouch, { capture: true, passive: false });
  }
  // The same for the mouse: GLFW learns the pointer's position only from mousemove, so the
  // first click on a freshly loaded page (no move yet: keyboard focus, a tab switch) would
  // press nowhere. Tell it where the button went down first.
  let lastMouse = null;
  window.addEventListener('mousemove', (e) => { lastMouse = [e.clientX, e.clientY]; }, { capture: true, passive: true });
  window.addEventListener('mousedown', (e) => {
    const canvas = document.getElementById('canvas');
    if (e.target !== canvas || (lastMouse && lastMouse[0] === e.clientX && lastMouse[1] === e.clientY)) return;
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: e.clientX, clientY: e.clientY,
                                                       screenX: e.screenX, screenY: e.screenY, bubbles: true }));
  }, { capture: true });

  // GLFW listens for keys on window, so ImGui gets them; stop the browser's own shortcuts
  // (select all, undo, save…) from acting on the page, but keep copy, cut and paste.
  window.addEventListener('keydown', (e) => {
    if (inShellUi(e)) return;
    if ((e.ctrlKey || e.metaKey) && !['c', 'v', 'x'].includes(e.key.toLowerCase())) e.preventDefault();
    if (e.key === 'Tab' || e.key === 'Backspace') e.preventDefault();
  });
})();
