// Excel workbooks read as a stream (web/xlsx.js) in node, as the page's Worker reads them: the
// same text whole or in messages cut anywhere, the page ↔ Worker messages in order with at most
// two unacknowledged, progress up to the total, clear messages for damaged files, cancel.
// Workbooks come from openpyxl (tests/browser/make_xlsx.py) or are built here, zipped with
// node's CompressionStream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = fs.readFileSync(path.join(repo, 'web/xlsx.js'), 'utf8');

// web/xlsx.js is a classic script: on a page it sets window.funnelplanXlsx; in a Worker (no
// window) it answers self.onmessage and replies with self.postMessage.
function loadOnPage() {
  const window = {};
  new Function('window', 'self', source)(window, undefined);
  return window.funnelplanXlsx;
}
function loadInWorker(onMessage) {
  const self = { postMessage: (m) => onMessage(m) };
  new Function('window', 'self', source)(undefined, self);
  return self;
}
const xlsx = loadOnPage();

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-xlsx-stream-'));
  execFileSync('/usr/bin/python3', [path.join(repo, 'tests/browser/make_xlsx.py'), tmp]);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const fileBlob = (name) => new Blob([fs.readFileSync(path.join(tmp, name))]);

// ---- workbooks built here -------------------------------------------------------------------
const enc = new TextEncoder();
async function deflate(bytes) {
  const s = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}
// A zip of the parts (name → text), deflated unless `stored`. CRCs are left 0: the reader does
// not check them. Returns {blob, parts: name → {at, data}} (where each part's data lies).
async function zip(files, { stored = false } = {}) {
  const chunks = [], dir = [], parts = {};
  let at = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = enc.encode(name), raw = enc.encode(text);
    const data = stored ? raw : await deflate(raw);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, stored ? 0 : 8, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, raw.length, true);
    local.setUint16(26, nameBytes.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(10, stored ? 0 : 8, true);
    central.setUint32(20, data.length, true);
    central.setUint32(24, raw.length, true);
    central.setUint16(28, nameBytes.length, true);
    central.setUint32(42, at, true);
    parts[name] = { at: at + 30 + nameBytes.length, data };
    chunks.push(new Uint8Array(local.buffer), nameBytes, data);
    dir.push(new Uint8Array(central.buffer), nameBytes);
    at += 30 + nameBytes.length + data.length;
  }
  const dirBytes = dir.reduce((n, b) => n + b.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, dir.length / 2, true);
  end.setUint16(10, dir.length / 2, true);
  end.setUint32(12, dirBytes, true);
  end.setUint32(16, at, true);
  return { blob: new Blob([...chunks, ...dir, new Uint8Array(end.buffer)]), parts, dirAt: at };
}
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
// A one-sheet workbook: `rows` is the <sheetData> XML, `strings` the shared strings' <si> XML.
function book(rows, { strings = '', date1904 = false, sheetEnd = '</sheetData></worksheet>', sstEnd = '</sst>' } = {}) {
  return {
    'xl/workbook.xml': `<workbook ${NS}>${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    // Style 1: a date and time; style 2: a plain number.
    'xl/styles.xml': `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>` +
                     '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>',
    'xl/sharedStrings.xml': `<sst ${NS}>${strings}${sstEnd}`,
    'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData>${rows}${sheetEnd}`,
  };
}
const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tsvCell = (s) => (/[\t\n\r"]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
const col = (n) => String.fromCharCode(65 + n);

// A CRM export of `count` rows, several megabytes of sheet XML: shared strings (some with
// entities, quotes and line breaks), inline strings in two runs, dates with times, numbers,
// booleans, and empty cells. Returns the workbook's parts and the text it must read as.
function largeExport(count) {
  const stages = ['Lead', 'MQL', 'SQL', 'Customer', 'Q3 & Q4 <budget>', 'said "maybe"', 'line one\nline two'];
  const strings = stages.map((s) => `<si><t>${xmlText(s)}</t></si>`);
  const rows = ['<row r="1">' + ['Record ID', 'Email', 'Stage', 'Created', 'Amount', 'Won', 'Source']
    .map((h, c) => `<c r="${col(c)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('') + '</row>'];
  const lines = ['Record ID\tEmail\tStage\tCreated\tAmount\tWon\tSource'];
  for (let i = 0; i < count; ++i) {
    const r = i + 2;
    const email = `lead${i}@example.com`;
    strings.push(`<si><t>${email}</t></si>`);
    const stage = i % stages.length;
    const minute = (i * 7919) % (400 * 1440);  // minutes after 2024-01-01
    const serial = 45292 + minute / 1440;
    const created = new Date(Date.UTC(2024, 0, 1) + minute * 60000).toISOString();
    const createdText = minute % 1440 === 0 ? created.slice(0, 10) : created.slice(0, 10) + ' ' + created.slice(11, 16);
    const amount = i % 3 === 0 ? '' : String((i % 1000) * 12.5);
    const won = i % 5 === 0;
    const source = i % 2 ? 'Organic Search' : 'Paid & Social';
    let xml = `<row r="${r}" spans="1:7"><c r="A${r}"><v>${1000 + i}</v></c><c r="B${r}" t="s"><v>${stages.length + i}</v></c>` +
              `<c r="C${r}" t="s"><v>${stage}</v></c><c r="D${r}" s="1"><v>${serial}</v></c>`;
    if (amount) xml += `<c r="E${r}" s="2"><v>${amount}</v></c>`;
    xml += `<c r="F${r}" t="b"><v>${won ? 1 : 0}</v></c>` +
           `<c r="G${r}" t="inlineStr"><is><r><t>${xmlText(source.slice(0, 4))}</t></r><r><t xml:space="preserve">${xmlText(source.slice(4))}</t></r></is></c></row>`;
    rows.push(xml);
    lines.push([1000 + i, email, tsvCell(stages[stage]), createdText, amount, won ? 'TRUE' : 'FALSE', source].join('\t'));
  }
  return { files: book(rows.join(''), { strings: strings.join('') }), text: lines.join('\n') + '\n' };
}

// One export of 100,000 rows (a sheet of ~35 MB of XML, ~6 MB of text: three messages or more),
// built once for the tests that need one that large.
let big = null;
async function bigExport() {
  if (!big) {
    const { files, text } = largeExport(100000);
    big = { files, text, ...(await zip(files)) };
  }
  return big;
}

// Runs stream() to its end: every message, the text, and the most text messages that were out
// without a more() at once. The page acknowledges each text message after `ackMs`.
function collect(blob, options, { ackMs = 0 } = {}) {
  return new Promise((resolve) => {
    const messages = [];
    let unacked = 0, maxUnacked = 0;
    const done = () => resolve({ messages, maxUnacked, text: messages.filter((x) => x.type === 'text').map((x) => x.text).join('') });
    const run = xlsx.stream(blob, (m) => {
      messages.push(m);
      if (messages.length > 50000) { run.cancel(); done(); return; }  // a reader that never ends: fail, not hang
      if (m.type === 'text') {
        maxUnacked = Math.max(maxUnacked, ++unacked);
        setTimeout(() => { --unacked; run.more(); }, ackMs);
      } else if (m.type === 'end' || m.type === 'error') {
        done();
      }
    }, options);
  });
}
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- tests --------------------------------------------------------------------------------
test('other writers (prefixes, rich text, phonetic guides, 1904 dates, a hidden first sheet): the text, whole and cut anywhere', { timeout: 60000 }, async () => {
  const expected = [
    'Stage\tCreated\tDeal value\tSource',
    'Lead\t2023-03-02\t\tWeb & ads',
    '',                                   // row 3 is empty in the sheet: it stays a row
    'Won\t2023-03-03 12:00\t1234.5\t',   // #N/A is an empty cell
    'Lead\tnot a date\t\t',              // short rows are padded to the header
  ].join('\n') + '\n';
  const bytes = fs.readFileSync(path.join(tmp, 'minimal.xlsx'));
  assert.deepEqual(await xlsx.toTsv(new Uint8Array(bytes)), { text: expected, sheet: 'Deals & more', sheets: 2 });
  for (const split of [1, 2, 3, 5, 8, 13, 64]) {
    const r = await collect(new Blob([bytes]), { split, textBytes: 16 });
    assert.equal(r.text, expected, `inflated bytes in pieces of ${split}`);
    assert.deepEqual(r.messages[0], { type: 'sheet', sheet: 'Deals & more', sheets: 2 });
  }
});

test('a workbook written by openpyxl: its rows are contacts.csv\'s, whole or in messages of a few kilobytes', { timeout: 60000 }, async () => {
  const whole = await xlsx.toTsv(fileBlob('contacts.xlsx'));
  assert.equal(whole.sheet, 'Contacts');
  const streamed = await collect(fileBlob('contacts.xlsx'), { textBytes: 2000, split: 997 });
  assert.equal(streamed.text, whole.text);
  assert.ok(streamed.messages.length > 10, 'many messages');

  // The same rows written by Python's csv module (RFC 4180, CRLF): every value, as TSV.
  const csv = records(fs.readFileSync(path.join(tmp, 'contacts.csv'), 'utf8'), ',');
  const tsv = records(whole.text, '\t');
  assert.equal(tsv.length, csv.length);  // 400 leads, the header and the empty row between them
  assert.equal(tsv.length, 402);
  for (const [r, want] of csv.entries()) {
    if (want.length === 1 && want[0] === '') { assert.deepEqual(tsv[r], [''], `row ${r + 1} is empty`); continue; }
    assert.equal(tsv[r].length, want.length, `row ${r + 1}: ${tsv[r]}`);
    for (const [c, value] of want.entries()) {
      // Numbers as Excel shows them: Python's 0.5 and 1.0 are Excel's 0.5 and 1.
      if (/^-?\d+\.\d+$/.test(value)) assert.equal(Number(tsv[r][c]), Number(value), `row ${r + 1} column ${c + 1}`);
      else assert.equal(tsv[r][c], value, `row ${r + 1} column ${c + 1}`);
    }
  }
});

// RFC 4180 records (quotes doubled inside quotes; CRLF or LF) split on `delimiter`.
function records(text, delimiter) {
  const out = [];
  let field = '', record = [], quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { record.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n') { record.push(field); out.push(record); field = ''; record = []; }
    else field += ch;
  }
  return out;
}

test('a sheet of several megabytes: every row whole and in order, across the inflater\'s chunks and messages', { timeout: 60000 }, async () => {
  const { files, text, blob } = await bigExport();
  assert.ok(files['xl/worksheets/sheet1.xml'].length > 30e6, 'a sheet XML of more than 30 MB');
  const r = await collect(blob);  // the real message size (~2 MB) and the inflater's own chunks
  assert.equal(r.text, text);
  const texts = r.messages.filter((m) => m.type === 'text');
  assert.ok(texts.length >= 3, `${texts.length} messages`);
  for (const m of texts) assert.ok(m.text.endsWith('\n'), 'a message holds whole rows');
  for (const m of texts.slice(0, -1)) assert.ok(m.text.length > 1e6 && m.text.length < 4.2e6, `a message of ${m.text.length} characters`);
  // Cut at other places: pieces of an odd size, small messages.
  assert.equal((await collect(blob, { split: 4093, textBytes: 100000 })).text, text);
});

test('messages: sheet, text…, end; never more than two text messages unacknowledged; progress up to the total', { timeout: 60000 }, async () => {
  const { files } = largeExport(20000);
  const { blob, parts } = await zip(files);
  const total = parts['xl/worksheets/sheet1.xml'].data.length;
  const r = await collect(blob, { textBytes: 20000 }, { ackMs: 3 });
  const types = r.messages.map((m) => m.type);
  assert.equal(types[0], 'sheet');
  assert.equal(types.at(-1), 'end');
  assert.ok(types.slice(1, -1).every((t) => t === 'text'), 'only text between sheet and end');
  assert.ok(types.length > 20, `${types.length} messages`);
  assert.equal(r.maxUnacked, 2, 'the reader waits for the page at two messages out');
  const texts = r.messages.filter((m) => m.type === 'text');
  let last = 0;
  for (const m of texts) {
    assert.equal(m.total, total, 'total: the sheet part\'s compressed bytes');
    assert.ok(m.done >= last && m.done <= total, `done ${m.done} after ${last}, of ${total}`);
    last = m.done;
  }
  assert.ok(texts[0].done < total, 'the first message comes before the whole sheet is read');
  assert.equal(texts.at(-1).done, total);

  // A page that takes nothing gets two messages, and the third only after a more().
  const seen = [];
  const run = xlsx.stream(blob, (m) => seen.push(m), { textBytes: 20000 });
  await delay(300);
  assert.deepEqual(seen.map((m) => m.type), ['sheet', 'text', 'text']);
  run.more();
  await delay(300);
  assert.deepEqual(seen.map((m) => m.type), ['sheet', 'text', 'text', 'text']);
  run.cancel();
});

test('cancel(): no message after it', { timeout: 60000 }, async () => {
  const { files } = largeExport(20000);
  const { blob } = await zip(files);
  const seen = [];
  const run = xlsx.stream(blob, (m) => {
    seen.push(m);
    if (m.type === 'text') { run.cancel(); run.more(); }
  }, { textBytes: 20000 });
  await delay(500);
  assert.deepEqual(seen.map((m) => m.type), ['sheet', 'text']);
});

test('a damaged workbook: a clear message, from stream() and from toTsv()', { timeout: 60000 }, async () => {
  const contacts = fs.readFileSync(path.join(tmp, 'contacts.xlsx'));
  const { files } = largeExport(2000);
  const good = await zip(files);
  const goodBytes = new Uint8Array(await good.blob.arrayBuffer());
  const corrupt = (at, bytes) => { const b = goodBytes.slice(); b.set(bytes, at); return new Blob([b]); };
  const sheet = good.parts['xl/worksheets/sheet1.xml'];
  const cases = [
    [new Blob([contacts.subarray(0, contacts.length >> 1)]), /^the file is not a complete workbook \(its zip directory is missing; was the download cut short\?\)$/],
    [corrupt(good.dirAt + 46 + 15, [0, 0, 0, 0]), /^its zip directory is damaged$/],  // the second entry's signature
    [corrupt(sheet.at - 30 - 'xl/worksheets/sheet1.xml'.length, [0]), /^part xl\/worksheets\/sheet1\.xml is damaged$/],
    [corrupt(sheet.at + (sheet.data.length >> 1), new Uint8Array(64).fill(0xff)), /./],  // the inflater's own words
    [(await zip({ 'docs/readme.txt': 'hello' })).blob, /^it is a zip file but not an Excel workbook \(no xl\/workbook\.xml\)$/],
    [(await zip({ ...files, 'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/gone.xml"/></Relationships>' })).blob,
     /^the sheet "Leads" is missing from the workbook$/],
  ];
  for (const [blob, message] of cases) {
    const r = await collect(blob);
    const last = r.messages.at(-1);
    assert.equal(last.type, 'error', JSON.stringify(r.messages.map((m) => m.type)));
    assert.match(last.message, message);
    assert.ok(!r.messages.some((m) => m.type === 'end'));
    await assert.rejects(xlsx.toTsv(blob), (err) => err.message === last.message);
  }
});

test('in a Worker: {blob} starts, {more} acknowledges; the whole-bytes message of before still answers', { timeout: 60000 }, async () => {
  const { text, blob } = await bigExport();  // three messages or more: the third waits for a {more}
  const messages = [];
  let worker;
  const done = new Promise((resolve) => {
    worker = loadInWorker((m) => {
      messages.push(m);
      if (m.type === 'text') setTimeout(() => worker.onmessage({ data: { more: true } }), 0);
      if (m.type === 'end' || m.type === 'error') resolve();
    });
  });
  worker.onmessage({ data: { blob } });
  await done;
  assert.deepEqual(messages[0], { type: 'sheet', sheet: 'Leads', sheets: 1 });
  assert.equal(messages.at(-1).type, 'end');
  assert.ok(messages.length >= 5, `${messages.length} messages`);
  assert.equal(messages.filter((m) => m.type === 'text').map((m) => m.text).join(''), text);

  const reply = await new Promise((resolve) => {
    const w = loadInWorker(resolve);
    w.onmessage({ data: new Uint8Array(fs.readFileSync(path.join(tmp, 'minimal.xlsx'))).buffer });
  });
  assert.equal(reply.ok, true);
  assert.equal(reply.sheet, 'Deals & more');
  assert.match(reply.text, /^Stage\tCreated\tDeal value\tSource\n/);
});

test('rows are padded to the widest row: the whole text to the widest in the sheet, a stream to the widest so far', { timeout: 60000 }, async () => {
  const cells = (r, n) => `<row r="${r}">` + Array.from({ length: n }, (_, c) => `<c r="${col(c)}${r}"><v>${c}</v></c>`).join('') + '</row>';
  const rows = [cells(1, 2)];
  for (let r = 2; r <= 400; ++r) rows.push(cells(r, 3));
  rows.push(cells(401, 5));  // a value beyond the others, far down
  const { blob } = await zip(book(rows.join('')));
  const whole = (await xlsx.toTsv(blob)).text.split('\n');
  assert.equal(whole[0], '0\t1\t\t\t');
  assert.equal(whole[1], '0\t1\t2\t\t');
  assert.equal(whole[399], '0\t1\t2\t\t');
  assert.equal(whole[400], '0\t1\t2\t3\t4');
  // In messages of ~1000 bytes: the rows of the wide row's message are padded to it, the rows
  // sent before are not (they were gone when it came).
  const texts = (await collect(blob, { textBytes: 1000 })).messages.filter((m) => m.type === 'text').map((m) => m.text);
  assert.ok(texts.length >= 3, `${texts.length} messages`);
  const last = texts.at(-1).split('\n').slice(0, -1);
  assert.equal(last.at(-1), '0\t1\t2\t3\t4');
  assert.ok(last.length > 1 && last.slice(0, -1).every((l) => l === '0\t1\t2\t\t'), last[0]);
  const first = texts[0].split('\n');
  assert.equal(first[0], '0\t1\t', 'the first message: its rows to its widest');
  assert.equal(first[1], '0\t1\t2');
  assert.equal(texts[1].split('\n')[0], '0\t1\t2');
});

test('the last row and the last string count without the closing tags after them', { timeout: 60000 }, async () => {
  const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c t="inlineStr"><is><t>x</t></is></c></row>';
  for (const stored of [false, true]) {
    const { blob } = await zip(book(rows, { strings: '<si><t>a</t></si><si/>', sheetEnd: '', sstEnd: '' }), { stored });
    assert.equal((await xlsx.toTsv(blob)).text, 'a\nx\n');
    assert.equal((await collect(blob, { split: 3 })).text, 'a\nx\n');
  }
});

test('date cells: 16- and 17-digit serials read to the minute as Number() would, next to half a millisecond too', { timeout: 60000 }, async () => {
  // The rule (docs/import.md): the serial's time rounded to the millisecond, then to the minute;
  // midnight of a day ≥ 1 is the date alone.
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  function expected(serial, date1904) {
    const d = new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86400000));
    const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const minutes = d.getUTCHours() * 60 + d.getUTCMinutes() + (d.getUTCSeconds() >= 30 ? 1 : 0);
    if ((serial >= 1 && minutes === 0) || minutes >= 1440) return day;
    return `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const values = [];
  for (let i = 0; i < 30000; ++i) {
    const minute = Math.floor(random() * 3e7);
    if (i % 3 === 0) values.push(String((minute * 60000 + 29999.5) / 86400000 + 25569));  // 29.9995 s: which minute?
    else if (i % 3 === 1) values.push(String((Math.floor(random() * 4e12) + 0.5) / 86400000 + 25569));
    else values.push(String(random() * 80000));
  }
  const rows = [];
  for (let i = 0; i < values.length; i += 10) {
    rows.push(`<row r="${i / 10 + 1}">` + values.slice(i, i + 10).map((v) => `<c s="1"><v>${v}</v></c>`).join('') + '</row>');
  }
  for (const date1904 of [false, true]) {
    const { blob } = await zip(book(rows.join(''), { date1904 }));
    const got = (await xlsx.toTsv(blob)).text.split(/[\t\n]/);
    let wrong = 0;
    for (const [i, v] of values.entries()) if (got[i] !== expected(Number(v), date1904)) ++wrong;
    assert.equal(wrong, 0, `${wrong} of ${values.length} dates differ (1904: ${date1904})`);
  }
});
