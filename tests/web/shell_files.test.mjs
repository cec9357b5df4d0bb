// The page shell's files as a whole: every module it imports exists and none imports another
// in a cycle (scripts/build-dist bundles them from main.js; the development build serves them
// one by one), and the service worker
// precaches every file the page loads, so the shell works offline (web/sw.js, BUILD.files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const modules = fs.readdirSync(path.join(web, 'shell')).filter((f) => f.endsWith('.js')).sort();
const importsOf = (file) => [...fs.readFileSync(path.join(web, 'shell', file), 'utf8')
  .matchAll(/^import\b[^;]*?\bfrom\s*(['"])([^'"]+)\1\s*;/gm)].map((m) => m[2]);

test('the shell\'s modules import each other by relative name, all exist, no cycle, all reachable from main.js', () => {
  const graph = new Map(modules.map((m) => [m, importsOf(m)]));
  for (const [m, deps] of graph) {
    for (const d of deps) {
      assert.match(d, /^\.\/[\w-]+\.js$/, `${m} imports "${d}": only "./name.js", another module of web/shell/`);
      assert.ok(graph.has(d.slice(2)), `${m} imports ${d}, which does not exist`);
    }
  }
  const reached = new Set();
  const visit = (m, chain) => {
    assert.ok(!chain.includes(m), `import cycle: ${[...chain, m].join(' → ')}`);
    reached.add(m);
    for (const d of graph.get(m)) visit(d.slice(2), [...chain, m]);
  };
  visit('main.js', []);
  assert.deepEqual([...reached].sort(), modules, 'every module is used');
});

test('the page loads the shell as a module, and the service worker precaches every file the page loads', () => {
  const html = fs.readFileSync(path.join(web, 'shell.html'), 'utf8');
  assert.match(html, /<script type="module" src="shell\/main\.js"><\/script>/);
  const build = JSON.parse(fs.readFileSync(path.join(web, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m)[1]);
  assert.equal(build.version, 'dev');
  const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  for (const f of [...loaded, ...modules.map((m) => 'shell/' + m), 'index.html', 'index.js', 'index.wasm', 'index.data']) {
    assert.ok(build.files.includes(f), `sw.js does not precache ${f}`);
  }
  assert.equal(new Set(build.files).size, build.files.length, 'no file listed twice');
});

test('the page asks for its scripts and every shell module from the start (preload, modulepreload)', () => {
  const html = fs.readFileSync(path.join(web, 'shell.html'), 'utf8');
  for (const f of ['funnelplan.js', 'index.js']) {
    assert.ok(html.includes(`<link rel="preload" href="${f}" as="script">`), `no preload for ${f}`);
  }
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="shell\/([\w-]+\.js)">/g)].map((m) => m[1]).sort();
  assert.deepEqual(preloaded, modules, 'one modulepreload per module of web/shell/');
});
