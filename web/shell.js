// The page shell around the app: share links, autosave, offline (service worker), exports,
// the printable summary, and the DOM banners/dialogs that report on them (docs/js-api.md,
// "Shell actions"). Loaded after funnelplan.js and before the Emscripten-generated index.js.
(function () {
  'use strict';
  // node --test loads this file for its pure functions (tests/browser/saved_merge.test.mjs).
  if (typeof window === 'undefined') {
    module.exports = { splitJsonArray, entryKey, keyHash, mergeSavedLists };
    return;
  }
  const fp = window.funnelplan;
  const shell = window.funnelplanShell;

  const STORAGE_KEY = 'funnelplan.scenario.v1';           // autosave: the current scenario (JSON)
  const SAVED_KEY = 'funnelplan.saved-scenarios.v1';      // autosave: the Scenarios tab's list
  const PREVIOUS_KEY = 'funnelplan.scenario.v1.previous'; // the user's plan a share link replaced
  const REJECTED_KEY = 'funnelplan.scenario.v1.rejected'; // an autosave this version refused
  const SHOWN_KEY = 'funnelplan.scenario.v1.previous.shown'; // the shared plan as opened (unedited)
  const SAVED_ASIDE_KEY = 'funnelplan.saved-scenarios.v1.rejected'; // saved scenarios this version could not read
  const SAVED_REMOVED_KEY = 'funnelplan.saved-scenarios.v1.removed'; // {keyHash: time} of saved entries removed on purpose
  const MAX_REMOVALS = 500;
  const UNDO_RESET_SAVED_KEY = 'funnelplan.undo-reset.saved'; // sessionStorage: the saved list before "reset"
  const DATA_KEY = 'funnelplan.imported-summary.v1';     // autosave: the imported data's counts and rates
  const UNDO_RESET_KEY = 'funnelplan.undo-reset';         // sessionStorage: the plan before "reset"
  const UNDO_RESET_DATA_KEY = 'funnelplan.undo-reset.data'; // sessionStorage: the summary before "reset"
  const LINK_PREFIX = '#s=';
  const TEMPLATE_PREFIX = '#t=';  // "#t=enterprise-b2b": a workshop template (assets/templates)
  const isLinkHash = (hash) => hash.startsWith(LINK_PREFIX) || hash.startsWith(TEMPLATE_PREFIX);
  const MAX_LINK_CHARS = 64 * 1024;      // a real link is < 2,000; refuse anything absurd unread
  const MAX_SCENARIO_BYTES = 512 * 1024; // stop inflating beyond this (a "zip bomb" link)
  const AUTOSAVE_MS = 300;


  // ---- Pure helpers (no DOM, no engine; tested in node) ------------------------------------
  /**
   * The raw text of each element of a JSON array, without parsing the elements (so an element
   * this version cannot read — a number out of range, deep nesting — keeps its exact text and
   * does not spoil the others). Returns null when `text` is not a JSON array. A list cut off
   * before its end gives what is there (the last element then fails to load on its own).
   */
  function splitJsonArray(text) {
    if (typeof text !== 'string') return null;
    let i = 0;
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] !== '[') return null;
    const items = [];
    let depth = 0, start = -1, inString = false, sawComma = false;
    for (i++; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') { inString = true; if (start < 0) start = i; continue; }
      if (c === '[' || c === '{') { if (start < 0) start = i; depth++; continue; }
      if ((c === ']' || c === '}') && depth > 0) { depth--; continue; }
      if (depth > 0) continue;
      if (c === ',') {
        items.push(start >= 0 ? text.slice(start, i).trim() : '');
        start = -1;
        sawComma = true;
        continue;
      }
      if (c === ']') {
        if (start >= 0) items.push(text.slice(start, i).trim());
        else if (sawComma) items.push('');  // "[a,]": an empty element, which will not load
        return text.slice(i + 1).trim() === '' ? items : null;
      }
      if (c === '}') return null;
      if (start < 0 && !/\s/.test(c)) start = i;
    }
    if (start >= 0) items.push(text.slice(start).trim());
    return items;
  }

  // JSON text with object keys sorted, so the same entry written by two tabs (or versions)
  // compares equal whatever its key order.
  function canonicalJson(value) {
    if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
    if (value && typeof value === 'object') {
      return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('number out of range');  // 1e400
    return JSON.stringify(value === undefined ? null : value);
  }
  /** Identity of a saved-scenario entry (object or JSON text): its name and content. */
  function entryKey(entry) {
    try {
      return canonicalJson(typeof entry === 'string' ? JSON.parse(entry) : entry);
    } catch {
      return 'raw:' + String(entry);  // unreadable (or too deep): its exact text is its identity
    }
  }
  /** A short hash of an entry key (53-bit, base 36), what a removal record stores. */
  function keyHash(key) {
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }
  /**
   * Three-way merge of saved-scenario lists by entry (name and content). `base` is the list
   * this tab last read or wrote, `ours` what this tab has now, `theirs` what is stored now
   * (another tab wrote it). `removed` holds the keyHash of every entry a tab removed on
   * purpose (deleted, or replaced by saving under its name again).
   * - Entries another tab added come in; entries this tab removed (in base, not in ours) stay
   *   removed.
   * - An entry this tab has is dropped only when another tab removed it on purpose: it is in
   *   base, missing from theirs, and in `removed`. Missing alone is not enough: two tabs
   *   writing at the same moment can each miss the other's latest entry.
   * - The same name saved in two tabs with different content is kept twice (nothing is
   *   overwritten).
   * Order: ours, then the additions in their order. Entries may be objects or JSON text; they
   * are returned as given.
   */
  function mergeSavedLists(base, ours, theirs, removed = new Set()) {
    const baseKeys = new Set(base.map(entryKey));
    const theirKeys = new Set(theirs.map(entryKey));
    const merged = [], added = [], dropped = [];
    const seen = new Set();
    for (const e of ours) {
      const k = entryKey(e);
      if (baseKeys.has(k) && !theirKeys.has(k) && removed.has(keyHash(k))) { dropped.push(e); continue; }
      seen.add(k);
      merged.push(e);
    }
    for (const e of theirs) {
      const k = entryKey(e);
      if (seen.has(k) || baseKeys.has(k)) continue;
      seen.add(k);
      merged.push(e);
      added.push(e);
    }
    return { merged, added, removed: dropped };
  }

  // ---- DOM helpers -------------------------------------------------------------------------
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of [].concat(children)) if (c != null) node.append(c);
    return node;
  }
  function onBody(fn) {
    if (document.body) fn();
    else document.addEventListener('DOMContentLoaded', fn, { once: true });
  }
  let bannerBox = null;
  function banners() {
    if (!bannerBox) {
      bannerBox = el('div', { id: 'fp-banners', class: 'fp-ui' });
      document.body.append(bannerBox);
    }
    return bannerBox;
  }

  /**
   * Shows a non-blocking banner at the top of the page. kind: 'error' | 'info' | 'update'.
   * actions: [{label, run}] buttons (each closes the banner after running). id: replaces an
   * earlier banner with the same id. Returns the banner element.
   */
  function showBanner(message, { kind = 'info', id = '', actions = [], detail = '' } = {}) {
    const box = banners();
    if (id) box.querySelectorAll(`[data-id="${id}"]`).forEach((b) => b.remove());
    const banner = el('div', {
      class: `fp-banner fp-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-id': id,
    });
    const close = () => banner.remove();
    banner.append(el('p', { class: 'fp-banner-text' }, [
      el('span', { text: message }), detail ? el('span', { class: 'fp-banner-detail', text: detail }) : null]));
    const buttons = el('div', { class: 'fp-banner-buttons' });
    for (const a of actions) {
      buttons.append(el('button', { type: 'button', class: 'fp-button', text: a.label,
                                    onclick: () => { close(); a.run(); } }));
    }
    buttons.append(el('button', { type: 'button', class: 'fp-close', 'aria-label': 'Close', title: 'Close',
                                  text: '×', onclick: close }));
    banner.append(buttons);
    box.append(banner);
    return banner;
  }

  // Keys typed in the shell's own DOM controls must not reach the app (GLFW listens on window
  // in the capture phase; this listener is registered first, so it runs first).
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (e.target instanceof Element && e.target.closest('.fp-ui')) e.stopImmediatePropagation();
    }, true);
  }

  // ---- Storage (never throws: private windows and full disks just lose the feature) ---------
  function storageGet(store, key) {
    try { return window[store].getItem(key); } catch { return null; }
  }
  function storageSet(store, key, value) {
    try { window[store].setItem(key, value); return true; } catch { return false; }
  }
  // What the last autosave could and could not write: {plan, saved, data} → true (saved),
  // false (not saved) or undefined (nothing to save yet). One banner says which, and goes when
  // everything is saved again.
  const storageState = {};
  const PART_NAMES = { plan: 'your current plan', saved: 'your saved scenarios', data: 'the summary of your imported data' };
  function reportStorage(part, ok, note = '') {
    if (storageState[part] && storageState[part].ok === ok && storageState[part].note === note) return;
    storageState[part] = { ok, note };
    const parts = Object.keys(PART_NAMES).filter((k) => storageState[k]).map((k) => [k, storageState[k]]);
    const notSaved = parts.filter(([, v]) => !v.ok).map(([k]) => PART_NAMES[k]);
    const saved = parts.filter(([, v]) => v.ok).map(([k]) => PART_NAMES[k]);
    const box = bannerBox && bannerBox.querySelector('[data-id="storage"]');
    if (!notSaved.length) { if (box) box.remove(); return; }
    const list = (xs) => (xs.length > 1 ? xs.slice(0, -1).join(', ') + ' and ' + xs[xs.length - 1] : xs[0]);
    const notes = parts.map(([, v]) => v.note).filter(Boolean).join(' ');
    let message = 'This browser\'s storage is full or turned off: ' + list(notSaved) + (notSaved.length > 1 ? ' were' : ' was') +
                  ' not saved for your next visit';
    message += saved.length ? '; ' + list(saved) + (saved.length > 1 ? ' were' : ' was') + ' saved.' : '.';
    showBanner(message, {
      kind: 'error', id: 'storage',
      detail: (notes ? notes + ' ' : '') + 'Use Export → Scenario as JSON to keep a copy of the plan; free space by clearing other sites\' data.',
    });
  }
  function storageRemove(store, key) { try { window[store].removeItem(key); } catch { /* ignore */ } }

  // ---- Share links: #s= + base64url(deflate-raw(scenario JSON)) -----------------------------
  class LinkError extends Error {}

  function toBase64Url(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
      throw new LinkError('The link is damaged: it contains characters a Funnel Planner link never has.');
    }
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  async function deflate(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  // Inflates at most `limit` bytes; a truncated or corrupt stream throws.
  async function inflate(bytes, limit) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const parts = [];
    let total = 0;
    for (;;) {
      let chunk;
      try { chunk = await reader.read(); } catch {
        throw new LinkError('The link is incomplete or damaged (it may have been cut off when it was copied).');
      }
      if (chunk.done) break;
      total += chunk.value.length;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new LinkError('The link holds far more data than a plan; it was not opened.');
      }
      parts.push(chunk.value);
    }
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.length; }
    return out;
  }

  /** The share link (full URL) for a scenario object or JSON text. */
  async function linkFor(scenario) {
    const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
    const base = location.href.replace(/#.*$/, '');
    return base + LINK_PREFIX + toBase64Url(await deflate(text));
  }

  /** Decodes the scenario JSON text from a "#s=…" hash. Throws LinkError with a user message. */
  async function scenarioTextFromHash(hash) {
    if (hash.startsWith(TEMPLATE_PREFIX)) {
      let id = hash.slice(TEMPLATE_PREFIX.length);
      try { id = decodeURIComponent(id); } catch { /* keep it as written */ }
      const text = id.length <= 100 ? fp.templateScenario(id) : '';
      if (!text) throw new LinkError(`There is no workshop template called "${id.slice(0, 100)}".`);
      return text;
    }
    const payload = hash.slice(LINK_PREFIX.length);
    if (payload.length > MAX_LINK_CHARS) {
      throw new LinkError(`The link is too long to be a Funnel Planner link (${payload.length.toLocaleString('en-US')} characters).`);
    }
    if (!payload) throw new LinkError('The link is empty: it carries no plan.');
    const bytes = await inflate(fromBase64Url(payload), MAX_SCENARIO_BYTES);
    let text, value;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      value = JSON.parse(text);
    } catch {
      throw new LinkError('The link does not contain a plan (its content is not a scenario).');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new LinkError('The link does not contain a plan (its content is not a scenario).');
    }
    return text;
  }

  function describeErrors(errors) {
    const list = (errors || []).slice(0, 3).map((e) => (e.field ? `${e.field}: ` : '') + e.message);
    if ((errors || []).length > 3) list.push(`… and ${errors.length - 3} more`);
    return list.join(' · ');
  }

  // The revision at which the scenario was the one in the address bar's #s= link; any later
  // edit drops the (now stale) link from the address bar so a reload restores the edit.
  let linkRevision = null;
  function dropStaleLink() {
    if (linkRevision !== null && fp.scenarioRevision() !== linkRevision && isLinkHash(location.hash)) {
      history.replaceState(history.state, '', location.href.replace(/#.*$/, ''));
      linkRevision = null;
    }
  }

  /** Opens the plan in a "#s=…" hash. Returns true if it was applied. */
  async function openLinkHash(hash) {
    let text;
    try {
      text = await scenarioTextFromHash(hash);
    } catch (err) {
      const message = err instanceof LinkError ? err.message : 'The link is damaged and could not be read.';
      linkProblem(message);
      return false;
    }
    saveNow();  // a link opened into a running page: the autosave has the latest edit
    const reply = fp.setScenario(text);
    if (!reply || !reply.ok) {
      linkProblem('The plan in this link could not be opened.', describeErrors(reply && reply.errors));
      return false;
    }
    const now = JSON.stringify(fp.getScenario());
    // The user's own plan is the one they had before any link. A second link opened while the
    // first one's plan is still unedited keeps that plan, not the first link's; once the user
    // has edited a shared plan, that edit is their own plan.
    const own = storageGet('localStorage', STORAGE_KEY);
    const kept = storageGet('localStorage', PREVIOUS_KEY);
    const shown = storageGet('localStorage', SHOWN_KEY);
    const ownIsLink = !!kept && !!own && own === shown;
    if (!ownIsLink && own && own !== now) {
      if (!storageSet('localStorage', PREVIOUS_KEY, own)) {
        keepStoredPlan = true;  // the own plan stays the autosave; the shared one is not saved over it
        showBanner('You opened a shared plan, but this browser\'s storage is full, so your own plan could not be ' +
                   'kept beside it: the shared plan is not being saved, and your own plan stays saved. ' +
                   'Open Funnel Planner without the link to get back to your plan.', { kind: 'error', id: 'shared' });
        linkRevision = fp.scenarioRevision();
        return true;
      }
    }
    const keptNow = storageGet('localStorage', PREVIOUS_KEY);
    if (keptNow && keptNow !== now) {
      storageSet('localStorage', SHOWN_KEY, now);
      showSharedBanner();
    } else if (keptNow) {  // the link holds the user's own plan: nothing to go back to
      forgetKeptPlan();
    }
    linkRevision = fp.scenarioRevision();
    return true;
  }
  function showSharedBanner() {
    showBanner('You opened a shared plan. Your own plan was kept.', {
      kind: 'info', id: 'shared',
      actions: [{ label: 'Back to my plan', run: () => restorePrevious() },
                { label: 'Keep the shared plan', run: () => forgetKeptPlan() }],
    });
  }
  function forgetKeptPlan() {
    storageRemove('localStorage', PREVIOUS_KEY);
    storageRemove('localStorage', SHOWN_KEY);
  }
  function linkProblem(message, detail = '') {
    // Keep the broken link out of the address bar so a reload does not repeat the error.
    history.replaceState(history.state, '', location.href.replace(/#.*$/, ''));
    const fallback = storageGet('localStorage', STORAGE_KEY) ? 'your last plan' : 'the sample plan';
    showBanner(`${message} Funnel Planner opened ${fallback} instead; ask the sender for a new link.`,
               { kind: 'error', id: 'link', detail });
  }
  function restorePrevious() {
    const prev = storageGet('localStorage', PREVIOUS_KEY);
    if (!prev) return;
    const reply = fp.setScenario(prev);
    if (reply && reply.ok) {
      forgetKeptPlan();
      dropStaleLink();
      saveNow();
    } else {  // it stays kept (a newer version may read it)
      showBanner('Your own plan could not be opened again; it is still kept.', {
        kind: 'error', id: 'shared', detail: describeErrors(reply && reply.errors),
      });
    }
  }

  async function shareLink() {
    await fp.ready;
    return linkFor(fp.getScenario());
  }

  // ---- Autosave ------------------------------------------------------------------------------
  let savedRevision = null;
  let autosaving = false;
  let lastPlanText = null;  // the plan text this tab last wrote (another tab may write its own)
  let keepStoredPlan = false;  // the stored plan could not be kept aside: never write over it
  function saveNow() {
    if (!autosaving || !window.Module || !window.Module.calledRun) return;
    try {
      saveData();
      const rev = fp.scenarioRevision();
      if (rev === savedRevision) return;
      let ok = true;
      const plan = JSON.stringify(fp.getScenario());
      if (keepStoredPlan) {
        reportStorage('plan', false);
        ok = false;
      } else if (plan !== lastPlanText || storageGet('localStorage', STORAGE_KEY) === null) {
        let written = storageSet('localStorage', STORAGE_KEY, plan);
        if (!written && storageGet('localStorage', DATA_KEY) !== null) {
          // The plan matters more than the data's summary (the data can be imported again).
          storageRemove('localStorage', DATA_KEY);
          written = storageSet('localStorage', STORAGE_KEY, plan);
          if (written) reportStorage('data', false, 'The summary of your imported data was removed to make room for the plan.');
        }
        reportStorage('plan', written);
        if (written) lastPlanText = plan;
        ok = written;
      }
      ok = syncSaved() && ok;
      if (ok) savedRevision = rev;
      dropStaleLink();
    } catch (err) {
      console.warn('funnelplan: autosave failed', err);
      showBanner('Your plan could not be saved just now: ' + (err && err.message ? err.message : err), { kind: 'error', id: 'autosave-failed' });
    }
  }

  // ---- Saved scenarios: loaded entry by entry; merged with other tabs; unreadable ones aside --
  let savedBase = [];       // the stored list (raw entries) this tab last read or wrote
  let keepStoredList = false;  // unreadable entries could not be kept aside: never overwrite the list
  let frozenWarned = false;
  const ownEntries = () => fp.getSavedScenarios().map((e) => JSON.stringify(e));
  const sameEntries = (a, b) => {
    const ka = a.map(entryKey).sort(), kb = b.map(entryKey).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
  };
  // The name of a saved entry for messages, from its raw text, or its position.
  function entryName(raw, index) {
    try {
      const name = JSON.parse(raw).scenario.name;
      if (typeof name === 'string' && name) return '“' + (name.length > 60 ? name.slice(0, 60) + '…' : name) + '”';
    } catch { /* unreadable */ }
    return `entry ${index + 1}`;
  }
  function whyUnreadable(raw) {
    let entry;
    try { entry = JSON.parse(raw); } catch { return 'it is damaged (not JSON)'; }
    const scenario = entry && typeof entry === 'object' ? entry.scenario : undefined;
    if (!scenario || typeof scenario !== 'object') return 'it holds no scenario';
    if (typeof scenario.version === 'number' && scenario.version > 1) return 'it was saved by a newer version of Funnel Planner';
    return 'some of its values are out of range or of the wrong type';
  }
  /**
   * Loads the saved list (JSON text or raw entries) into the app one entry at a time, so one
   * entry this version cannot read leaves the others loaded. Returns {ok, loaded, kept_aside:
   * [{index, name, reason, entry}]} (entry: the exact text that did not load).
   */
  function loadSavedEntries(list) {
    const items = Array.isArray(list) ? list : splitJsonArray(list);
    if (items === null) {
      fp.setSavedScenarios('[]');
      return { ok: false, loaded: 0, kept_aside: [{ index: 0, name: 'the whole list', reason: 'it is not a list of scenarios', entry: String(list) }] };
    }
    const good = [], aside = [];
    items.forEach((raw, index) => {
      let loaded = 0, reason = '';
      try { loaded = raw ? fp.setSavedScenarios('[' + raw + ']') : 0; } catch (err) { reason = err.message; }
      if (loaded === 1) good.push(raw);
      else aside.push({ index, name: entryName(raw, index), reason: reason || whyUnreadable(raw), entry: raw });
    });
    const loaded = fp.setSavedScenarios('[' + good.join(',') + ']');
    if (loaded !== good.length) {  // each entry loads alone but not all together: touch nothing stored
      keepStoredList = true;
      throw new Error(`only ${loaded} of ${good.length} saved scenarios could be loaded together`);
    }
    return { ok: aside.length === 0, loaded, kept_aside: aside };
  }
  // Adds entries to the kept-aside list (never dropping what is there). False if storage is full.
  function keepAside(entries) {
    const old = storageGet('localStorage', SAVED_ASIDE_KEY);
    let list = [];
    if (old) {
      try { list = JSON.parse(old); } catch { list = null; }
      if (!Array.isArray(list)) list = [{ name: 'earlier entries', reason: 'unreadable', entry: old, kept: '' }];
    }
    const known = new Set(list.map((x) => x && x.entry));
    const kept = new Date().toISOString();
    for (const e of entries) {
      if (!known.has(e.entry)) list.push({ name: e.name, reason: e.reason, entry: e.entry, kept });
    }
    return storageSet('localStorage', SAVED_ASIDE_KEY, JSON.stringify(list));
  }
  function reportAside(aside, where) {
    const shown = aside.slice(0, 4).map((e) => `${e.name}: ${e.reason}`);
    if (aside.length > 4) shown.push(`… and ${aside.length - 4} more`);
    const what = aside.length === 1 ? '1 saved scenario' : `${aside.length} saved scenarios`;
    const kept = keepAside(aside);
    if (!kept) keepStoredList = true;
    showBanner(`${what}${where} could not be read by this version and ${kept ? 'were kept aside' : 'were left in storage'}` +
               ' (not deleted); the others are loaded.', {
      kind: 'error', id: 'saved-aside', detail: shown.join(' · '),
      actions: [{ label: 'Download them', run: () => {
        download(new Blob([JSON.stringify(aside.map((e) => ({ name: e.name, reason: e.reason, entry: e.entry })), null, 2) + '\n'],
                          { type: 'application/json' }), 'funnel-plan-unreadable-scenarios.json');
      } }],
    });
  }
  // At startup: the stored list into the app; what cannot be read is kept aside, with a banner.
  function restoreSavedList() {
    const text = storageGet('localStorage', SAVED_KEY);
    if (!text) return;
    const items = splitJsonArray(text);
    savedBase = items || [];
    keepStoredList = true;  // until the list has been read (or kept aside), it is not overwritten
    const reply = loadSavedEntries(items === null ? text : items);
    keepStoredList = false;
    if (reply.kept_aside.length) reportAside(reply.kept_aside, '');
  }
  /**
   * Writes this tab's saved list, merged first with what another tab wrote since this tab last
   * looked (their additions and removals are applied here too). Returns false when it could
   * not be written.
   */
  function readRemovals() {
    try {
      const value = JSON.parse(storageGet('localStorage', SAVED_REMOVED_KEY) || '{}');
      return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch { return {}; }
  }
  // Records entries this tab removed on purpose (so other tabs drop them too), and forgets a
  // removal of an entry that is back.
  function recordRemovals(goneKeys, presentKeys) {
    const removals = readRemovals();
    let changed = false;
    for (const k of goneKeys) { const h = keyHash(k); if (!(h in removals)) { removals[h] = Date.now(); changed = true; } }
    for (const k of presentKeys) { const h = keyHash(k); if (h in removals) { delete removals[h]; changed = true; } }
    if (!changed) return;
    const newest = Object.entries(removals).sort((a, b) => b[1] - a[1]).slice(0, MAX_REMOVALS);
    storageSet('localStorage', SAVED_REMOVED_KEY, JSON.stringify(Object.fromEntries(newest)));
  }
  let syncedText = null;  // the list text that storage and this tab both held at the last sync
  function syncSaved() {
    const theirsText = storageGet('localStorage', SAVED_KEY);
    const base = savedBase;
    let ours = ownEntries();
    if (theirsText !== null && theirsText === syncedText && '[' + ours.join(',') + ']' === syncedText && !keepStoredList) {
      return true;  // nothing moved on either side
    }
    const theirs = theirsText == null ? [] : splitJsonArray(theirsText) || [];
    if (!sameEntries(theirs, base)) {
      const { merged, added } = mergeSavedLists(base, ours, theirs, new Set(Object.keys(readRemovals())));
      if (!sameEntries(merged, ours)) {
        const rev = fp.scenarioRevision();
        const unchanged = rev === savedRevision;
        const reply = loadSavedEntries(merged);
        if (reply.kept_aside.length) reportAside(reply.kept_aside, ' from another tab');
        const names = added.map((e) => { try { return JSON.parse(e).scenario.name; } catch { return null; } });
        const clash = names.filter((n) => n && ours.some((o) => { try { return JSON.parse(o).scenario.name === n; } catch { return false; } }));
        if (clash.length) {
          showBanner(`“${clash[0]}” was saved in another tab too, with different values; both are kept in the Scenarios tab.`,
                     { kind: 'info', id: 'saved-merge' });
        }
        ours = ownEntries();
        if (unchanged) savedRevision = fp.scenarioRevision();  // only the list moved, to match storage
      }
    }
    savedBase = theirs;
    if (keepStoredList) {
      if (!frozenWarned) {
        frozenWarned = true;
        showBanner('Changes to your saved scenarios are not being saved: the stored list could not be read, ' +
                   'so it is left exactly as it was.', { kind: 'error', id: 'saved-frozen' });
      }
      return true;  // the plan itself is still saved
    }
    if (theirsText != null && sameEntries(ours, theirs)) {
      reportStorage('saved', true);
      if ('[' + ours.join(',') + ']' === theirsText) syncedText = theirsText;
      return true;
    }
    const oursKeys = new Set(ours.map(entryKey));
    recordRemovals(base.map(entryKey).filter((k) => !oursKeys.has(k)), [...oursKeys]);
    const text = '[' + ours.join(',') + ']';
    const written = storageSet('localStorage', SAVED_KEY, text);
    reportStorage('saved', written);
    if (written) { savedBase = ours; syncedText = text; }
    return written;
  }

  // ---- The imported data's summary ---------------------------------------------------------
  // The imported data is kept as its summary only (counts, rates, time to convert, sources,
  // months, column names) — never rows, and bounded whatever the data (the engine keeps the
  // largest sources and sums the rest) — so a reload never has to read megabytes back.
  let savedDataRevision = null;
  let dataRetryAt = 0;  // storage was full: try the summary again now and then, not every tick
  function summaryForStorage(analysis) {
    if (window.Module && typeof window.Module._fp_get_summary_for_storage === 'function') {
      const text = window.Module.UTF8ToString(window.Module._fp_get_summary_for_storage());
      if (text && text !== 'null') return text;
    }
    // Older engines: getAnalysis() without the listed warnings (they can quote a cell).
    const copy = Object.assign({}, analysis);
    delete copy.restored;
    for (const key of ['warnings', 'errors']) {
      if (copy[key]) copy[key] = { total: copy[key].total, listed: [] };
    }
    return JSON.stringify(copy);
  }
  function saveData() {
    const rev = fp.dataRevision();
    if (rev === savedDataRevision && !(storageState.data && !storageState.data.ok && Date.now() >= dataRetryAt)) return;
    savedDataRevision = rev;
    const analysis = fp.getAnalysis();
    if (!analysis || !analysis.ok) {  // nothing imported, or the last import failed
      storageRemove('localStorage', DATA_KEY);
      delete storageState.data;
      return;
    }
    if (storageSet('localStorage', DATA_KEY, summaryForStorage(analysis))) {
      reportStorage('data', true);
    } else {
      storageRemove('localStorage', DATA_KEY);  // an older summary would not match the data shown
      reportStorage('data', false);
      dataRetryAt = Date.now() + 5000;
    }
  }
  function restoreData() {
    const saved = storageGet('localStorage', DATA_KEY);
    if (!saved) return;
    const reply = fp.restoreAnalysis(saved);
    if (!reply || !reply.ok) {
      storageRemove('localStorage', DATA_KEY);
      showBanner('The summary of your imported data could not be restored. Import the data again to see it.',
                 { kind: 'error', id: 'autosave-data', detail: describeErrors(reply && reply.errors) });
    }
  }

  function restoreAutosave() {
    const saved = storageGet('localStorage', STORAGE_KEY);
    if (!saved) return;
    const reply = fp.setScenario(saved);
    if (!reply || !reply.ok) {
      // Keep it (a newer version may read it) and say so; the app starts with the sample plan.
      if (storageSet('localStorage', REJECTED_KEY, saved)) storageRemove('localStorage', STORAGE_KEY);
      else keepStoredPlan = true;  // no room to keep it aside: it stays where it is, not overwritten
      showBanner('Your saved plan could not be restored, so the sample plan is shown. It was kept aside, not deleted.',
                 { kind: 'error', id: 'autosave', detail: describeErrors(reply && reply.errors) });
    }
  }

  // Runs one startup step; whatever goes wrong in it becomes a banner, and startup goes on.
  async function step(what, fn) {
    try {
      return await fn();
    } catch (err) {
      console.warn('funnelplan: ' + what + ' failed', err);
      showBanner(`Funnel Planner could not ${what}.`, { kind: 'error', id: 'startup-' + what.replace(/\W+/g, '-'),
                                                         detail: String(err && err.message ? err.message : err) });
      return undefined;
    }
  }

  async function startup() {
    try { await fp.ready; } catch { return; }
    try {
      // The saved scenarios come back whatever plan opens (a share link replaces only the current).
      await step('restore your saved scenarios', restoreSavedList);
      let applied = false;
      if (isLinkHash(location.hash)) applied = await step('open the shared plan', () => openLinkHash(location.hash));
      if (!applied) await step('restore your plan', restoreAutosave);
      await step('restore the summary of your imported data', restoreData);
      if (!isLinkHash(location.hash) && storageGet('localStorage', PREVIOUS_KEY) &&
          storageGet('localStorage', SHOWN_KEY) === storageGet('localStorage', STORAGE_KEY)) {
        showSharedBanner();  // still on an unedited shared plan: the way back stays offered
      }
      await step('offer to undo the reset', () => {
        const undo = storageGet('sessionStorage', UNDO_RESET_KEY);
        if (!undo) return;
        const undoData = storageGet('sessionStorage', UNDO_RESET_DATA_KEY);
        const undoSaved = storageGet('sessionStorage', UNDO_RESET_SAVED_KEY);
        for (const k of [UNDO_RESET_KEY, UNDO_RESET_DATA_KEY, UNDO_RESET_SAVED_KEY]) storageRemove('sessionStorage', k);
        showBanner('The plan was reset to the sample plan.', {
          kind: 'info', id: 'reset', actions: [{ label: 'Undo', run: () => {
            try {
              const reply = fp.setScenario(undo);
              if (!reply || !reply.ok) throw new Error(describeErrors(reply && reply.errors));
              if (undoData) fp.restoreAnalysis(undoData);
              if (undoSaved) {
                const saved = loadSavedEntries(undoSaved);
                if (saved.kept_aside.length) reportAside(saved.kept_aside, '');
              }
            } catch (err) {
              showBanner('The reset could not be undone.', { kind: 'error', id: 'reset-undo', detail: String(err && err.message ? err.message : err) });
            }
          } }],
        });
      });
    } finally {
      // Autosave runs whatever happened above.
      autosaving = true;
      saveNow();
      setInterval(saveNow, AUTOSAVE_MS);
      window.addEventListener('pagehide', saveNow);
      document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveNow(); });
      window.addEventListener('hashchange', () => {
        if (isLinkHash(location.hash)) step('open the shared plan', () => openLinkHash(location.hash));
      });
      // Another tab saved its list: merge it in now (and write back only what it lacks).
      window.addEventListener('storage', (e) => {
        if ((e.key !== SAVED_KEY && e.key !== null) || e.storageArea !== window.localStorage || !autosaving) return;
        // (Read storage now: events queue up, and an older event's newValue may predate our own write.)
        try { syncSaved(); } catch (err) { console.warn('funnelplan: merging saved scenarios failed', err); }
      });
    }
  }

  // ---- Exports -------------------------------------------------------------------------------
  function fileStem() {
    let name = '';
    try { name = String(fp.getScenario().name || ''); } catch { /* not loaded */ }
    const stem = name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 60);
    return stem || 'funnel-plan';
  }
  function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: filename, class: 'fp-hidden' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
  function currentPlan() {
    const result = fp.getResult();
    if (!result || !result.ok) {
      showBanner('There is no plan to export yet: fix the input the app points to first.',
                 { kind: 'error', id: 'export', detail: describeErrors(result && result.errors) });
      return null;
    }
    return result;
  }

  // A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is prefixed
  // with ' (stage names come from scenarios, and scenarios come from links).
  // Copies the app's canvas right after its next frame (the WebGL buffer is cleared once shown).
  // If the app publishes a "chart" rectangle (uiRect), only that part is kept.
  function captureCanvas() {
    return new Promise((resolve, reject) => {
      shell.afterNextFrame(() => {
        const src = window.Module.canvas;
        const scale = src.clientWidth ? src.width / src.clientWidth : 1;
        let r = null;
        try { r = fp.uiRect('chart'); } catch { /* older app */ }
        // Only crop to the chart when it is on screen (another tab, or scrolled away: whole view).
        if (r && (r.x < 0 || r.y < 0 || (r.x + r.w) * scale > src.width + 1 || (r.y + r.h) * scale > src.height + 1 || r.w < 8 || r.h < 8)) r = null;
        const sx = r ? Math.max(0, Math.round(r.x * scale)) : 0;
        const sy = r ? Math.max(0, Math.round(r.y * scale)) : 0;
        const sw = r ? Math.min(src.width - sx, Math.round(r.w * scale)) : src.width;
        const sh = r ? Math.min(src.height - sy, Math.round(r.h * scale)) : src.height;
        // A title band (plan name, goal) above the chart and a legend line below it, so the
        // image explains itself when pasted into a deck.
        const head = Math.round(58 * scale), foot = Math.round(26 * scale), pad = Math.round(12 * scale);
        const out = document.createElement('canvas');
        out.width = Math.max(1, sw, Math.round(360 * scale));
        out.height = Math.max(1, sh) + head + foot;
        const g = out.getContext('2d');
        g.fillStyle = '#ffffff';
        g.fillRect(0, 0, out.width, out.height);
        g.drawImage(src, sx, sy, sw, sh, 0, head, sw, sh);
        const plan = fp.getResult();
        const sc = fp.getScenario();
        g.fillStyle = '#1c2740';
        g.font = `600 ${Math.round(18 * scale)}px Inter, system-ui, sans-serif`;
        g.fillText(sc.name || 'Funnel plan', pad, Math.round(24 * scale));
        g.font = `${Math.round(13 * scale)}px Inter, system-ui, sans-serif`;
        g.fillStyle = '#5b6478';
        const goal = plan && plan.ok
          ? `Goal ${money(sc.revenue_goal, sc.currency)} at ${money(sc.deal_size, sc.currency)} per deal: ` +
            `${count(plan.customers.whole)} customers from ${count(plan.stages[0].whole)} ${plan.stages[0].name}`
          : `Goal ${money(sc.revenue_goal, sc.currency)}`;
        g.fillText(goal, pad, Math.round(46 * scale));
        g.fillText(r ? 'Bars: the count each stage needs (width on a log scale) · Funnel Planner'
                     : 'Funnel Planner', pad, head + sh + Math.round(18 * scale));
        out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png');
      });
    });
  }

  // ---- Printable summary -------------------------------------------------------------------
  function money(value, currency) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(value);
    } catch {
      return `${currency || ''} ${Math.round(value).toLocaleString('en-US')}`.trim();
    }
  }
  const count = (x) => Number(x).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const count2 = (x) => Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = (r) => (r * 100).toLocaleString('en-US', { maximumFractionDigits: 2 }) + ' %';

  const DASH = '\u2014';  // a metric that cannot be computed (the engine reports null)
  const th = (text, cls = '') => el('th', { scope: 'col', class: cls, text });
  // Month × stage targets with the Total row (each stage's months add up to its target).
  function monthlySection(result) {
    const m = result.monthly;
    if (!m || !m.months || !m.months.length) return [];
    const rows = m.months.map((row) => el('tr', {}, [
      el('th', { scope: 'row', text: row.month + (row.offset < 0 ? ' *' : '') }),
      ...row.whole.map((v) => el('td', { class: 'fp-num', text: v > 0 ? count(v) : '' })),
    ]));
    rows.push(el('tr', { class: 'fp-total' }, [el('th', { scope: 'row', text: 'Total' }),
      ...m.total.map((v) => el('td', { class: 'fp-num fp-strong', text: count(v) }))]));
    const before = m.months.some((row) => row.offset < 0);
    return [
      el('h2', { text: 'Monthly targets' }),
      el('table', { class: 'fp-table fp-compact' }, [
        el('thead', {}, el('tr', {}, [th('Month'), ...m.stages.map((name) => th(name, 'fp-num'))])),
        el('tbody', {}, rows),
      ]),
      ...(before ? [el('p', { class: 'fp-muted fp-small', text: '* before the plan starts: that work must already be under way.' })] : []),
    ];
  }
  function moneySection(result) {
    const mo = result.money;
    if (!mo) return [];
    const cur = result.currency;
    const cells = [
      ['Acquisition cost', mo.cost > 0 ? money(mo.cost, cur) : DASH],
      ['CAC', mo.cac == null ? DASH : money(mo.cac, cur)],
      ['LTV:CAC', mo.ltv_to_cac == null ? DASH : mo.ltv_to_cac.toLocaleString('en-US', { maximumFractionDigits: 1 })],
      ['Payback', mo.payback_months == null ? DASH : `${mo.payback_months.toLocaleString('en-US', { maximumFractionDigits: 1 })} months`],
      ['ROI', mo.roi == null ? DASH : percent(mo.roi)],
      ['Pipeline coverage', `${mo.pipeline_coverage.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`],
    ];
    const channels = (result.channels && result.channels.mix) || [];
    return [
      el('h2', { text: 'Money' }),
      el('div', { class: 'fp-keys' }, cells.map(([label, value]) => el('div', { class: 'fp-key' }, [
        el('div', { class: 'fp-key-value', text: value }), el('div', { class: 'fp-key-label', text: label })]))),
      ...(channels.length ? [el('table', { class: 'fp-table fp-compact' }, [
        el('thead', {}, el('tr', {}, [th('Channel'), th('Leads', 'fp-num'), th('Customers', 'fp-num'), th('Cost', 'fp-num')])),
        el('tbody', {}, channels.map((c) => el('tr', {}, [el('th', { scope: 'row', text: c.name }),
          el('td', { class: 'fp-num', text: count(c.leads) }), el('td', { class: 'fp-num', text: count2(c.customers) }),
          el('td', { class: 'fp-num', text: money(c.cost, cur) })]))),
      ])] : []),
    ];
  }
  function confidenceSection(result) {
    const u = result.uncertainty;
    if (!u || !u.uncertain) return [];
    return [
      el('h2', { text: 'Confidence' }),
      el('p', { text: `${u.stage} needed: ${count(u.p50)} for an even chance, ${count(u.p80)} for 80 % and ` +
                      `${count(u.p90)} for 90 % confidence. With ${count(u.planned_leads)} planned, the chance of ` +
                      `reaching the goal is ${percent(u.p_hit)}.` }),
    ];
  }
  function warningsSection(result) {
    if (!result.warnings || !result.warnings.length) return [];
    return [el('h2', { text: 'Warnings' }), el('ul', {}, result.warnings.map((w) => el('li', { text: w })))];
  }

  function buildSummary(scenario, result) {
    const old = document.getElementById('fp-print');
    if (old) old.remove();
    const stages = result.stages;
    const top = stages[0];
    const close = () => { view.remove(); document.body.classList.remove('fp-printing'); };
    const key = (label, value) => el('div', { class: 'fp-key' }, [el('div', { class: 'fp-key-value', text: value }),
                                                                  el('div', { class: 'fp-key-label', text: label })]);
    const maxLog = Math.log10(Math.max(10, ...stages.map((s) => s.whole || 0)));
    const rows = stages.map((s) => {
      const bar = el('div', { class: 'fp-bar' });
      bar.style.width = `${Math.max(2, (100 * Math.log10(Math.max(1, s.whole))) / maxLog)}%`;
      return el('tr', {}, [
        el('th', { scope: 'row', text: s.name }),
        el('td', { class: 'fp-num', text: s.rate_to_next === undefined ? '' : percent(s.rate_to_next) }),
        el('td', { class: 'fp-num', text: count2(s.exact) }),
        el('td', { class: 'fp-num fp-strong', text: count(s.whole) }),
        el('td', { class: 'fp-bar-cell' }, bar),
      ]);
    });
    const view = el('section', { id: 'fp-print', class: 'fp-ui', 'aria-label': 'Printable summary' }, [
      el('div', { class: 'fp-print-toolbar' }, [
        el('button', { type: 'button', class: 'fp-button', text: 'Print…', onclick: () => window.print() }),
        el('button', { type: 'button', class: 'fp-button', text: 'Close', onclick: close }),
      ]),
      el('article', { class: 'fp-page' }, [
        el('header', {}, [
          el('h1', { text: scenario.name || 'Funnel plan' }),
          el('p', { class: 'fp-muted', text: `Funnel Planner · ${new Date().toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' })}` }),
        ]),
        el('div', { class: 'fp-keys' }, [
          key('Revenue goal', money(result.revenue_goal, result.currency)),
          key('Average deal size', money(result.deal_size, result.currency)),
          key('Customers needed', count(result.customers.whole)),
          key(`Needed at ${top.name}`, count(top.whole)),
        ]),
        el('p', { text: `To win ${money(result.revenue_goal, result.currency)} at ${money(result.deal_size, result.currency)} per deal, ` +
                        `the funnel needs ${count(result.customers.whole)} customers, which takes ${count(top.whole)} ${top.name} ` +
                        `at the conversion rates below.` }),
        el('table', { class: 'fp-table' }, [
          el('thead', {}, el('tr', {}, [el('th', { scope: 'col', text: 'Stage' }), el('th', { scope: 'col', class: 'fp-num', text: 'Rate to next' }),
                                         el('th', { scope: 'col', class: 'fp-num', text: 'Needed (exact)' }),
                                         el('th', { scope: 'col', class: 'fp-num', text: 'Target' }),
                                         el('th', { scope: 'col', text: '' })])),
          el('tbody', {}, rows),
        ]),
        ...monthlySection(result),
        ...moneySection(result),
        ...confidenceSection(result),
        ...warningsSection(result),
        el('p', { class: 'fp-muted fp-small', text: 'Each stage = the next stage ÷ the rate of its step; targets are rounded up to whole numbers, ' +
                                                   'and each stage\'s months add up to its target. ' +
                                                   'Bars use a logarithmic scale. The plan holds assumptions only, no lead data.' }),
      ]),
    ]);
    document.body.append(view);
    document.body.classList.add('fp-printing');
    return view;
  }

  // ---- Shell actions (requested by the app's toolbar; run in the frame after the click) ----
  function showLinkDialog(link) {
    const old = document.getElementById('fp-link-dialog');
    if (old) old.remove();
    const input = el('input', { type: 'text', readonly: '', value: link, 'aria-label': 'Share link', spellcheck: 'false' });
    const dialog = el('div', { id: 'fp-link-dialog', class: 'fp-ui fp-dialog', role: 'dialog', 'aria-label': 'Share link' }, [
      el('p', { text: 'Copy this link to share the plan (assumptions only, never your lead data):' }),
      input,
      el('div', { class: 'fp-banner-buttons' }, [
        el('button', { type: 'button', class: 'fp-button', text: 'Copy', onclick: () => {
          input.select();
          const done = () => { dialog.remove(); showBanner('Link copied.', { id: 'share' }); };
          if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, () => { if (document.execCommand('copy')) done(); });
          else if (document.execCommand('copy')) done();
        } }),
        el('button', { type: 'button', class: 'fp-button', text: 'Close', onclick: () => dialog.remove() }),
      ]),
    ]);
    document.body.append(dialog);
    input.focus();
    input.select();
    return dialog;
  }

  const actions = {
    async copyShareLink() {
      const link = await shareLink();
      history.replaceState(history.state, '', link);   // the address bar shows it; no reload
      linkRevision = fp.scenarioRevision();
      try {
        if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error('no clipboard');
        await navigator.clipboard.writeText(link);
        showBanner(`Share link copied (${link.length.toLocaleString('en-US')} characters). It holds the plan's assumptions, never your lead data.`,
                   { id: 'share' });
      } catch {
        showLinkDialog(link);
      }
    },
    exportPlanCsv() {
      if (!currentPlan()) return;
      // One CSV writer, in the engine (the CLI's "plan --format csv"). The BOM makes Excel read
      // the file as UTF-8 (stage names may not be ASCII).
      download(new Blob(['\ufeff' + fp.getPlanCsv()], { type: 'text/csv;charset=utf-8' }), `${fileStem()}-plan.csv`);
    },
    exportScenarioJson() {
      const text = JSON.stringify(fp.getScenario(), null, 2) + '\n';
      download(new Blob([text], { type: 'application/json' }), `${fileStem()}.scenario.json`);
    },
    async exportChartPng() {
      try {
        download(await captureCanvas(), `${fileStem()}-chart.png`);
      } catch (err) {
        showBanner('The chart could not be saved as an image.', { kind: 'error', id: 'export', detail: String(err.message || err) });
      }
    },
    printSummary() {
      const result = currentPlan();
      if (!result) return;
      buildSummary(fp.getScenario(), result);
      // After layout, and never blocking this frame (the print dialog is modal in some browsers).
      setTimeout(() => window.print(), 50);
    },
    resetAll() {
      saveNow();
      const current = storageGet('localStorage', STORAGE_KEY);
      if (current) storageSet('sessionStorage', UNDO_RESET_KEY, current);
      const data = storageGet('localStorage', DATA_KEY);
      if (current && data) storageSet('sessionStorage', UNDO_RESET_DATA_KEY, data);
      const saved = storageGet('localStorage', SAVED_KEY);
      if (current && saved && saved !== '[]') storageSet('sessionStorage', UNDO_RESET_SAVED_KEY, saved);
      // Other open tabs drop these too (a reset clears them everywhere; Undo brings them back).
      try { recordRemovals((splitJsonArray(saved || '[]') || []).map(entryKey), []); } catch { /* nothing saved */ }
      autosaving = false;  // nothing may write the old plan back before the reload
      for (const k of [STORAGE_KEY, SAVED_KEY, PREVIOUS_KEY, SHOWN_KEY, REJECTED_KEY, DATA_KEY]) storageRemove('localStorage', k);
      location.replace(location.href.replace(/#.*$/, ''));
    },
  };
  for (const [name, fn] of Object.entries(actions)) {
    shell.actions[name] = () => {
      Promise.resolve().then(fn).catch((err) => {
        console.warn('funnelplan: ' + name + ' failed', err);
        showBanner('That did not work: ' + (err && err.message ? err.message : err), { kind: 'error', id: 'action' });
      });
    };
  }
  shell.showBanner = showBanner;
  shell.captureCanvas = captureCanvas;

  // ---- Public API additions ----------------------------------------------------------------
  /** The share link (full URL, "#s=…") for the current scenario. */
  fp.shareLink = shareLink;
  /** Opens the plan in a share link (URL or "#s=…" text). Resolves true if it was applied. */
  fp.openShareLink = async (link) => {
    await fp.ready;
    const hash = String(link).slice(Math.max(0, String(link).indexOf('#')));
    return openLinkHash(hash.startsWith(LINK_PREFIX) ? hash : LINK_PREFIX + hash.replace(/^#/, ''));
  };
  /** Writes the current scenario to the autosave now (it also happens within 300 ms of a change). */
  fp.saveNow = () => { saveNow(); };
  /** Replaces the saved scenarios entry by entry: {ok, loaded, kept_aside: [{index, name, reason, entry}]}.
   *  Entries that do not load are returned (not stored aside: that is the autosave's job). */
  fp.loadSavedScenarios = (list) => {
    try { return loadSavedEntries(Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : list); } catch (err) {
      return { ok: false, loaded: 0, kept_aside: [], errors: [{ field: '', message: String(err && err.message ? err.message : err) }] };
    }
  };
  shell.mergeSavedLists = mergeSavedLists;

  // ---- Offline: the service worker ---------------------------------------------------------
  let reloadingForUpdate = false;
  function offerUpdate(worker) {
    showBanner('A new version of Funnel Planner is ready.', {
      kind: 'update', id: 'update',
      actions: [{ label: 'Reload to update', run: () => {
        saveNow();
        reloadingForUpdate = true;
        worker.postMessage({ type: 'SKIP_WAITING' });
      } }],
    });
  }
  function watchServiceWorker(reg) {
    // A new version may already be waiting, or installing (the browser checks sw.js on every
    // page load, possibly before this script runs).
    const track = (worker) => {
      if (!worker) return;
      const check = () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
      };
      worker.addEventListener('statechange', check);
      check();
    };
    track(reg.waiting);
    track(reg.installing);
    reg.addEventListener('updatefound', () => track(reg.installing));
    // Look for a new version now and then while the page stays open.
    setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
  }
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloadingForUpdate) location.reload();
    });
    navigator.serviceWorker.register('sw.js').then(watchServiceWorker, (err) => {
      console.warn('funnelplan: offline use is not available (' + err.message + ')');
    });
  }

  onBody(() => { startup(); });
})();
