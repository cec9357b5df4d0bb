// The saved-scenarios list as stored text: split into its raw entries, identify an entry by
// name and content, and merge the lists two tabs wrote (docs/js-api.md, "Several tabs").
// Pure: no DOM, no storage, no engine (tests/web/saved_list.test.mjs runs it in node).

/**
 * The raw text of each element of a JSON array, without parsing the elements (so an element
 * this version cannot read — a number out of range, deep nesting — keeps its exact text and
 * does not spoil the others). Returns null when `text` is not a JSON array. A list cut off
 * before its end gives what is there (the last element then fails to load on its own).
 */
export function splitJsonArray(text) {
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
export function entryKey(entry) {
  try {
    return canonicalJson(typeof entry === 'string' ? JSON.parse(entry) : entry);
  } catch {
    return 'raw:' + String(entry);  // unreadable (or too deep): its exact text is its identity
  }
}

/** A short hash of an entry key (53-bit, base 36), what a removal record stores. */
export function keyHash(key) {
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

/** Whether two lists hold the same entries (by entryKey), in any order. */
export function sameEntries(a, b) {
  const ka = a.map(entryKey).sort(), kb = b.map(entryKey).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
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
export function mergeSavedLists(base, ours, theirs, removed = new Set()) {
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

/**
 * The removal records ({keyHash: time}) after this tab removed the entries `goneKeys` on
 * purpose and still has `presentKeys` (a removal of an entry that is back is forgotten). Keeps
 * the newest `max`. Returns null when nothing changed (nothing to write).
 */
export function updateRemovals(removals, goneKeys, presentKeys, now, max) {
  const next = { ...removals };
  let changed = false;
  for (const k of goneKeys) { const h = keyHash(k); if (!(h in next)) { next[h] = now; changed = true; } }
  for (const k of presentKeys) { const h = keyHash(k); if (h in next) { delete next[h]; changed = true; } }
  if (!changed) return null;
  return Object.fromEntries(Object.entries(next).sort((a, b) => b[1] - a[1]).slice(0, max));
}

/** The name of a saved entry for messages, from its raw text, or its position. */
export function entryName(raw, index) {
  try {
    const name = JSON.parse(raw).scenario.name;
    if (typeof name === 'string' && name) return '“' + (name.length > 60 ? name.slice(0, 60) + '…' : name) + '”';
  } catch { /* unreadable */ }
  return `entry ${index + 1}`;
}

/** Why an entry the engine refused did not load, in the user's words. */
export function whyUnreadable(raw) {
  let entry;
  try { entry = JSON.parse(raw); } catch { return 'it is damaged (not JSON)'; }
  const scenario = entry && typeof entry === 'object' ? entry.scenario : undefined;
  if (!scenario || typeof scenario !== 'object') return 'it holds no scenario';
  if (typeof scenario.version === 'number' && scenario.version > 1) return 'it was saved by a newer version of Funnel Planner';
  return 'some of its values are out of range or of the wrong type';
}
