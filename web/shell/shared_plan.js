// Opening a shared plan (a "#s=" or "#t=" link, at startup, pasted into the address bar, or via
// funnelplan.openShareLink) beside the user's own plan, which is kept with a way back; and
// copying the current plan's link. The link format is share_link.js's.
import { el } from './dom.js';
import { showBanner } from './banners.js';
import { describeErrors } from './format.js';
import { KEYS, storageGet, storageSet, storageRemove } from './storage.js';
import { LinkError, isLinkHash, linkFor, scenarioTextFromHash, shareHashOf } from './share_link.js';

const pageAddress = () => location.href.replace(/#.*$/, '');

/** fp: window.funnelplan; autosave: createAutosave(…). */
export function createSharedPlan({ fp, autosave }) {
  // The revision at which the scenario was the one in the address bar's link; any later edit
  // drops the (now stale) link from the address bar so a reload restores the edit.
  let linkRevision = null;

  /** Called after every autosave. */
  function dropStaleLink() {
    if (linkRevision !== null && fp.scenarioRevision() !== linkRevision && isLinkHash(location.hash)) {
      history.replaceState(history.state, '', pageAddress());
      linkRevision = null;
    }
  }

  function forgetKeptPlan() {
    storageRemove('localStorage', KEYS.previous);
    storageRemove('localStorage', KEYS.shown);
  }
  function restorePrevious() {
    const prev = storageGet('localStorage', KEYS.previous);
    if (!prev) return;
    const reply = fp.setScenario(prev);
    if (reply && reply.ok) {
      forgetKeptPlan();
      dropStaleLink();
      autosave.saveNow();
    } else {  // it stays kept (a newer version may read it)
      showBanner('Your own plan could not be opened again; it is still kept.', {
        kind: 'error', id: 'shared', detail: describeErrors(reply && reply.errors),
      });
    }
  }
  function showSharedBanner() {
    showBanner('You opened a shared plan. Your own plan was kept.', {
      kind: 'info', id: 'shared',
      actions: [{ label: 'Back to my plan', run: () => restorePrevious() },
                { label: 'Keep the shared plan', run: () => forgetKeptPlan() }],
    });
  }
  function linkProblem(message, detail = '') {
    // Keep the broken link out of the address bar so a reload does not repeat the error.
    history.replaceState(history.state, '', pageAddress());
    const fallback = storageGet('localStorage', KEYS.plan) ? 'your last plan' : 'the sample plan';
    showBanner(`${message} Funnel Planner opened ${fallback} instead; ask the sender for a new link.`,
               { kind: 'error', id: 'link', detail });
  }

  /** Opens the plan in a "#s=…" or "#t=…" hash. Returns true if it was applied. */
  async function openLinkHash(hash) {
    let text;
    try {
      text = await scenarioTextFromHash(hash, (id) => fp.templateScenario(id));
    } catch (err) {
      linkProblem(err instanceof LinkError ? err.message : 'The link is damaged and could not be read.');
      return false;
    }
    autosave.saveNow();  // a link opened into a running page: the autosave has the latest edit
    const reply = fp.setScenario(text);
    if (!reply || !reply.ok) {
      linkProblem('The plan in this link could not be opened.', describeErrors(reply && reply.errors));
      return false;
    }
    const now = JSON.stringify(fp.getScenario());
    // The user's own plan is the one they had before any link. A second link opened while the
    // first one's plan is still unedited keeps that plan, not the first link's; once the user
    // has edited a shared plan, that edit is their own plan.
    const own = storageGet('localStorage', KEYS.plan);
    const kept = storageGet('localStorage', KEYS.previous);
    const shown = storageGet('localStorage', KEYS.shown);
    const ownIsLink = !!kept && !!own && own === shown;
    if (!ownIsLink && own && own !== now) {
      if (!storageSet('localStorage', KEYS.previous, own)) {
        autosave.keepStoredPlan();  // the own plan stays the autosave; the shared one is not saved over it
        showBanner('You opened a shared plan, but this browser\'s storage is full, so your own plan could not be ' +
                   'kept beside it: the shared plan is not being saved, and your own plan stays saved. ' +
                   'Open Funnel Planner without the link to get back to your plan.', { kind: 'error', id: 'shared' });
        linkRevision = fp.scenarioRevision();
        return true;
      }
    }
    const keptNow = storageGet('localStorage', KEYS.previous);
    if (keptNow && keptNow !== now) {
      storageSet('localStorage', KEYS.shown, now);
      showSharedBanner();
    } else if (keptNow) {  // the link holds the user's own plan: nothing to go back to
      forgetKeptPlan();
    }
    linkRevision = fp.scenarioRevision();
    return true;
  }

  /** At startup, with no link in the address bar: still on an unedited shared plan, the way
   *  back to the own plan stays offered. */
  function offerWayBack() {
    if (storageGet('localStorage', KEYS.previous) &&
        storageGet('localStorage', KEYS.shown) === storageGet('localStorage', KEYS.plan)) {
      showSharedBanner();
    }
  }

  /** The share link (full URL, "#s=…") for the current scenario. */
  async function shareLink() {
    await fp.ready;
    return linkFor(fp.getScenario(), location.href);
  }

  /** Opens the plan in a share link (URL or "#s=…" text). Resolves true if it was applied. */
  async function openShareLink(link) {
    await fp.ready;
    return openLinkHash(shareHashOf(link));
  }

  /** The toolbar's "Copy share link": into the address bar and onto the clipboard (or a dialog). */
  async function copyShareLink() {
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
  }

  return { openLinkHash, offerWayBack, dropStaleLink, shareLink, openShareLink, copyShareLink };
}

// Without clipboard access: the link, selected, in a small dialog to copy by hand.
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
