// localStorage and sessionStorage for the autosave: reads and writes that never throw (private
// windows and full disks just lose the feature), the keys (docs/js-api.md, "Autosave"), and the
// one banner that says what the last autosave could and could not store.
import { showBanner, removeBanner } from './banners.js';

export const KEYS = Object.freeze({
  plan: 'funnelplan.scenario.v1',                       // the current scenario (JSON)
  saved: 'funnelplan.saved-scenarios.v1',               // the Scenarios tab's list
  previous: 'funnelplan.scenario.v1.previous',          // the user's plan a share link replaced
  rejected: 'funnelplan.scenario.v1.rejected',          // an autosave this version refused
  shown: 'funnelplan.scenario.v1.previous.shown',       // the shared plan as opened (unedited)
  savedAside: 'funnelplan.saved-scenarios.v1.rejected', // saved scenarios this version could not read
  savedRemoved: 'funnelplan.saved-scenarios.v1.removed', // {keyHash: time} of saved entries removed on purpose
  data: 'funnelplan.imported-summary.v1',               // the imported data's counts and rates
  snapshots: 'funnelplan.snapshots.v1',                 // the Track tab's dated export summaries
  undoReset: 'funnelplan.undo-reset',                   // sessionStorage: the plan before "reset"
  undoResetSaved: 'funnelplan.undo-reset.saved',        // sessionStorage: the saved list before "reset"
  undoResetData: 'funnelplan.undo-reset.data',          // sessionStorage: the summary before "reset"
  undoResetSnapshots: 'funnelplan.undo-reset.snapshots', // sessionStorage: the snapshots before "reset"
  theme: 'funnelplan.theme.v1',                         // "dark" or "light": the user's choice
  textScale: 'funnelplan.text-scale.v1',                // the user's text size (1 = normal)
});

/** store: 'localStorage' | 'sessionStorage'. null when absent or unreadable. */
export function storageGet(store, key) {
  try { return window[store].getItem(key); } catch { return null; }
}
/** False when it could not be written (storage full or turned off). */
export function storageSet(store, key, value) {
  try { window[store].setItem(key, value); return true; } catch { return false; }
}
export function storageRemove(store, key) {
  try { window[store].removeItem(key); } catch { /* ignore */ }
}

// What the last autosave could and could not write: {plan, saved, data} → {ok, note}, or
// absent (nothing to save yet). One banner says which, and goes when everything is saved again.
const reports = {};
const PART_NAMES = { plan: 'your current plan', saved: 'your saved scenarios', data: 'the summary of your imported data',
                     snapshots: 'your snapshots' };

/** Records whether `part` ('plan' | 'saved' | 'data' | 'snapshots') was stored, and updates the banner. */
export function reportStorage(part, ok, note = '') {
  if (reports[part] && reports[part].ok === ok && reports[part].note === note) return;
  reports[part] = { ok, note };
  const parts = Object.keys(PART_NAMES).filter((k) => reports[k]).map((k) => [k, reports[k]]);
  const notSaved = parts.filter(([, v]) => !v.ok).map(([k]) => PART_NAMES[k]);
  const saved = parts.filter(([, v]) => v.ok).map(([k]) => PART_NAMES[k]);
  if (!notSaved.length) { removeBanner('storage'); return; }
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
/** The last report for `part`: {ok, note}, or undefined. */
export const storageReport = (part) => reports[part];
/** Forgets `part` (nothing of it to save any more) without touching the banner. */
export function forgetStorageReport(part) { delete reports[part]; }
