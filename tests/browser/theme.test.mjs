// The colour theme follows the system on a first visit, and the user's switch is kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, waitForFrames, saveScreenshot, decodePng } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a system in dark mode opens dark; switching to light is kept after a reload', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { colorScheme: 'dark' });
  await page.waitForFunction(() => window.funnelplan.darkTheme() === true, null, { timeout: 10000 });
  await waitForFrames(page, 3);
  const { png } = await saveScreenshot(page, 'theme-dark.png');
  // The window background is dark: the pixel near the top-left corner (26, 28, 33 in the dark style).
  const { width, pixels } = decodePng(png);
  const at = 4 * (10 * width + 10);  // pixel (10, 10), inside the window's border
  const corner = pixels.slice(at, at + 3);
  assert.ok(corner[0] < 60 && corner[1] < 60 && corner[2] < 60, `dark background, got ${[...corner]}`);
  await page.evaluate(() => window.funnelplan.setDarkTheme(false));
  await page.waitForFunction(() => localStorage.getItem('funnelplan.theme.v1') === 'light', null, { timeout: 5000 });
  await page.reload();
  await page.waitForFunction(() => window.funnelplan && window.funnelplan.frameCount() > 2, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.funnelplan.darkTheme()), false, 'the choice outlives the system setting');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a system in light mode opens light', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { colorScheme: 'light' });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.funnelplan.darkTheme()), false);
  assert.deepEqual(errors, []);
  await context.close();
});
