// Autosave (docs/js-api.md, "Autosave"): the current plan, the saved list (through
// saved_scenarios.js) and the imported data's summary go to localStorage whenever they change;
// at startup they come back.
import { showBanner } from './banners.js';
import { describeErrors } from './format.js';
import { KEYS, storageGet, storageSet, storageRemove, reportStorage, storageReport, forgetStorageReport } from './storage.js';

const AUTOSAVE_MS = 300;

/**
 * fp: window.funnelplan; saved: createSavedScenarios(fp); afterSave: called after each save
 * (the shared-plan module drops a stale link from the address bar there); afterNextFrame:
 * window.funnelplanShell.afterNextFrame (runs a function once the app's next frame is drawn).
 */
export function createAutosave({ fp, saved, afterSave = () => {}, afterNextFrame = requestAnimationFrame }) {
  let running = false;         // off until startup is over, and again once "reset" has cleared storage
  let savedRevision = null;    // the scenario revision last written
  let lastPlanText = null;     // the plan text this tab last wrote (another tab may write its own)
  let keepStoredPlan = false;  // the stored plan could not be kept aside: never write over it
  let savedDataRevision = null;
  let dataRetryAt = 0;         // storage was full: try the summary again now and then, not every tick

  /** The saved list merged with other tabs' and written; keeps savedRevision in step when only
   *  the list moved (loading a merged list changes the scenario revision). */
  function syncSaved() {
    const before = fp.scenarioRevision();
    const { ok, reloaded } = saved.sync();
    if (reloaded && before === savedRevision) savedRevision = fp.scenarioRevision();
    return ok;
  }

  // The Track tab's snapshots (summaries, never rows), written when they change.
  let savedSnapshotsRevision = null;
  function saveSnapshots() {
    if (typeof fp.snapshotsRevision !== 'function') return;
    const rev = fp.snapshotsRevision();
    if (rev === savedSnapshotsRevision) return;
    const text = JSON.stringify(fp.getSnapshots());
    if (text === '[]') {  // nothing kept: nothing to report either
      storageRemove('localStorage', KEYS.snapshots);
      forgetStorageReport('snapshots');
      savedSnapshotsRevision = rev;
      return;
    }
    const written = storageSet('localStorage', KEYS.snapshots, text);
    reportStorage('snapshots', written);
    if (written) savedSnapshotsRevision = rev;
  }

  /** At startup: the snapshots kept earlier. Unreadable text stays in storage, with a banner. */
  function restoreSnapshots() {
    const text = storageGet('localStorage', KEYS.snapshots);
    if (!text || typeof fp.setSnapshots !== 'function') return;
    let loaded = -1;
    try { loaded = fp.setSnapshots(text); } catch { loaded = -1; }
    if (loaded < 0) {
      savedSnapshotsRevision = fp.snapshotsRevision();  // never write over what could not be read
      showBanner('Your snapshots could not be read by this version; they were left in storage, not deleted.',
                 { kind: 'error', id: 'autosave-snapshots' });
    } else {
      savedSnapshotsRevision = fp.snapshotsRevision();
    }
  }

  function saveNow() {
    if (!running || !window.Module || !window.Module.calledRun) return;
    try {
      saveData();
      saveSnapshots();
      const rev = fp.scenarioRevision();
      if (rev === savedRevision) return;
      let ok = true;
      const plan = JSON.stringify(fp.getScenario());
      if (keepStoredPlan) {
        reportStorage('plan', false);
        ok = false;
      } else if (plan !== lastPlanText || storageGet('localStorage', KEYS.plan) === null) {
        let written = storageSet('localStorage', KEYS.plan, plan);
        if (!written && storageGet('localStorage', KEYS.data) !== null) {
          // The plan matters more than the data's summary (the data can be imported again).
          storageRemove('localStorage', KEYS.data);
          written = storageSet('localStorage', KEYS.plan, plan);
          if (written) reportStorage('data', false, 'The summary of your imported data was removed to make room for the plan.');
        }
        reportStorage('plan', written);
        if (written) lastPlanText = plan;
        ok = written;
      }
      ok = syncSaved() && ok;
      if (ok) savedRevision = rev;
      afterSave();
    } catch (err) {
      console.warn('funnelplan: autosave failed', err);
      showBanner('Your plan could not be saved just now: ' + (err && err.message ? err.message : err), { kind: 'error', id: 'autosave-failed' });
    }
  }

  // The imported data is kept as its summary only (counts, rates, time to convert, sources,
  // months, column names) — never rows, and bounded whatever the data (the engine keeps the
  // largest sources and sums the rest) — so a reload never has to read megabytes back.
  function summaryForStorage(analysis) {
    const M = window.Module;
    if (M && typeof M._fp_get_summary_for_storage === 'function') {
      const text = M.UTF8ToString(M._fp_get_summary_for_storage());
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
    const last = storageReport('data');
    if (rev === savedDataRevision && !(last && !last.ok && Date.now() >= dataRetryAt)) return;
    savedDataRevision = rev;
    const analysis = fp.getAnalysis();
    if (!analysis || !analysis.ok) {  // nothing imported, or the last import failed
      storageRemove('localStorage', KEYS.data);
      forgetStorageReport('data');
      return;
    }
    if (storageSet('localStorage', KEYS.data, summaryForStorage(analysis))) {
      reportStorage('data', true);
    } else {
      storageRemove('localStorage', KEYS.data);  // an older summary would not match the data shown
      reportStorage('data', false);
      dataRetryAt = Date.now() + 5000;
    }
  }

  /** At startup: the imported data's summary, if one was saved. */
  function restoreData() {
    const text = storageGet('localStorage', KEYS.data);
    if (!text) return;
    const reply = fp.restoreAnalysis(text);
    if (!reply || !reply.ok) {
      storageRemove('localStorage', KEYS.data);
      showBanner('The summary of your imported data could not be restored. Import the data again to see it.',
                 { kind: 'error', id: 'autosave-data', detail: describeErrors(reply && reply.errors) });
    }
  }

  /** At startup (no share link): the autosaved plan, if there is one. */
  function restorePlan() {
    const text = storageGet('localStorage', KEYS.plan);
    if (!text) return;
    const reply = fp.setScenario(text);
    if (!reply || !reply.ok) {
      // Keep it (a newer version may read it) and say so; the app starts with the sample plan.
      if (storageSet('localStorage', KEYS.rejected, text)) storageRemove('localStorage', KEYS.plan);
      else keepStoredPlan = true;  // no room to keep it aside: it stays where it is, not overwritten
      showBanner('Your saved plan could not be restored, so the sample plan is shown. It was kept aside, not deleted.',
                 { kind: 'error', id: 'autosave', detail: describeErrors(reply && reply.errors) });
    }
  }

  /** Starts saving: now, every AUTOSAVE_MS, when the page is hidden, and when another tab
   *  changes the saved list (merged in at once, written back only with what it lacks). */
  function start() {
    running = true;
    // The first save waits until the app's next frame is on screen: start-up runs just before
    // the first frame, and nothing the user did can be lost in between.
    afterNextFrame(() => setTimeout(saveNow, 0));
    setInterval(saveNow, AUTOSAVE_MS);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveNow(); });
    window.addEventListener('storage', (e) => {
      if ((e.key !== KEYS.saved && e.key !== null) || e.storageArea !== window.localStorage || !running) return;
      // (Read storage now: events queue up, and an older event's newValue may predate our own write.)
      try { syncSaved(); } catch (err) { console.warn('funnelplan: merging saved scenarios failed', err); }
    });
  }

  return {
    saveNow, start, restorePlan, restoreData, restoreSnapshots,
    /** Nothing is written any more (before "reset" reloads the page). */
    stop() { running = false; },
    /** The stored plan stays as it is: the shared plan on screen is not written over it. */
    keepStoredPlan() { keepStoredPlan = true; },
  };
}
