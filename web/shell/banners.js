// Non-blocking banners at the top of the page (errors, notes, "Reload to update"), and the rule
// that keys typed into the shell's own controls (class fp-ui) stay out of the app.
import { el } from './dom.js';

let box = null;  // #fp-banners, made on first use
function bannerBox() {
  if (!box) {
    box = el('div', { id: 'fp-banners', class: 'fp-ui' });
    document.body.append(box);
  }
  return box;
}

/**
 * Shows a banner. kind: 'error' | 'info' | 'update'. actions: [{label, run}] buttons (each
 * closes the banner after running). id: replaces an earlier banner with the same id. Returns
 * the banner element.
 */
export function showBanner(message, { kind = 'info', id = '', actions = [], detail = '' } = {}) {
  const parent = bannerBox();
  if (id) removeBanner(id);
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
  parent.append(banner);
  return banner;
}

/** Closes the banner with this id, if one is shown. */
export function removeBanner(id) {
  if (box) box.querySelectorAll(`[data-id="${id}"]`).forEach((b) => b.remove());
}

const keyHandlers = [];
/** fn(event) sees each key typed in the shell's own DOM controls (the app never does). */
export function onShellKey(fn) { keyHandlers.push(fn); }

/**
 * Keys typed in the shell's own DOM controls must not reach the app: GLFW listens on window in
 * the capture phase (and swallows Tab and Backspace), and this listener runs before it because
 * it is registered first (the app starts only after the shell has attached: web/funnelplan.js,
 * holdForShell). So the shell's handlers (onShellKey) run here too. Tab while nothing has focus
 * moves into the page's controls (web/shell/a11y_controls.js); once the canvas has focus (a
 * click), Tab moves between the app's fields, as ImGui does.
 */
export function keepShellKeysFromApp() {
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (e.target instanceof Element && e.target.closest('.fp-ui')) {
        for (const fn of keyHandlers) fn(e);
        e.stopImmediatePropagation();
      } else if (e.key === 'Tab' && (e.target === document.body || e.target === document.documentElement)) {
        e.stopImmediatePropagation();
      }
    }, true);
  }
}
