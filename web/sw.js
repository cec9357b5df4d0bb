// Service worker: keeps the app shell in a cache so Funnel Planner opens and works offline
// after one visit (docs/deploy.md).
//
// A dist/ build (scripts/build-dist) replaces the BUILD line with the content hash of the
// build and its content-hashed file names: files are then served cache-first, and a new
// build (a changed sw.js) installs beside the old one and waits until the page's
// "Reload to update" banner tells it to take over.
// A development build ("dev") has plain file names that change in place, so it is served
// network-first and falls back to the cache only when the network fails. Every file the page
// loads is listed, each module of web/shell/ too (tests/web/sw_files.test.mjs checks).
const BUILD = {"version": "dev", "files": ["index.html", "index.js", "index.wasm", "index.data", "funnelplan.js", "xlsx.js", "shell/a11y_controls.js", "shell/announce.js", "shell/autosave.js", "shell/banners.js", "shell/dom.js", "shell/exports.js", "shell/format.js", "shell/main.js", "shell/print_summary.js", "shell/saved_list.js", "shell/saved_scenarios.js", "shell/share_link.js", "shell/shared_plan.js", "shell/storage.js", "shell/sw_client.js", "shell/theme.js", "style.css", "icon.svg", "manifest.webmanifest"]};

const CACHE = 'funnelplan-' + BUILD.version;
const DEV = BUILD.version === 'dev';
const scope = new URL(self.registration.scope);
const urlOf = (file) => new URL(file, scope).href;
const CACHED = new Set(BUILD.files.map(urlOf));

self.addEventListener('install', (event) => {
  // 'no-cache': revalidate with the server so the cache never starts from a stale HTTP copy.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(BUILD.files.map((f) => new Request(urlOf(f), { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('funnelplan-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  // Pages (any query string, the #s= hash is never sent) are the app's index.html.
  const key = req.mode === 'navigate' ? urlOf('index.html') : url.origin + url.pathname;
  if (!CACHED.has(key) && req.mode !== 'navigate') return;  // not ours: the browser handles it
  event.respondWith(DEV ? networkFirst(req, key) : cacheFirst(req, key));
});

async function cacheFirst(req, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && req.mode !== 'navigate') cache.put(key, res.clone());
  return res;
}

async function networkFirst(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req.mode === 'navigate' ? req : new Request(key, { cache: 'no-cache' }));
    if (res.ok) cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw err;
  }
}
