// The web app's fonts hold Latin-1 and the characters in assets/fonts/glyphs.txt, nothing else
// (the build cuts Inter to them; ImGui's atlas holds the same). A character a string of the app
// uses beyond those would be drawn as "?": this test reads every C++ string literal of src/
// (escapes decoded) and the workshop templates the app embeds, and fails on a character
// glyphs.txt lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const glyphs = new Set(fs.readFileSync(path.join(repo, 'assets/fonts/glyphs.txt'), 'utf8'));

// Characters the engine matches in imported data and never draws.
const NOT_DRAWN = new Map([
  ['\u0141', 'synthetic_export.cpp: a Polish name in generated test data'],
  ['\u0871', 'text_encoding.cpp: bytes of a legacy Excel file, recognised to refuse it'],
  ['\u2028', 'xlsx_reader.cpp: a line separator in cell text'], ['\u2029', 'xlsx_reader.cpp: a paragraph separator'],
  ['\u221E', 'cell_values.cpp: "∞" read as infinity'], ['\uFEFF', 'byte order marks, dropped'],
  ['\uFFFD', 'text_encoding.cpp: the replacement for bytes that are not text'],
]);

/** The string literals of C++ source, comments removed and escapes decoded (UTF-8 → text). */
export function stringLiterals(source) {
  const out = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') { i = source.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && source[i + 1] === '*') { i = source.indexOf('*/', i + 2); if (i < 0) break; i += 2; continue; }
    if (c === "'") {  // a character literal: skip it ('"' must not open a string)
      i += source[i + 1] === '\\' ? 2 : 1;
      const end = source.indexOf("'", i + 1);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    if (c === '"' && source.startsWith('R"', i - 1)) {  // a raw string R"delim( … )delim"
      const open = source.indexOf('(', i);
      const close = ')' + source.slice(i + 1, open) + '"';
      const end = source.indexOf(close, open);
      out.push(source.slice(open + 1, end));
      i = end + close.length;
      continue;
    }
    if (c !== '"') { ++i; continue; }
    const bytes = [];
    for (++i; i < source.length && source[i] !== '"'; ++i) {
      if (source[i] !== '\\') { bytes.push(...Buffer.from(source[i], 'utf8')); continue; }
      const n = source[++i];
      if (n === 'x') {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(source.slice(i + 1))[0];
        bytes.push(parseInt(hex, 16));
        i += hex.length;
      } else {
        bytes.push(({ n: 10, t: 9, r: 13, 0: 0 })[n] ?? n.charCodeAt(0));
      }
    }
    ++i;
    out.push(Buffer.from(bytes).toString('utf8'));
  }
  return out;
}

const sources = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? sources(p) : /\.(cpp|hpp|h)$/.test(e.name) ? [p] : [];
});

test('string literals: escapes decoded, comments and character literals skipped', () => {
  const src = `// "→ in a comment"\n/* "≈" */ auto a = "a\\xE2\\x80\\x94b"; char q = '"'; auto b = "c\\"d"; auto r = R"(x"y)";`;
  assert.deepEqual(stringLiterals(src), ['a—b', 'c"d', 'x"y']);
});

test('every character the app\'s strings use is in the fonts (Latin-1 or assets/fonts/glyphs.txt)', () => {
  const missing = new Map();
  const templates = path.join(repo, 'assets/templates');
  const texts = [
    ...sources(path.join(repo, 'src')).map((file) => [file, stringLiterals(fs.readFileSync(file, 'utf8'))]),
    ...fs.readdirSync(templates).filter((f) => f.endsWith('.json')).map((f) => [path.join(templates, f), [fs.readFileSync(path.join(templates, f), 'utf8')]]),
  ];
  assert.ok(texts.length > 50, 'the sources and templates were found');
  for (const [file, strings] of texts) {
    for (const s of strings) {
      for (const ch of s) {
        if (ch.codePointAt(0) <= 0xff || glyphs.has(ch) || NOT_DRAWN.has(ch)) continue;
        missing.set(ch, path.relative(repo, file));
      }
    }
  }
  assert.deepEqual([...missing].map(([ch, file]) => `${ch} (U+${ch.codePointAt(0).toString(16).toUpperCase()}) in ${file}`), [],
                   'add these to assets/fonts/glyphs.txt (or, if never drawn, to NOT_DRAWN here)');
});
