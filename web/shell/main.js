// The page shell's entry (an ES module, loaded by index.html): wires the modules below together,
// hands the toolbar's actions and the shell's API members to web/funnelplan.js (the one place
// that writes window.funnelplan and window.funnelplanShell; the app starts once they are
// attached), and runs the startup steps once the engine is ready.
//   banners.js          banners; keys in the shell's controls stay out of the app
//   storage.js          storage keys, reads/writes that never throw, the "storage full" banner
//   saved_list.js       pure: saved-list splitting, entry identity, merge across tabs
//   saved_scenarios.js  the saved list in storage: load entry by entry, keep aside, sync tabs
//   share_link.js       pure: the #s= / #t= link codec
//   shared_plan.js      opening a shared plan beside the own plan; copying the link
//   autosave.js         plan, saved list and data summary to storage and back
//   exports.js          downloads: plan CSV (the engine's), scenario JSON, chart PNG
//   print_summary.js    the printable summary
//   sw_client.js        service worker registration, "Reload to update"
//   announce.js         screen readers: the headline in a live region, the app's text mirrored
//   a11y_controls.js    screen readers: labelled DOM fields, buttons and tabs for the app's controls
//   theme.js            display preferences: colour theme (else the system's), text size
//   format.js, dom.js   pure formatting; building DOM elements
import { onBody } from './dom.js';
import { showBanner, keepShellKeysFromApp } from './banners.js';
import { describeErrors } from './format.js';
import { KEYS, storageGet, storageSet, storageRemove } from './storage.js';
import { splitJsonArray, entryKey } from './saved_list.js';
import { createSavedScenarios } from './saved_scenarios.js';
import { isLinkHash } from './share_link.js';
import { createSharedPlan } from './shared_plan.js';
import { createAutosave } from './autosave.js';
import { exportPlanCsv, exportScenarioJson, exportChartPng } from './exports.js';
import { printSummary } from './print_summary.js';
import { registerServiceWorker } from './sw_client.js';
import { startTheme } from './theme.js';
import { startAnnouncer } from './announce.js';
import { startControls } from './a11y_controls.js';

const fp = window.funnelplan;
const page = window.funnelplanShell;

keepShellKeysFromApp();
const saved = createSavedScenarios(fp);
const autosave = createAutosave({ fp, saved, afterSave: () => sharedPlan.dropStaleLink(),
                                  afterNextFrame: page.afterNextFrame });
const sharedPlan = createSharedPlan({ fp, autosave });

// Reset: clears the autosave and reloads with the sample plan; the next page offers Undo.
function resetAll() {
  autosave.saveNow();
  const current = storageGet('localStorage', KEYS.plan);
  if (current) storageSet('sessionStorage', KEYS.undoReset, current);
  const data = storageGet('localStorage', KEYS.data);
  if (current && data) storageSet('sessionStorage', KEYS.undoResetData, data);
  const snapshots = storageGet('localStorage', KEYS.snapshots);
  if (current && snapshots) storageSet('sessionStorage', KEYS.undoResetSnapshots, snapshots);
  const list = storageGet('localStorage', KEYS.saved);
  if (current && list && list !== '[]') storageSet('sessionStorage', KEYS.undoResetSaved, list);
  // Other open tabs drop these too (a reset clears them everywhere; Undo brings them back).
  try { saved.recordRemovals((splitJsonArray(list || '[]') || []).map(entryKey), []); } catch { /* nothing saved */ }
  autosave.stop();  // nothing may write the old plan back before the reload
  for (const k of [KEYS.plan, KEYS.saved, KEYS.previous, KEYS.shown, KEYS.rejected, KEYS.data, KEYS.snapshots]) storageRemove('localStorage', k);
  location.replace(location.href.replace(/#.*$/, ''));
}
function offerUndoReset() {
  const undo = storageGet('sessionStorage', KEYS.undoReset);
  if (!undo) return;
  const undoData = storageGet('sessionStorage', KEYS.undoResetData);
  const undoSaved = storageGet('sessionStorage', KEYS.undoResetSaved);
  const undoSnapshots = storageGet('sessionStorage', KEYS.undoResetSnapshots);
  for (const k of [KEYS.undoReset, KEYS.undoResetData, KEYS.undoResetSaved, KEYS.undoResetSnapshots]) storageRemove('sessionStorage', k);
  showBanner('The plan was reset to the sample plan.', {
    kind: 'info', id: 'reset', actions: [{ label: 'Undo', run: () => {
      try {
        const reply = fp.setScenario(undo);
        if (!reply || !reply.ok) throw new Error(describeErrors(reply && reply.errors));
        if (undoData) fp.restoreAnalysis(undoData);
        if (undoSnapshots) fp.setSnapshots(undoSnapshots);
        if (undoSaved) {
          const reply2 = saved.load(undoSaved);
          if (reply2.kept_aside.length) saved.reportAside(reply2.kept_aside, '');
        }
      } catch (err) {
        showBanner('The reset could not be undone.', { kind: 'error', id: 'reset-undo', detail: String(err && err.message ? err.message : err) });
      }
    } }],
  });
}

// Shell actions, requested by the app's toolbar (docs/js-api.md, "Shell actions"); each runs in
// the frame after the click, and a failure becomes a banner.
const actions = {
  copyShareLink: () => sharedPlan.copyShareLink(),
  exportPlanCsv: () => exportPlanCsv(fp),
  exportScenarioJson: () => exportScenarioJson(fp),
  exportChartPng: () => exportChartPng(fp, page.afterNextFrame),
  printSummary: () => printSummary(fp),
  resetAll,
};
const guardedActions = Object.fromEntries(Object.entries(actions).map(([name, fn]) => [name, () => {
  Promise.resolve().then(fn).catch((err) => {
    console.warn('funnelplan: ' + name + ' failed', err);
    showBanner('That did not work: ' + (err && err.message ? err.message : err), { kind: 'error', id: 'action' });
  });
}]));

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
  await step('apply your display preferences', () => startTheme(fp));
  await step('start the screen-reader support', () => { startAnnouncer(fp); startControls(fp); });
  try {
    // The saved scenarios come back whatever plan opens (a share link replaces only the current).
    await step('restore your saved scenarios', () => saved.restore());
    let applied = false;
    if (isLinkHash(location.hash)) applied = await step('open the shared plan', () => sharedPlan.openLinkHash(location.hash));
    if (!applied) await step('restore your plan', () => autosave.restorePlan());
    await step('restore the summary of your imported data', () => autosave.restoreData());
    await step('restore your snapshots', () => autosave.restoreSnapshots());
    if (!isLinkHash(location.hash)) sharedPlan.offerWayBack();
    await step('offer to undo the reset', offerUndoReset);
  } finally {
    // Autosave runs whatever happened above.
    autosave.start();
    window.addEventListener('hashchange', () => {
      if (isLinkHash(location.hash)) step('open the shared plan', () => sharedPlan.openLinkHash(location.hash));
    });
  }
}

page.attach({
  actions: guardedActions,
  showBanner,
  api: {
    /** The share link (full URL, "#s=…") for the current scenario. */
    shareLink: sharedPlan.shareLink,
    /** Opens the plan in a share link (URL or "#s=…" text). Resolves true if it was applied. */
    openShareLink: sharedPlan.openShareLink,
    /** Writes the current scenario to the autosave now (it also happens within 300 ms of a change). */
    saveNow: () => { autosave.saveNow(); },
    /** Replaces the saved scenarios entry by entry: {ok, loaded, kept_aside: [{index, name, reason, entry}]}.
     *  Entries that do not load are returned (not stored aside: that is the autosave's job). */
    loadSavedScenarios: (list) => {
      try {
        return saved.load(Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : list);
      } catch (err) {
        return { ok: false, loaded: 0, kept_aside: [], errors: [{ field: '', message: String(err && err.message ? err.message : err) }] };
      }
    },
  },
});
// The service worker registers once the first frame is on screen: installing it downloads every
// file again and the browser compiles the scripts it caches, work that on a two-core laptop
// would compete with start-up (docs/performance.md, "Start-up work cut"). It
// registers even if the app fails to start, so that a fixed version can still install.
fp.ready.then(() => new Promise((drawn) => page.afterNextFrame(drawn)), () => {})
  .then(() => setTimeout(() => registerServiceWorker({ beforeUpdate: () => autosave.saveNow() }), 0));
onBody(startup);
