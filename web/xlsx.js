// Excel workbooks (.xlsx) → tab-separated text for the importer, in the browser, with no
// library. The zip's directory is read from the File with blob.slice(); each part is streamed
// through the browser's DecompressionStream and scanned as bytes while it inflates, so a
// 1,000,000-row sheet never sits in memory as one string. The first visible sheet goes out as
// TSV text a few megabytes at a time (in a Worker when the page imports a file). Dates (cells
// with a date number format) become "2024-03-05" or "2024-03-05 14:30"; numbers are written in
// full, booleans as TRUE/FALSE. Sheet rows keep their numbers (empty rows become empty lines), so
// the importer's warnings name the same rows as Excel. docs/import.md, "Excel workbooks".
//
// Messages (in a Worker; on a page without Workers, window.funnelplanXlsx.stream(blob, onMessage)
// calls onMessage with the same objects and returns {more(), cancel()}):
//   page → worker  {blob}           start reading this File/Blob
//                  {more: true}     the page has consumed one 'text' message
//   worker → page  {type: 'sheet', sheet, sheets}   the sheet chosen: its name, how many sheets
//                  {type: 'text', text, done, total} whole rows of TSV, ~2 MB; done/total: the
//                                   sheet's compressed bytes read so far / in all (the last
//                                   message: done = total)
//                  {type: 'end'}  |  {type: 'error', message}
// At most two 'text' messages are out without a {more}, so memory stays bounded whatever the
// sheet's size. Cancel: terminate the Worker (or cancel() on the page). Short rows are padded
// with empty values to the widest row read so far, and the rows of a message to the widest one
// in it (a row wider than all before it, far down, leaves earlier messages narrower; toTsv(),
// the whole text at once, pads every row to the widest of the sheet).
(function () {
  'use strict';

  const MAX_PART_BYTES = 1536 * 1024 * 1024;  // a sheet's XML beyond this cannot be imported
  const TEXT_BYTES = 2 * 1024 * 1024;         // a 'text' message is sent once it holds this much
  const MAX_UNACKED = 2;                      // 'text' messages out without a {more}

  function isXlsx(bytes) {
    // A zip file ("PK\3\4") with a workbook part; .xlsx, .xlsm and Google Sheets downloads.
    return bytes.length > 30 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  }

  // ---- zip: the central directory names each part and where its data starts ------------------
  async function bytesOf(blob, start, end) {
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
  }

  async function readZip(blob) {
    const tailStart = Math.max(0, blob.size - 65557);  // the end record, after at most a 64 KB comment
    const tail = await bytesOf(blob, tailStart, blob.size);
    const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; --i) {
      if (tv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error('the file is not a complete workbook (its zip directory is missing; was the download cut short?)');
    const count = tv.getUint16(eocd + 10, true);
    const dirStart = tv.getUint32(eocd + 16, true);
    // The directory ends where the end record starts.
    const dir = await bytesOf(blob, dirStart, Math.max(dirStart, tailStart + eocd));
    const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
    const parts = new Map();
    const decoder = new TextDecoder('utf-8');
    let p = 0;
    for (let n = 0; n < count; ++n) {
      if (p + 46 > dir.length || view.getUint32(p, true) !== 0x02014b50) throw new Error('its zip directory is damaged');
      const method = view.getUint16(p + 10, true);
      const compressed = view.getUint32(p + 20, true);
      const size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const local = view.getUint32(p + 42, true);
      const name = decoder.decode(dir.subarray(p + 46, p + 46 + nameLength));
      parts.set(name.replace(/^\//, ''), { method, compressed, size, local });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return parts;
  }

  // A part's inflated bytes as a stream of Uint8Array chunks: {stream, compressed, size} (its
  // sizes compressed and inflated, as the directory gives them); null when there is no such part.
  async function openPart(blob, parts, name) {
    const entry = parts.get(name);
    if (!entry) return null;
    const at = entry.local;
    const header = await bytesOf(blob, at, at + 30);
    const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
    if (header.length < 30 || hv.getUint32(0, true) !== 0x04034b50) throw new Error('part ' + name + ' is damaged');
    const start = at + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
    if (entry.size > MAX_PART_BYTES) throw new Error('the sheet is too large to import here; save it as CSV');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new Error('part ' + name + ' uses a compression this app does not read (method ' + entry.method + ')');
    }
    let stream = blob.slice(start, start + entry.compressed).stream();
    if (entry.method === 8) stream = stream.pipeThrough(new DecompressionStream('deflate-raw'));
    // Inflating runs ahead of the scan by up to 64 chunks (~1 MB), so the two overlap where the
    // browser inflates off the thread.
    stream = stream.pipeThrough(new TransformStream({}, undefined, { highWaterMark: 64 }));
    return { stream, compressed: entry.compressed, size: entry.size };
  }

  // A small part (workbook, relationships, styles) as text.
  async function readPartText(blob, parts, name) {
    const part = await openPart(blob, parts, name);
    if (!part) return null;
    return new TextDecoder('utf-8').decode(await new Response(part.stream).arrayBuffer());
  }

  // The inflated bytes a scanner has not used yet (an element cut by the chunk's end), then the
  // next chunk: buf[pos..end). `split` (tests) cuts every chunk into pieces of that many bytes,
  // so elements fall across chunk boundaries everywhere.
  class Carry {
    constructor() { this.buf = new Uint8Array(1 << 17); this.pos = 0; this.end = 0; }
    push(chunk) {
      const keep = this.end - this.pos;
      if (keep + chunk.length > this.buf.length) {
        const grown = new Uint8Array(Math.max(this.buf.length * 2, keep + chunk.length));
        grown.set(this.buf.subarray(this.pos, this.end));
        this.buf = grown;
      } else if (this.pos > 0 && keep > 0) {
        this.buf.copyWithin(0, this.pos, this.end);
      }
      this.buf.set(chunk, keep);
      this.pos = 0;
      this.end = keep + chunk.length;
    }
  }
  // After a part's last chunk: the scanners look a few bytes ahead of a tag before they take
  // it, and white space after the document changes nothing.
  const END_PADDING = new Uint8Array(32).fill(32);
  function pieces(chunk, split) {
    if (!split || chunk.length <= split) return [chunk];
    const out = [];
    for (let i = 0; i < chunk.length; i += split) out.push(chunk.subarray(i, i + split));
    return out;
  }

  // ---- XML text, on strings: small parts, and cells that need escaping -------------------------
  const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  function unescapeXml(s) {
    if (s.indexOf('&') >= 0) {
      s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e) => {
        if (e[0] !== '#') return ENTITIES[e];
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      });
    }
    // Excel writes control characters as _xHHHH_ (e.g. _x000D_ for a carriage return).
    if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9a-fA-F]{4})_/g, (m, h) => String.fromCharCode(parseInt(h, 16)));
    return s;
  }
  const attrRes = new Map();
  function attr(attrs, name) {
    let re = attrRes.get(name);
    if (!re) attrRes.set(name, (re = new RegExp('(?:^|\\s)(?:\\w+:)?' + name + '\\s*=\\s*"([^"]*)"')));
    const m = re.exec(attrs);
    return m ? unescapeXml(m[1]) : null;
  }

  // The text of a string item (<si> or <is>): its <t> runs, without phonetic guides (<rPh>).
  function itemText(xml) {
    xml = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
    let out = '';
    const t = /<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g;
    for (let m; (m = t.exec(xml));) out += m[1];
    return unescapeXml(out);
  }

  // Built-in date/time formats (ECMA-376 18.8.30) and the CJK ones Excel also uses.
  const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
                                   45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
  function isDateCode(code) {
    const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
    return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
  }
  // Per cell style index: does its number format show a date? (1 = yes)
  function dateStyles(xml) {
    const out = [];
    if (!xml) return new Uint8Array(0);
    const custom = new Map();
    const fmt = /<(?:\w+:)?numFmt\b([^>]*?)\/?>/g;
    for (let m; (m = fmt.exec(xml));) custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') || '');
    const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
    if (!xfs) return new Uint8Array(0);
    const xf = /<(?:\w+:)?xf\b([^>]*?)\/?>/g;
    for (let m; (m = xf.exec(xfs[1]));) {
      const id = Number(attr(m[1], 'numFmtId') || 0);
      out.push(custom.has(id) ? isDateCode(custom.get(id)) : DATE_FORMAT_IDS.has(id));
    }
    return Uint8Array.from(out, Number);
  }

  const pad = (n, w = 2) => String(n).padStart(w, '0');
  function serialToDate(serial, date1904) {
    // Day 0 is 1899-12-30 (Excel's 1900 system counts a 29 Feb 1900 that never was); 1904: 1904-01-01.
    const ms = Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86400000);
    const d = new Date(ms);
    if (!Number.isFinite(d.getTime())) return '';
    const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const minutes = d.getUTCHours() * 60 + d.getUTCMinutes() + (d.getUTCSeconds() >= 30 ? 1 : 0);
    if (serial >= 1 && minutes === 0) return day;
    if (minutes >= 1440) return day;  // 23:59:30 and later: the date is what the cell says
    return `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
  function numberText(v) {
    // At most 15 digits, no exponent: already how Excel shows it.
    if (v.length <= 17 && PLAIN_NUMBER.test(v) && v.length - (v[0] === '-') - v.includes('.') <= 15 &&
        !/^-?0\d/.test(v) && !/\.\d*0$/.test(v)) return v;
    const x = Number(v);
    if (!Number.isFinite(x)) return v;
    // Excel keeps 17 digits ("0.35000000000000003"); it shows 15.
    const r = Number(x.toPrecision(15));
    if (r === 0 || (Math.abs(r) >= 1e-6 && Math.abs(r) < 1e21)) return String(r);
    return r.toFixed(20).replace(/\.?0+$/, '');  // plain digits, no exponent
  }
  function tsvCell(s) {
    return /[\t\n\r"]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // ---- XML as bytes: the sheet and the shared strings, scanned as they inflate ---------------
  // The scanners stop at the end of the bytes they have and start that element again when the
  // next chunk arrives (NEED); nothing is taken from a cut element.
  const NEED = -1;
  const LT = 60, GT = 62, SLASH = 47, COLON = 58, QUOTE = 34, EQUALS = 61, TAB = 9, NL = 10;
  const WORD = new Uint8Array(256);   // \w
  const SPACE = new Uint8Array(256);  // \s (ASCII)
  for (let c = 0; c < 256; ++c) {
    WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
    SPACE[c] = c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  }
  // Is the tag's local name (after any "x:" prefix) at b[at..at+len) this one (char codes)?
  function nameIs(b, at, len, name) {
    if (len !== name.length) return false;
    for (let i = 0; i < len; ++i) if (b[at + i] !== name[i]) return false;
    return true;
  }
  const codes = (s) => Array.from(s, (ch) => ch.charCodeAt(0));
  const N_ROW = codes('row'), N_SI = codes('si'), N_IS = codes('is'), N_RPH = codes('rPh'), N_C = codes('c'),
        N_V = codes('v'), N_T = codes('t');

  // A tag's name after "<" or "</" at `at`: sets tagName/tagNameLen to its local name (after any
  // "x:" prefix) and tagFirst/tagFirstLen to the word before a ":" (-1: none); returns where the
  // name ends, or NEED.
  let tagName = 0, tagNameLen = 0, tagFirst = -1, tagFirstLen = 0;
  function readName(b, at, end) {
    let k = at;
    while (k < end && WORD[b[k]]) ++k;
    if (k >= end) return NEED;
    if (b[k] === COLON && k > at) {
      tagFirst = at; tagFirstLen = k - at;
      const local = ++k;
      while (k < end && WORD[b[k]]) ++k;
      if (k >= end) return NEED;
      tagName = local; tagNameLen = k - local;
      return k;
    }
    tagFirst = -1;
    tagName = at; tagNameLen = k - at;
    return k;
  }
  // Is the tag just read an opening `name` tag? As the whole-sheet reading's /<(\w+:)?name\b/
  // had it: "<x:row" and also "<row:x" (":" ends a word).
  function openIs(b, name) {
    return nameIs(b, tagName, tagNameLen, name) || (tagFirst >= 0 && nameIs(b, tagFirst, tagFirstLen, name));
  }

  // Growing byte output (TSV text, or the shared strings' bytes).
  class Bytes {
    constructor(size) { this.buf = new Uint8Array(size); this.len = 0; }
    room(n) {
      if (this.len + n <= this.buf.length) return;
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
  }
  const encoder = new TextEncoder();
  function appendString(out, s) {
    out.room(s.length * 3);
    out.len += encoder.encodeInto(s, out.buf.subarray(out.len)).written;
  }
  function appendBytes(out, b, from, to) {
    const n = to - from;
    out.room(n);
    const o = out.buf;
    let p = out.len;
    if (n > 32) o.set(b.subarray(from, to), p);
    else for (let i = from; i < to; ++i) o[p++] = b[i];
    out.len += n;
  }
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });  // a cell may start with U+FEFF
  // Does b[from..to) need more than a copy: an entity, an _xHHHH_ escape, or TSV quoting?
  function needsText(b, from, to) {
    for (let j = from; j < to; ++j) {
      const c = b[j];
      if (c === 38 /* & */ || c === QUOTE || c === TAB || c === NL || c === 13 || (c === 95 && b[j + 1] === 120)) return true;
    }
    return false;
  }
  // A cut of `b` as a string, for the rare cells that need entities or quotes resolved.
  const text = (b, from, to) => utf8.decode(b.subarray(from, to));

  // The text of a string item (<si> or <is>) from `at`: its <t> runs, without phonetic guides
  // (<rPh>), XML entities resolved and TSV quoting applied, appended to `out`. Returns the
  // position of its closing tag (</si> or </is>, named by `close`), or NEED. Runs of plain
  // <t>text</t> are copied; anything else (a phonetic guide, <t/>, markup inside a run) is read
  // by itemText() as the whole-sheet reading did.
  const runs = [];
  function appendItem(out, b, at, end, close) {
    runs.length = 0;
    let i = at, plain = true, simple = true;
    for (;;) {
      while (i < end && b[i] !== LT) ++i;
      if (i + 1 >= end) return NEED;
      if (b[i + 1] === SLASH) {
        const k = readName(b, i + 2, end);
        if (k === NEED) return NEED;
        if (b[k] === GT && nameIs(b, tagName, tagNameLen, close)) break;
        i = k;
        continue;
      }
      const k = readName(b, i + 1, end);
      if (k === NEED) return NEED;
      if (openIs(b, N_RPH)) simple = false;
      if (!simple || !openIs(b, N_T)) { i = k; continue; }
      let gt = k;
      while (gt < end && b[gt] !== GT) ++gt;
      if (gt >= end) return NEED;
      if (b[gt - 1] === SLASH) { simple = false; i = gt + 1; continue; }  // <t/>
      let e = gt + 1;
      while (e < end && b[e] !== LT) ++e;
      if (e + 1 >= end) return NEED;
      const ke = b[e + 1] === SLASH ? readName(b, e + 2, end) : e;
      if (ke === NEED) return NEED;
      if (ke === e || b[ke] !== GT || !nameIs(b, tagName, tagNameLen, N_T)) { simple = false; i = e; continue; }
      if (plain && needsText(b, gt + 1, e)) plain = false;
      runs.push(gt + 1, e);
      i = ke + 1;
    }
    // Runs side by side as bytes could join the halves of a character cut between them (which
    // the reading of the whole part made two U+FFFD): such runs are decoded one by one.
    for (let r = 2; plain && r < runs.length; r += 2) if (b[runs[r]] >= 0x80 || b[runs[r - 1] - 1] >= 0x80) plain = false;
    if (!simple) {
      appendString(out, tsvCell(itemText(text(b, at, i))));
    } else if (plain) {
      for (let r = 0; r < runs.length; r += 2) appendBytes(out, b, runs[r], runs[r + 1]);
    } else {
      let s = '';
      for (let r = 0; r < runs.length; r += 2) s += text(b, runs[r], runs[r + 1]);
      appendString(out, tsvCell(unescapeXml(s)));
    }
    return i;
  }

  // ---- shared strings: every <si>'s TSV text, back to back, and where each starts ---------------
  class SharedStrings {
    constructor() { this.bytes = new Bytes(1 << 20); this.starts = new Int32Array(1 << 14); this.count = 0; }
    add(len) {
      if (this.count + 2 > this.starts.length) {
        const grown = new Int32Array(this.starts.length * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[++this.count] = len;
    }
    // Returns the position up to which `b` was used.
    scan(b, at, end) {
      let i = at;
      for (;;) {
        while (i < end && b[i] !== LT) ++i;
        if (i + 1 >= end) return i;
        const tag = i;
        if (i + 13 >= end) return tag;  // the fast check below reads ahead
        if (b[i + 1] === SLASH) { i += 2; continue; }
        if (b[i + 1] === 115 && b[i + 2] === 105 && b[i + 3] === GT && b[i + 4] === LT && b[i + 5] === 116 && b[i + 6] === GT) {
          // <si><t>…</t></si>: the usual item
          let e = i + 7;
          while (e < end && b[e] !== LT) ++e;
          if (e + 8 >= end) return tag;
          if (b[e + 1] === SLASH && b[e + 2] === 116 && b[e + 3] === GT && b[e + 4] === LT && b[e + 5] === SLASH &&
              b[e + 6] === 115 && b[e + 7] === 105 && b[e + 8] === GT && !needsText(b, i + 7, e)) {
            appendBytes(this.bytes, b, i + 7, e);
            this.add(this.bytes.len);
            i = e + 9;
            continue;
          }
        }
        const k = readName(b, i + 1, end);
        if (k === NEED) return tag;
        if (!openIs(b, N_SI)) { i = k; continue; }
        let gt = k;
        while (gt < end && b[gt] !== GT) ++gt;
        if (gt >= end) return tag;
        const start = this.bytes.len;
        if (b[gt - 1] === SLASH) { this.add(start); i = gt + 1; continue; }  // <si/>: empty
        const close = appendItem(this.bytes, b, gt + 1, end, N_SI);
        if (close === NEED) { this.bytes.len = start; return tag; }
        this.add(this.bytes.len);
        i = close + 2;
        while (b[i] !== GT) ++i;
        ++i;
      }
    }
  }

  async function readSharedStrings(blob, parts, split, cancelled) {
    const strings = new SharedStrings();
    const part = await openPart(blob, parts, 'xl/sharedStrings.xml');
    if (!part) return strings;
    const reader = part.stream.getReader();
    const carry = new Carry();
    for (let last = false; !last;) {
      const { value, done } = await reader.read();
      if (cancelled()) { reader.cancel(); return strings; }
      last = done;
      for (const piece of done ? [END_PADDING] : pieces(value, split)) {
        carry.push(piece);
        carry.pos = strings.scan(carry.buf, carry.pos, carry.end);
      }
    }
    return strings;
  }

  // ---- the sheet: rows → TSV lines -------------------------------------------------------------
  const T_NUMBER = 0, T_SHARED = 1, T_INLINE = 2, T_TEXT = 3, T_BOOL = 4, T_ERROR = 5;
  const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17];
  const DAY_KEYS = new Float64Array(4096).fill(NaN), DAY_TEXT = new Uint8Array(4096 * 10);
  const DIGITS2 = Array.from({ length: 100 }, (_, n) => [48 + Math.floor(n / 10), 48 + (n % 10)]);

  class SheetScanner {
    constructor(strings, dates, date1904, textBytes) {
      this.strings = strings;
      this.dates = dates;
      this.date1904 = date1904;
      this.textBytes = textBytes;
      this.out = new Bytes(Math.min(textBytes, 1 << 22) + (1 << 16));
      this.nextRow = 1;
      this.lines = 0;         // lines so far, as the whole-sheet reading counted them
      this.blank = 0;         // empty lines not yet written: they go out before the next row
      this.width = 0;         // the widest row so far: shorter ones are padded (Excel leaves empty cells out)
      this.wrote = false;     // any line written yet
      // The rows in `out` and how many values each was written with, to pad them again when a
      // wider row comes before they are sent.
      this.rowEnds = new Int32Array(1 << 12);
      this.rowWidths = new Int32Array(1 << 12);
      this.rows = 0;
      this.narrowest = Infinity;
      this.vs = -1; this.ve = -1; this.isAt = -1; this.isLen = 0;  // cellBody()'s results
    }

    // The text of the lines so far (padded to the widest row so far); the output starts again.
    take() {
      const out = this.out;
      let bytes = out.buf.subarray(0, out.len);
      if (this.narrowest < this.width) bytes = this.repad(bytes);
      const s = outText.decode(bytes);
      out.len = 0;
      this.rows = 0;
      this.narrowest = Infinity;
      return s;
    }
    repad(bytes) {
      let extra = 0;
      for (let r = 0; r < this.rows; ++r) extra += this.width - this.rowWidths[r];
      const to = new Uint8Array(bytes.length + extra);
      let from = 0, p = 0;
      for (let r = 0; r < this.rows; ++r) {
        const e = this.rowEnds[r];
        to.set(bytes.subarray(from, e), p);
        p += e - from;
        for (let n = this.width - this.rowWidths[r]; n > 0; --n) to[p++] = TAB;
        from = e;
      }
      to.set(bytes.subarray(from), p);
      return to;
    }
    // The end of the sheet: a sheet without rows is one empty line.
    finish() {
      if (!this.wrote && this.out.len === 0) { this.out.buf[0] = NL; this.out.len = 1; this.wrote = true; }
    }

    // Scans rows from `at`; returns where it stopped: at a cut row (wait for more bytes) or
    // after the row that filled a message (this.out.len ≥ textBytes).
    scan(b, at, end) {
      let i = at;
      const out = this.out;
      for (;;) {
        if (out.len >= this.textBytes) return i;
        while (i < end && b[i] !== LT) ++i;
        if (i + 1 >= end) return i;
        const tag = i;
        if (b[i + 1] === SLASH) { i += 2; continue; }
        const k = readName(b, i + 1, end);
        if (k === NEED) return tag;
        if (!openIs(b, N_ROW)) { i = k; continue; }
        const next = this.row(b, k, end);
        if (next === NEED) return tag;
        i = next;
      }
    }

    // One <row> from after its name: its cells written to `out` (undone when the row is cut).
    // Returns the position after the row, or NEED.
    row(b, at, end) {
      let gt = at;
      while (gt < end && b[gt] !== GT) ++gt;
      if (gt >= end) return NEED;
      const out = this.out;
      const strings = this.strings;
      const start = out.len;
      const r = this.rowNumber(b, at, gt) || this.nextRow;
      let written = 0;   // values written (up to the last one with text)
      let nextCol = 0;   // the column after the last cell
      let i = gt + 1;
      if (b[gt - 1] !== SLASH) {
        for (;;) {
          while (i < end && b[i] !== LT) ++i;
          if (i + 8 >= end) { out.len = start; return NEED; }  // the fast checks below read ahead
          let k;
          const c1 = b[i + 1];
          if (c1 === 99 /* c */ && (SPACE[b[i + 2]] || b[i + 2] === GT || b[i + 2] === SLASH)) {
            k = i + 2;  // <c …>: the usual cell, without a prefix
          } else if (c1 === SLASH) {
            if (b[i + 2] === 114 && b[i + 3] === 111 && b[i + 4] === 119 && b[i + 5] === GT) { i += 6; break; }  // </row>
            const kc = readName(b, i + 2, end);
            if (kc === NEED) { out.len = start; return NEED; }
            if (b[kc] === GT && nameIs(b, tagName, tagNameLen, N_ROW)) { i = kc + 1; break; }
            i = kc;
            continue;
          } else {
            k = readName(b, i + 1, end);
            if (k === NEED) { out.len = start; return NEED; }
            if (!openIs(b, N_C)) { i = k; continue; }
          }
          // A cell: <c r="B2" s="3" t="s"><v>0</v></c>. r, s and t never hold entities. Its
          // attributes end at the first ">" (as the whole-sheet reading had it, quotes or not).
          let refAt = -1, refEnd = -1, style = 0, type = T_NUMBER, shared = -1;
          let cgt = k;
          for (;;) {
            let c = b[cgt];
            while (SPACE[c]) c = b[++cgt];
            if (c === GT || cgt >= end) break;
            // An attribute. Only r, s and t (not prefixed) are read.
            if ((c === 114 || c === 115 || c === 116) && (cgt === k || SPACE[b[cgt - 1]])) {
              let q = cgt + 1;
              while (SPACE[b[q]]) ++q;
              if (b[q] === EQUALS) {
                ++q;
                while (SPACE[b[q]]) ++q;
                if (b[q] === QUOTE) {
                  const vs = q + 1;
                  let ve = vs;
                  while (ve < end && b[ve] !== QUOTE && b[ve] !== GT) ++ve;
                  if (b[ve] === QUOTE) {
                    if (c === 114) { refAt = vs; refEnd = ve; }
                    else if (c === 116) type = cellType(b, vs, ve);
                    else style = styleIndex(b, vs, ve);
                    cgt = ve + 1;
                    continue;
                  }
                }
              }
            }
            // Any other: past its name and its quoted value.
            while (cgt < end && b[cgt] !== QUOTE && b[cgt] !== GT && !SPACE[b[cgt]]) ++cgt;
            if (b[cgt] === QUOTE) {
              ++cgt;
              while (cgt < end && b[cgt] !== QUOTE && b[cgt] !== GT) ++cgt;
              if (b[cgt] === QUOTE) ++cgt;
            }
          }
          if (cgt + 8 >= end) { out.len = start; return NEED; }
          // The value (<v>) and an inline string (<is>), up to </c>.
          let vs = -1, ve = -1, isAt = -1, isLen = 0;
          i = cgt + 1;
          if (b[cgt - 1] === SLASH) {
            // <c …/>: no value
          } else if (b[i] === LT && b[i + 1] === 118 /* v */ && b[i + 2] === GT) {
            // <v>…</v></c>: the usual body
            let e = i + 3, n = 0;
            if (type === T_SHARED) {
              // The string's index, read on the way
              for (let c = b[e]; c >= 48 && c <= 57 && e - i < 12; c = b[++e]) n = n * 10 + c - 48;
              if (b[e] === LT && e > i + 3) shared = n;
            }
            while (e < end && b[e] !== LT) ++e;
            if (e + 7 >= end) { out.len = start; return NEED; }
            if (b[e + 1] === SLASH && b[e + 2] === 118 && b[e + 3] === GT && b[e + 4] === LT && b[e + 5] === SLASH &&
                b[e + 6] === 99 && b[e + 7] === GT) {
              vs = i + 3; ve = e; i = e + 8;
            } else {
              i = this.cellBody(b, i, end, type);
              if (i === NEED) { out.len = start; return NEED; }
              vs = this.vs; ve = this.ve; isAt = this.isAt; isLen = this.isLen;
            }
          } else {
            i = this.cellBody(b, i, end, type);
            if (i === NEED) { out.len = start; return NEED; }
            vs = this.vs; ve = this.ve; isAt = this.isAt; isLen = this.isLen;
          }
          const col = refAt >= 0 && refEnd > refAt ? columnIndex(b, refAt, refEnd) : nextCol;
          if (col < nextCol || col > 16384) { if (isAt >= 0) out.len = isAt; continue; }
          nextCol = col + 1;
          // Where this value's text goes: after the tabs that separate it from the last value.
          const tabs = col - written + (written > 0 ? 1 : 0);
          if (isAt >= 0) {
            if (isLen === 0) { out.len = isAt; continue; }
            out.room(tabs);
            out.buf.copyWithin(isAt + tabs, isAt, isAt + isLen);
            for (let t = 0; t < tabs; ++t) out.buf[isAt + t] = TAB;
            out.len = isAt + tabs + isLen;
            written = col + 1;
            continue;
          }
          if (type === T_INLINE) continue;  // no <is>: an empty cell
          out.room(tabs + 64);
          const o = out.buf;
          let textAt = out.len;
          for (let t = 0; t < tabs; ++t) o[textAt + t] = TAB;
          out.len = textAt += tabs;
          if (shared >= 0) {
            if (shared < strings.count) {
              const from = strings.starts[shared], to = strings.starts[shared + 1];
              if (to - from > 64) out.room(to - from);
              const sb = strings.bytes.buf, ob = out.buf;
              let p = textAt;
              for (let j = from; j < to; ++j) ob[p++] = sb[j];
              out.len = p;
            }
          } else if (vs >= 0) this.value(b, vs, ve, type, style);
          else if (type === T_SHARED) this.value(b, 0, 0, type, style);  // no <v>: read as "", string 0
          if (out.len === textAt) out.len -= tabs;  // no text: an empty cell
          else written = col + 1;
        }
      } else {
        i = gt + 1;
      }
      // The row is complete: rows out of order are dropped (the first one is kept).
      let nextRow = this.nextRow;
      if (r < nextRow) { out.len = start; return i; }
      let fill = 0;
      let count = this.lines;
      while (nextRow < r && count < 2000000) { ++fill; ++count; ++nextRow; }  // empty rows keep their numbers
      this.nextRow = r + 1;
      this.lines = count + 1;
      if (written === 0) { out.len = start; this.blank += fill + 1; return i; }
      // Empty lines before this row go out first: move the row's text after them.
      const before = this.blank + fill;
      if (before > 0) {
        const len = out.len - start;
        out.room(before);
        out.buf.copyWithin(start + before, start, start + len);
        out.buf.fill(NL, start, start + before);
        out.len += before;
      }
      this.blank = 0;
      this.wrote = true;
      if (written > this.width) this.width = written;
      out.room(this.width - written + 1);
      const o = out.buf;
      let p = out.len;
      for (let t = written; t < this.width; ++t) o[p++] = TAB;
      if (this.rows === this.rowEnds.length) {
        const ends = new Int32Array(this.rows * 2), widths = new Int32Array(this.rows * 2);
        ends.set(this.rowEnds); widths.set(this.rowWidths);
        this.rowEnds = ends; this.rowWidths = widths;
      }
      this.rowEnds[this.rows] = p;
      this.rowWidths[this.rows++] = this.width;
      if (this.width < this.narrowest) this.narrowest = this.width;
      o[p++] = NL;
      out.len = p;
      return i;
    }

    // A cell's body from after <c …> to after </c>, any form: sets this.vs/ve (its first <v>,
    // -1 if none) and this.isAt/isLen (an inline string's text, written to `out`). Returns the
    // position after </c>, or NEED.
    cellBody(b, i, end, type) {
      const out = this.out;
      let vs = -1, ve = -1, isAt = -1, isLen = 0;
      for (;;) {
        while (i < end && b[i] !== LT) ++i;
        if (i + 1 >= end) return NEED;
        if (b[i + 1] === SLASH) {
          const kc = readName(b, i + 2, end);
          if (kc === NEED) return NEED;
          if (b[kc] === GT && tagNameLen === 1) {
            if (b[tagName] === 99) { i = kc + 1; break; }  // </c>
            if (b[tagName] === 118 && vs >= 0 && ve < 0) ve = i;  // </v>
          }
          i = kc;
          continue;
        }
        const ko = readName(b, i + 1, end);
        if (ko === NEED) return NEED;
        let ogt = ko;
        while (ogt < end && b[ogt] !== GT) ++ogt;
        if (ogt >= end) return NEED;
        if (vs < 0 && openIs(b, N_V)) {
          vs = ogt + 1;  // <v>
        } else if (type === T_INLINE && isAt < 0 && openIs(b, N_IS) && b[ogt - 1] !== SLASH) {
          // Written to `out` now; the row moves it into place.
          isAt = out.len;
          const close = appendItem(out, b, ogt + 1, end, N_IS);
          if (close === NEED) return NEED;
          isLen = out.len - isAt;
          ogt = close + 1;
          while (b[ogt] !== GT) ++ogt;
        }
        i = ogt + 1;
      }
      this.vs = ve < 0 ? -1 : vs;
      this.ve = ve;
      this.isAt = isAt;
      this.isLen = isLen;
      return i;
    }

    // The row's r="…" (any prefix), as a number; 0 when missing or not a number.
    rowNumber(b, at, gt) {
      for (let p = at; p < gt; ++p) {
        if (p > at && !SPACE[b[p - 1]]) continue;
        let q = p;
        while (q < gt && WORD[b[q]]) ++q;
        let name = p;
        if (b[q] === COLON && q > p) { name = q + 1; q = name; while (q < gt && WORD[b[q]]) ++q; }
        if (q - name !== 1 || b[name] !== 114) continue;
        while (q < gt && SPACE[b[q]]) ++q;
        if (b[q] !== EQUALS) continue;
        ++q;
        while (q < gt && SPACE[b[q]]) ++q;
        if (b[q] !== QUOTE) continue;
        const vs = q + 1;
        let ve = vs;
        while (ve < gt && b[ve] !== QUOTE) ++ve;
        if (ve >= gt) continue;
        let n = 0, j = vs;
        while (j < ve && b[j] >= 48 && b[j] <= 57 && j - vs < 15) n = n * 10 + b[j++] - 48;
        if (j === ve && ve > vs) return n;
        return Number(unescapeXml(text(b, vs, ve))) || 0;
      }
      return 0;
    }

    // A cell's value <v>b[vs..ve)</v> as its text, appended to `out`.
    value(b, vs, ve, type, style) {
      const out = this.out;
      if (type === T_SHARED) {
        let n = 0, j = vs;
        while (j < ve && b[j] >= 48 && b[j] <= 57 && j - vs < 15) n = n * 10 + b[j++] - 48;
        if (j !== ve) n = Number(unescapeXml(text(b, vs, ve)));  // "" is 0, as Number("") is
        const strings = this.strings;
        if (!(n >= 0 && n < strings.count && Number.isInteger(n))) return;
        const s = strings.starts[n], e = strings.starts[n + 1];
        appendBytes(out, strings.bytes.buf, s, e);
        return;
      }
      if (type === T_ERROR) return;  // #N/A, #DIV/0!: an empty cell, not a value
      if (ve === vs) return;
      if (type === T_NUMBER && this.dates[style] === 1) { this.date(b, vs, ve); return; }
      if (type === T_NUMBER && plainNumber(b, vs, ve)) { appendBytes(out, b, vs, ve); return; }
      if (type === T_BOOL && ve === vs + 1 && (b[vs] === 49 || b[vs] === 48)) {
        appendString(out, b[vs] === 49 ? 'TRUE' : 'FALSE');
        return;
      }
      if (type === T_TEXT && !needsText(b, vs, ve)) { appendBytes(out, b, vs, ve); return; }
      const raw = unescapeXml(text(b, vs, ve));
      let s = raw;
      if (type === T_BOOL) s = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
      else if (type === T_NUMBER && raw !== '') s = numberText(raw);
      appendString(out, tsvCell(s));
    }

    // A date cell: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", as serialToDate() writes it.
    date(b, vs, ve) {
      const out = this.out;
      let serial = decimal(b, vs, ve);
      let at = (serial + (this.date1904 ? 1462 : 0) - 25569) * 86400000;
      if (!decimalExact) {
        // Within a few units in the last place of Number()'s reading (decimal()): the same
        // millisecond unless it lies next to a half millisecond, or the serial next to 1.
        const margin = Math.abs(serial) * 4e-7 + Math.abs(at) * 1e-15 + 1e-6;
        const near = Math.abs(at - Math.floor(at) - 0.5) < margin || Math.abs(serial - 1) < 1e-9;
        if (near) {
          serial = Number(unescapeXml(text(b, vs, ve)));
          at = (serial + (this.date1904 ? 1462 : 0) - 25569) * 86400000;
        }
      }
      const ms = Math.round(at);
      if (!(Math.abs(ms) <= 8.64e15)) return;  // beyond what a Date holds: no text
      const days = Math.floor(ms / 86400000);
      const inDay = ms - days * 86400000;
      out.room(16);
      const o = out.buf;
      let p = out.len;
      // "YYYY-MM-DD" of the day, from a cache: a column of dates holds few distinct days.
      const slot = days & 4095;
      if (DAY_KEYS[slot] !== days) {
        // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
        const z = days + 719468;
        const era = Math.floor(z / 146097);
        const doe = z - era * 146097;
        const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
        const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
        const mp = Math.floor((5 * doy + 2) / 153);
        const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
        const month = mp < 10 ? mp + 3 : mp - 9;
        const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) { appendString(out, serialToDate(serial, this.date1904)); return; }
        const y = DIGITS2[Math.floor(year / 100)], yy = DIGITS2[year % 100], m = DIGITS2[month], d = DIGITS2[day];
        const c = slot * 10;
        DAY_TEXT[c] = y[0]; DAY_TEXT[c + 1] = y[1]; DAY_TEXT[c + 2] = yy[0]; DAY_TEXT[c + 3] = yy[1]; DAY_TEXT[c + 4] = 45;
        DAY_TEXT[c + 5] = m[0]; DAY_TEXT[c + 6] = m[1]; DAY_TEXT[c + 7] = 45; DAY_TEXT[c + 8] = d[0]; DAY_TEXT[c + 9] = d[1];
        DAY_KEYS[slot] = days;
      }
      for (let c = slot * 10, e = c + 10; c < e; ++c) o[p++] = DAY_TEXT[c];
      // In int32 (| 0 floors these non-negative values): % on doubles is a slow call.
      const minutes = ((inDay / 60000) | 0) + (((inDay / 1000) | 0) % 60 >= 30 ? 1 : 0);
      if (!((serial >= 1 && minutes === 0) || minutes >= 1440)) {
        const h = DIGITS2[(minutes / 60) | 0], mm = DIGITS2[minutes % 60];
        o[p] = 32; o[p + 1] = h[0]; o[p + 2] = h[1]; o[p + 3] = COLON; o[p + 4] = mm[0]; o[p + 5] = mm[1];
        p += 6;
      }
      out.len = p;
    }
  }
  const outText = new TextDecoder('utf-8', { ignoreBOM: true });  // a cell may start with U+FEFF

  function cellType(b, vs, ve) {
    const n = ve - vs, c = b[vs];
    if (n === 1) return c === 115 ? T_SHARED : c === 98 ? T_BOOL : c === 101 ? T_ERROR : c === 100 ? T_TEXT : T_NUMBER;
    if (n === 3 && c === 115 && b[vs + 1] === 116 && b[vs + 2] === 114) return T_TEXT;  // str
    if (n === 9 && c === 105 && text(b, vs, ve) === 'inlineStr') return T_INLINE;
    return T_NUMBER;  // "n" and anything unknown: read as a number
  }
  function styleIndex(b, vs, ve) {
    let n = 0, j = vs;
    while (j < ve && b[j] >= 48 && b[j] <= 57 && j - vs < 9) n = n * 10 + b[j++] - 48;
    if (j === ve) return n;
    return Number(text(b, vs, ve)) || 0;
  }
  function columnIndex(b, at, to) {
    let n = 0;
    for (let i = at; i < to; ++i) {
      const c = b[i];
      if (c < 65 || c > 90) break;
      n = n * 26 + (c - 64);
    }
    return n - 1;
  }
  // As numberText()'s first test: written the way Excel shows it already (at most 15 digits,
  // no exponent, no leading zero before a digit, no trailing zero after the point).
  function plainNumber(b, vs, ve) {
    const n = ve - vs;
    if (n > 17) return false;
    let j = vs;
    if (b[j] === 45) ++j;
    const intAt = j;
    while (j < ve && b[j] >= 48 && b[j] <= 57) ++j;
    if (j === intAt) return false;
    if (b[intAt] === 48 && j - intAt > 1) return false;
    let digits = j - intAt;
    if (j < ve) {
      if (b[j] !== 46) return false;
      const fracAt = ++j;
      while (j < ve && b[j] >= 48 && b[j] <= 57) ++j;
      if (j !== ve || j === fracAt || b[ve - 1] === 48) return false;
      digits += j - fracAt;
    }
    return digits <= 15;
  }
  // A <v> number as Number() reads it, when decimalExact is set after the call. Up to 15 digits
  // the digits and the power of ten are exact and the division rounds once, so the result is
  // Number()'s. With 16 or 17 (Excel and openpyxl write times so: "45317.271527777775") it is
  // within a few units in the last place of it; longer or other forms are read by Number().
  let decimalExact = true;
  function decimal(b, vs, ve) {
    let j = vs, neg = false;
    if (b[j] === 45) { neg = true; ++j; }
    // The digits as hi·10^n + lo, nine at a time in integers (a chain of float multiply-adds
    // is several times slower).
    let hi = 0, lo = 0, n = 0, digits = 0, frac = -1;
    for (; j < ve; ++j) {
      const c = b[j];
      if (c >= 48 && c <= 57) {
        if (n === 9) { hi = hi * 1e9 + lo; lo = 0; n = 0; }
        lo = (lo * 10 + (c - 48)) | 0;
        ++n;
        ++digits;
      } else if (c === 46 && frac < 0) {
        frac = digits;
      } else {
        break;
      }
    }
    if (j === ve && digits > 0 && digits <= 17) {
      decimalExact = digits <= 15;
      const m = hi * POW10[n] + lo;
      const x = frac < 0 ? m : m / POW10[digits - frac];
      return neg ? -x : x;
    }
    decimalExact = true;
    return Number(unescapeXml(text(b, vs, ve)));
  }

  // ---- the workbook ------------------------------------------------------------------------
  // Reads the first visible sheet of `blob`, calling post() with the messages above. `send`
  // (async) posts a 'text' message once the page may take it. Options (tests): textBytes, split.
  async function convert(blob, post, send, options, cancelled) {
    const split = options.split || 0;
    const parts = await readZip(blob);
    const workbook = await readPartText(blob, parts, 'xl/workbook.xml');
    if (!workbook) throw new Error('it is a zip file but not an Excel workbook (no xl/workbook.xml)');
    const sheets = [];
    const sheetRe = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
    for (let m; (m = sheetRe.exec(workbook));) {
      sheets.push({ name: attr(m[1], 'name') || 'Sheet', id: attr(m[1], 'id'), hidden: /hidden/i.test(attr(m[1], 'state') || '') });
    }
    const visible = sheets.find((s) => !s.hidden) || sheets[0];
    if (!visible) throw new Error('the workbook has no sheet');
    const rels = (await readPartText(blob, parts, 'xl/_rels/workbook.xml.rels')) || '';
    let path = null;
    const relRe = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;
    for (let m; (m = relRe.exec(rels));) {
      if (attr(m[1], 'Id') === visible.id) {
        const target = attr(m[1], 'Target') || '';
        path = target.startsWith('/') ? target.slice(1) : 'xl/' + target.replace(/^\.\//, '');
      }
    }
    const sheetPart = await openPart(blob, parts, path || 'xl/worksheets/sheet1.xml');
    if (!sheetPart) throw new Error('the sheet "' + visible.name + '" is missing from the workbook');
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904\s*=\s*"(1|true)"/.test(workbook);
    post({ type: 'sheet', sheet: visible.name, sheets: sheets.length });
    // Shared strings are needed whole before the first row.
    const strings = await readSharedStrings(blob, parts, split, cancelled);
    const dates = dateStyles(await readPartText(blob, parts, 'xl/styles.xml'));
    if (cancelled()) return;

    const scanner = new SheetScanner(strings, dates, date1904, options.textBytes || TEXT_BYTES);
    // Progress: the compressed bytes behind the inflated bytes scanned so far (the inflater takes
    // its input well ahead of the scan, and the browser's File hands it over in any size).
    const total = sheetPart.compressed;
    let scanned = 0;
    const progress = () => Math.min(total, Math.floor(total * (scanned / Math.max(1, sheetPart.size))));
    const reader = sheetPart.stream.getReader();
    const carry = new Carry();
    for (let last = false; !last;) {
      const { value, done } = await reader.read();
      if (cancelled()) { reader.cancel(); return; }
      last = done;
      if (!done) scanned += value.length;
      for (const piece of done ? [END_PADDING] : pieces(value, split)) {
        carry.push(piece);
        for (;;) {
          carry.pos = scanner.scan(carry.buf, carry.pos, carry.end);
          if (scanner.out.len < scanner.textBytes) break;
          await send({ type: 'text', text: scanner.take(), done: progress(), total });
          if (cancelled()) { reader.cancel(); return; }
        }
      }
    }
    // A row cut off at the end of the sheet is not a row (the whole-sheet reading skipped it too).
    // The last message says the whole part was read (its text may be empty, rarely).
    scanner.finish();
    await send({ type: 'text', text: scanner.take(), done: total, total });
    if (cancelled()) return;
    post({ type: 'end' });
  }

  // Runs convert() with the backpressure of the protocol: `onMessage` gets every message; more()
  // says one 'text' message was consumed; cancel() stops (no message after it).
  function stream(blob, onMessage, options = {}) {
    let unacked = 0, wake = null, stopped = false;
    const cancelled = () => stopped;
    const post = (m) => { if (!stopped) onMessage(m); };
    const send = async (m) => {
      while (unacked >= MAX_UNACKED && !stopped) await new Promise((resolve) => { wake = resolve; });
      if (stopped) return;
      ++unacked;
      onMessage(m);
    };
    const resume = () => { const w = wake; wake = null; if (w) w(); };
    convert(blob, post, send, options, cancelled).catch((err) => {
      post({ type: 'error', message: err && err.message ? err.message : String(err) });
      stopped = true;
    });
    return {
      more() { if (unacked > 0) --unacked; resume(); },
      cancel() { stopped = true; resume(); },
    };
  }

  // The workbook's first visible sheet as TSV text at once: {text, sheet, sheets}. One message
  // holds the whole text, so every row is padded to the widest row of the sheet.
  function toTsv(input) {
    const blob = input instanceof Blob ? input : new Blob([input]);
    return new Promise((resolve, reject) => {
      let sheet = null, sheets = 0;
      const texts = [];
      const run = stream(blob, (m) => {
        if (m.type === 'sheet') { sheet = m.sheet; sheets = m.sheets; }
        else if (m.type === 'text') { texts.push(m.text); run.more(); }
        else if (m.type === 'end') resolve({ text: texts.join(''), sheet, sheets });
        else if (m.type === 'error') reject(new Error(m.message));
      }, { textBytes: Infinity });
    });
  }

  const api = { isXlsx, toTsv, stream };
  if (typeof window !== 'undefined') {
    window.funnelplanXlsx = api;
  } else {
    // Loaded as a Worker (web/funnelplan.js does this, so a large sheet does not freeze the page).
    let run = null;
    self.onmessage = (e) => {
      const d = e.data;
      if (d instanceof ArrayBuffer) {
        // The page before streaming: bytes in, {ok, text, sheet, sheets} or {ok: false, message} out.
        toTsv(new Uint8Array(d)).then((r) => self.postMessage(Object.assign({ ok: true }, r)),
          (err) => self.postMessage({ ok: false, message: err && err.message ? err.message : String(err) }));
      } else if (d && d.blob) {
        if (run) run.cancel();
        run = stream(d.blob, (m) => self.postMessage(m));
      } else if (d && d.more && run) {
        run.more();
      }
    };
  }
})();
