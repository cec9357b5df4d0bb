// The Scenarios tab's saved list in storage: loaded entry by entry (an unreadable entry is kept
// aside, never dropped), and merged with what other tabs stored (docs/js-api.md, "Saved
// scenarios" and "Several tabs"). The merge rules themselves are in saved_list.js.
import { showBanner } from './banners.js';
import { download } from './exports.js';
import { KEYS, storageGet, storageSet, reportStorage } from './storage.js';
import { splitJsonArray, entryKey, sameEntries, mergeSavedLists, updateRemovals, entryName, whyUnreadable } from './saved_list.js';

const MAX_REMOVALS = 500;  // removal records kept (the newest)

/** The saved list of one tab, kept in step with storage. fp: window.funnelplan. */
export function createSavedScenarios(fp) {
  let base = [];              // the stored list (raw entries) this tab last read or wrote
  let keepStoredList = false; // unreadable entries could not be kept aside: never overwrite the list
  let frozenWarned = false;
  let syncedText = null;      // the list text that storage and this tab both held at the last sync
  const ownEntries = () => fp.getSavedScenarios().map((e) => JSON.stringify(e));

  /**
   * Loads the saved list (JSON text or raw entries) into the app one entry at a time, so one
   * entry this version cannot read leaves the others loaded. Returns {ok, loaded, kept_aside:
   * [{index, name, reason, entry}]} (entry: the exact text that did not load).
   */
  function load(list) {
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
    const old = storageGet('localStorage', KEYS.savedAside);
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
    return storageSet('localStorage', KEYS.savedAside, JSON.stringify(list));
  }

  /** Keeps unreadable entries aside and says so in a banner that offers them as a download. */
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

  /** At startup: the stored list into the app; what cannot be read is kept aside, with a banner. */
  function restore() {
    const text = storageGet('localStorage', KEYS.saved);
    if (!text) return;
    const items = splitJsonArray(text);
    base = items || [];
    keepStoredList = true;  // until the list has been read (or kept aside), it is not overwritten
    const reply = load(items === null ? text : items);
    keepStoredList = false;
    if (reply.kept_aside.length) reportAside(reply.kept_aside, '');
  }

  function readRemovals() {
    try {
      const value = JSON.parse(storageGet('localStorage', KEYS.savedRemoved) || '{}');
      return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch { return {}; }
  }
  /** Records entries (by entryKey) this tab removed on purpose, so other tabs drop them too,
   *  and forgets a removal of an entry that is back. */
  function recordRemovals(goneKeys, presentKeys) {
    const next = updateRemovals(readRemovals(), goneKeys, presentKeys, Date.now(), MAX_REMOVALS);
    if (next) storageSet('localStorage', KEYS.savedRemoved, JSON.stringify(next));
  }

  /**
   * Writes this tab's saved list, merged first with what another tab wrote since this tab last
   * looked (their additions and removals are applied here too). Returns {ok: false when it
   * could not be written, reloaded: true when the merge changed this tab's list}.
   */
  function sync() {
    const theirsText = storageGet('localStorage', KEYS.saved);
    const prior = base;
    let ours = ownEntries();
    let reloaded = false;
    if (theirsText !== null && theirsText === syncedText && '[' + ours.join(',') + ']' === syncedText && !keepStoredList) {
      return { ok: true, reloaded };  // nothing moved on either side
    }
    const theirs = theirsText == null ? [] : splitJsonArray(theirsText) || [];
    if (!sameEntries(theirs, prior)) {
      const { merged, added } = mergeSavedLists(prior, ours, theirs, new Set(Object.keys(readRemovals())));
      if (!sameEntries(merged, ours)) {
        const reply = load(merged);
        reloaded = true;
        if (reply.kept_aside.length) reportAside(reply.kept_aside, ' from another tab');
        const names = added.map((e) => { try { return JSON.parse(e).scenario.name; } catch { return null; } });
        const clash = names.filter((n) => n && ours.some((o) => { try { return JSON.parse(o).scenario.name === n; } catch { return false; } }));
        if (clash.length) {
          showBanner(`“${clash[0]}” was saved in another tab too, with different values; both are kept in the Scenarios tab.`,
                     { kind: 'info', id: 'saved-merge' });
        }
        ours = ownEntries();
      }
    }
    base = theirs;
    if (keepStoredList) {
      if (!frozenWarned) {
        frozenWarned = true;
        showBanner('Changes to your saved scenarios are not being saved: the stored list could not be read, ' +
                   'so it is left exactly as it was.', { kind: 'error', id: 'saved-frozen' });
      }
      return { ok: true, reloaded };  // the plan itself is still saved
    }
    if (theirsText != null && sameEntries(ours, theirs)) {
      reportStorage('saved', true);
      if ('[' + ours.join(',') + ']' === theirsText) syncedText = theirsText;
      return { ok: true, reloaded };
    }
    const oursKeys = new Set(ours.map(entryKey));
    recordRemovals(prior.map(entryKey).filter((k) => !oursKeys.has(k)), [...oursKeys]);
    const text = '[' + ours.join(',') + ']';
    const written = storageSet('localStorage', KEYS.saved, text);
    reportStorage('saved', written);
    if (written) { base = ours; syncedText = text; }
    return { ok: written, reloaded };
  }

  return { load, reportAside, restore, recordRemovals, sync };
}
