// Browser-test harness: a static server for the built web app, Debian's Chromium driven by
// playwright-core, console-error capture, and a PNG check that a screenshot is not blank.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const webRoot = process.env.FP_WEB_DIR || path.join(repoRoot, 'build/wasm/web');
export const artifactDir = path.join(repoRoot, 'test-artifacts');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.data': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json', '.csv': 'text/csv',
};

/** Serves webRoot on 127.0.0.1 (random port). Records every request path. */
export async function startServer(root = webRoot) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: build the web app first (scripts/build)`);
  }
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
                           'Cache-Control': 'no-cache' });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Opens the app in a fresh context; collects console errors and page errors in `errors`. */
export async function openApp(browser, serverUrl, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(serverUrl);
  await waitForFrames(page, 3);
  return { context, page, errors };
}

/** Waits until the app has drawn `n` more frames than it had when called. */
export async function waitForFrames(page, n = 2) {
  // The app skips frames while idle: ask for the frames we wait for.
  const start = await page.evaluate((k) => {
    if (!window.funnelplan) return 0;
    if (window.Module && window.Module.calledRun && window.funnelplan.requestFrames) window.funnelplan.requestFrames(k + 2);
    return window.funnelplan.frameCount();
  }, n);
  await page.waitForFunction((target) => window.funnelplan && window.funnelplan.frameCount() >= target,
                             start + n, { timeout: 30000 });
}

/** Waits until every queued key and mouse event has been applied, then two more frames. */
export async function waitForInputSettled(page) {
  await page.waitForFunction(() => window.funnelplan.inputPending() === 0, null, { timeout: 30000 });
  await waitForFrames(page, 2);
}

/** Clicks the centre of a named input (rect published by the app in CSS pixels). */
export async function clickInput(page, name) {
  const r = await page.evaluate((n) => window.funnelplan.uiRect(n), name);
  if (!r) throw new Error(`input ${name} is not on screen`);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitForInputSettled(page);
}

/** Replaces the value of a numeric input by clicking it and typing, as a user would. */
export async function typeIntoInput(page, name, text) {
  await clickInput(page, name);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitForInputSettled(page);
}

export async function saveScreenshot(page, name) {
  fs.mkdirSync(artifactDir, { recursive: true });
  const file = path.join(artifactDir, name);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into RGBA pixels. */
export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error('unsupported PNG colour type ' + colorType);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let p = 0;
      if (filter === 1) p = a; else if (filter === 2) p = b; else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = line[x * bpp];
      out[(y * width + x) * 4 + 1] = line[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = line[x * bpp + 2];
      out[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    prev = line;
  }
  return { width, height, pixels: out };
}

/** How much of a screenshot differs from its most common colour, and how many colours it has. */
// Colours of a PNG (or of its rows y0 ≤ y < y1): how many, and the share that is not the most
// common colour (the background).
export function screenshotStats(png, { y0 = 0, y1 = Infinity } = {}) {
  const { width, height, pixels } = decodePng(png);
  const counts = new Map();
  const from = Math.max(0, y0) * width * 4, to = Math.min(height, y1) * width * 4;
  for (let i = from; i < to; i += 4) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const background = Math.max(...counts.values());
  return { width, height, colours: counts.size, nonBackground: 1 - background / ((to - from) / 4) };
}
