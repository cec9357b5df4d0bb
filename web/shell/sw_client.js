// Offline: registers the service worker (web/sw.js) and, when a new version has installed
// beside the running one, offers "Reload to update" (docs/deploy.md).
import { showBanner } from './banners.js';

/** beforeUpdate: runs before the page reloads into the new version (the autosave's saveNow). */
export function registerServiceWorker({ beforeUpdate }) {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  let reloadingForUpdate = false;
  const offerUpdate = (worker) => {
    showBanner('A new version of Funnel Planner is ready.', {
      kind: 'update', id: 'update',
      actions: [{ label: 'Reload to update', run: () => {
        beforeUpdate();
        reloadingForUpdate = true;
        worker.postMessage({ type: 'SKIP_WAITING' });
      } }],
    });
  };
  const watch = (reg) => {
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
    // Look for a new version now (the browser's own check after a navigation may come late, or
    // not at all while the page is busy), and now and then while the page stays open.
    reg.update().catch(() => {});  // offline: the running version goes on
    setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadingForUpdate) location.reload();
  });
  navigator.serviceWorker.register('sw.js').then(watch, (err) => {
    console.warn('funnelplan: offline use is not available (' + err.message + ')');
  });
}
