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

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });

  function call(name, args) {
    const M = window.Module;
    if (!M || !M.calledRun) throw new Error('funnelplan: the app is still loading; await funnelplan.ready');
    return M.ccall(name, 'string', args.map(() => 'string'), args);
  }
  function parse(text) { return text == null ? null : JSON.parse(text); }

  // Public API: window.funnelplan
  window.funnelplan = {
    ready,
    version: 1,
    /** The current scenario as an object (format: docs/scenario.md). */
    getScenario() { return parse(call('fp_get_scenario', [])); },
    /** Replaces the scenario. Accepts an object or JSON text. Returns {ok, errors|warnings}. */
    setScenario(scenario) {
      const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
      return parse(call('fp_set_scenario', [text]));
    },
    /** The plan computed from the current scenario: {ok, stages[], customers} or {ok:false, errors}. */
    getResult() { return parse(call('fp_get_result', [])); },
    /** Frames drawn so far (0 until the first frame is on screen). */
    frameCount() { return window.Module && window.Module.calledRun ? window.Module.ccall('fp_frame_count', 'number', [], []) : 0; },
    /** Input events (keys, clicks) received but not yet applied by the UI; 0 when settled. */
    inputPending() { return window.Module && window.Module.calledRun ? window.Module.ccall('fp_input_pending', 'number', [], []) : 0; },
    /** Screen rectangle {x, y, w, h} (CSS pixels) of a named input, e.g. "revenue_goal". */
    uiRect(name) { return parse(call('fp_ui_rect', [name])); },
  };

  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
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

  // GLFW listens for keys on window, so ImGui gets them; stop the browser's own shortcuts
  // (select all, undo, save…) from acting on the page, but keep copy, cut and paste.
  window.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !['c', 'v', 'x'].includes(e.key.toLowerCase())) e.preventDefault();
    if (e.key === 'Tab' || e.key === 'Backspace') e.preventDefault();
  });
})();
