// The colour theme. The user's choice (the toolbar's Dark/Light switch) is kept for the next
// visit; until there is one, the theme follows the system's (prefers-color-scheme).
import { KEYS, storageGet, storageSet } from './storage.js';

/** Pure: dark or not, from the stored choice ("dark", "light" or null) and the system's. */
export function initialDark(stored, systemDark) {
  if (stored === 'dark') return true;
  if (stored === 'light') return false;
  return !!systemDark;
}

/** Applies the first theme, then keeps the user's switches (checked twice a second). */
export function startTheme(fp) {
  const system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  fp.setDarkTheme(initialDark(storageGet('localStorage', KEYS.theme), system && system.matches));
  let shown = fp.darkTheme();
  setInterval(() => {
    let now;
    try { now = fp.darkTheme(); } catch { return; }  // the engine stopped: nothing to keep
    if (now === shown) return;
    shown = now;
    storageSet('localStorage', KEYS.theme, now ? 'dark' : 'light');
  }, 500);
}
