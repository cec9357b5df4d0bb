// Excel workbooks (.xlsx) → tab-separated text for the importer, in the browser, with no
// library: the zip is read here and inflated by the browser's DecompressionStream, and the
// first visible sheet is scanned as text (in a Worker when the page imports a file). Dates (cells with a date number format) become
// "2024-03-05" or "2024-03-05 14:30"; numbers are written in full, booleans as TRUE/FALSE.
// Sheet rows keep their numbers (empty rows become empty lines), so the importer's warnings
// name the same rows as Excel. docs/import.md, "Excel workbooks".
(function () {
  'use strict';

  const MAX_PART_BYTES = 1536 * 1024 * 1024;  // a sheet's XML beyond this cannot be imported

  function isXlsx(bytes) {
    // A zip file ("PK\3\4") with a workbook part; .xlsx, .xlsm and Google Sheets downloads.
    return bytes.length > 30 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  }

  // ---- zip: the central directory names each part and where its data starts ------------------
  function readZip(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); --i) {
      if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error('the file is not a complete workbook (its zip directory is missing; was the download cut short?)');
    const count = view.getUint16(eocd + 10, true);
    let p = view.getUint32(eocd + 16, true);
    const parts = new Map();
    const decoder = new TextDecoder('utf-8');
    for (let n = 0; n < count; ++n) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new Error('its zip directory is damaged');
      const method = view.getUint16(p + 10, true);
      const compressed = view.getUint32(p + 20, true);
      const size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const local = view.getUint32(p + 42, true);
      const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      parts.set(name.replace(/^\//, ''), { method, compressed, size, local });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return parts;
  }

  async function readPart(bytes, parts, name) {
    const entry = parts.get(name);
    if (!entry) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = entry.local;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new Error('part ' + name + ' is damaged');
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressed);
    if (entry.size > MAX_PART_BYTES) throw new Error('the sheet is too large to import here; save it as CSV');
    let raw;
    if (entry.method === 0) raw = data;
    else if (entry.method === 8) {
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      raw = new Uint8Array(await new Response(stream).arrayBuffer());
    } else {
      throw new Error('part ' + name + ' uses a compression this app does not read (method ' + entry.method + ')');
    }
    return new TextDecoder('utf-8').decode(raw);
  }

  // ---- XML text, scanned (a DOM of a large sheet would not fit in memory) -----------------
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

  function sharedStrings(xml) {
    const list = [];
    if (!xml) return list;
    const si = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
    for (let m; (m = si.exec(xml));) list.push(m[1] ? itemText(m[1]) : '');
    return list;
  }

  // Built-in date/time formats (ECMA-376 18.8.30) and the CJK ones Excel also uses.
  const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
                                   45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
  function isDateCode(code) {
    const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
    return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
  }
  // Per cell style index: does its number format show a date?
  function dateStyles(xml) {
    const out = [];
    if (!xml) return out;
    const custom = new Map();
    const fmt = /<(?:\w+:)?numFmt\b([^>]*?)\/?>/g;
    for (let m; (m = fmt.exec(xml));) custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') || '');
    const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
    if (!xfs) return out;
    const xf = /<(?:\w+:)?xf\b([^>]*?)\/?>/g;
    for (let m; (m = xf.exec(xfs[1]));) {
      const id = Number(attr(m[1], 'numFmtId') || 0);
      out.push(custom.has(id) ? isDateCode(custom.get(id)) : DATE_FORMAT_IDS.has(id));
    }
    return out;
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
  function columnIndex(ref) {
    let n = 0;
    for (let i = 0; i < ref.length; ++i) {
      const c = ref.charCodeAt(i);
      if (c < 65 || c > 90) break;
      n = n * 26 + (c - 64);
    }
    return n - 1;
  }
  function tsvCell(s) {
    return /[\t\n\r"]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function sheetToTsv(xml, strings, dates, date1904) {
    const lines = [];  // arrays of cells; '' for an empty row
    let nextRow = 1;
    let width = 0;     // the widest row: shorter ones are padded (Excel leaves empty cells out)
    const rowRe = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
    const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
    const valueRe = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/;
    const inlineRe = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
    const cellAttrRe = /(?:^|\s)([rst])\s*=\s*"([^"]*)"/g;
    for (let row; (row = rowRe.exec(xml));) {
      const r = Number(attr(row[1], 'r')) || nextRow;
      if (r < nextRow) continue;  // rows out of order: keep the first
      while (nextRow < r && lines.length < 2000000) { lines.push(''); ++nextRow; }  // empty rows keep their numbers
      nextRow = r + 1;
      const cells = [];
      let nextCol = 0;
      const body = row[2] || '';
      cellRe.lastIndex = 0;
      for (let c; (c = cellRe.exec(body));) {
        // r, s and t never hold entities: read them without the general attr()
        let ref = null, type = 'n', style = 0;
        cellAttrRe.lastIndex = 0;
        for (let a; (a = cellAttrRe.exec(c[1]));) {
          if (a[1] === 'r') ref = a[2];
          else if (a[1] === 't') type = a[2];
          else style = Number(a[2]) || 0;
        }
        const col = ref ? columnIndex(ref) : nextCol;
        if (col < nextCol || col > 16384) continue;
        while (cells.length < col) cells.push('');
        nextCol = col + 1;
        const inner = c[2] || '';
        const v = valueRe.exec(inner);
        const raw = v ? unescapeXml(v[1]) : '';
        let text = '';
        if (type === 's') text = strings[Number(raw)] ?? '';
        else if (type === 'inlineStr') { const is = inlineRe.exec(inner); text = is ? itemText(is[1]) : ''; }
        else if (type === 'str' || type === 'd') text = raw;
        else if (type === 'b') text = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
        else if (type === 'e') text = '';  // #N/A, #DIV/0!: an empty cell, not a value
        else if (raw !== '') {
          text = dates[style] ? serialToDate(Number(raw), date1904) : numberText(raw);
        }
        cells.push(tsvCell(text));
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      width = Math.max(width, cells.length);
      lines.push(cells.length ? cells : '');  // an empty row stays an empty line
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.map((cells) => {
      if (cells === '') return '';
      while (cells.length < width) cells.push('');
      return cells.join('\t');
    }).join('\n') + '\n';
  }

  // The workbook's first visible sheet as TSV text: {text, sheet, sheets}.
  async function toTsv(bytes) {
    const parts = readZip(bytes);
    const workbook = await readPart(bytes, parts, 'xl/workbook.xml');
    if (!workbook) throw new Error('it is a zip file but not an Excel workbook (no xl/workbook.xml)');
    const sheets = [];
    const sheetRe = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
    for (let m; (m = sheetRe.exec(workbook));) {
      sheets.push({ name: attr(m[1], 'name') || 'Sheet', id: attr(m[1], 'id'), hidden: /hidden/i.test(attr(m[1], 'state') || '') });
    }
    const visible = sheets.find((s) => !s.hidden) || sheets[0];
    if (!visible) throw new Error('the workbook has no sheet');
    const rels = (await readPart(bytes, parts, 'xl/_rels/workbook.xml.rels')) || '';
    let path = null;
    const relRe = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;
    for (let m; (m = relRe.exec(rels));) {
      if (attr(m[1], 'Id') === visible.id) {
        const target = attr(m[1], 'Target') || '';
        path = target.startsWith('/') ? target.slice(1) : 'xl/' + target.replace(/^\.\//, '');
      }
    }
    const sheetXml = await readPart(bytes, parts, path || 'xl/worksheets/sheet1.xml');
    if (sheetXml == null) throw new Error('the sheet "' + visible.name + '" is missing from the workbook');
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904\s*=\s*"(1|true)"/.test(workbook);
    const strings = sharedStrings(await readPart(bytes, parts, 'xl/sharedStrings.xml'));
    const dates = dateStyles(await readPart(bytes, parts, 'xl/styles.xml'));
    return { text: sheetToTsv(sheetXml, strings, dates, date1904), sheet: visible.name, sheets: sheets.length };
  }

  const api = { isXlsx, toTsv };
  if (typeof window !== 'undefined') {
    window.funnelplanXlsx = api;
  } else {
    // Loaded as a Worker (web/funnelplan.js does this, so a large sheet does not freeze the
    // page): bytes in, {ok, text, sheet, sheets} or {ok: false, message} out.
    self.onmessage = async (e) => {
      try {
        self.postMessage(Object.assign({ ok: true }, await toTsv(new Uint8Array(e.data))));
      } catch (err) {
        self.postMessage({ ok: false, message: err && err.message ? err.message : String(err) });
      }
    };
  }
})();
