// Display preferences kept for the next visit: the colour theme (the toolbar's Dark/Light switch;
// until the user chooses, the system's prefers-color-scheme) and the text size (the menu's
// Larger/Smaller text, a pinch).
import { KEYS, storageGet, storageSet } from './storage.js';

/** Pure: dark or not, from the stored choice ("dark", "light" or null) and the system's. */
export function initialDark(stored, systemDark) {
  if (stored === 'dark') return true;
  if (stored === 'light') return false;
  return !!systemDark;
}

/** Pure: the stored text size if it is a number in range, else 1. */
export function initialTextScale(stored) {
  const s = Number(stored);
  return stored !== null && stored !== '' && Number.isFinite(s) && s >= 0.75 && s <= 2 ? s : 1;
}

/** Applies the first theme and text size, then keeps the user's changes (checked twice a second). */
export function startTheme(fp) {
  const system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  fp.setDarkTheme(initialDark(storageGet('localStorage', KEYS.theme), system && system.matches));
  fp.setTextScale(initialTextScale(storageGet('localStorage', KEYS.textScale)));
  let dark = fp.darkTheme();
  let scale = fp.textScale();
  setInterval(() => {
    let nowDark, nowScale;
    try { nowDark = fp.darkTheme(); nowScale = fp.textScale(); } catch { return; }  // the engine stopped
    if (nowDark !== dark) storageSet('localStorage', KEYS.theme, nowDark ? 'dark' : 'light');
    // The engine keeps the size as a 32-bit float (1.8 reads back as 1.7999999523…): store 3 decimals.
    if (nowScale !== scale) storageSet('localStorage', KEYS.textScale, String(Math.round(nowScale * 1000) / 1000));
    dark = nowDark;
    scale = nowScale;
  }, 500);
}
