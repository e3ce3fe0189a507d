'use strict';
// Reading uploaded CSV/JSONL files into rows and writing the scored CSV, in the browser: no library, no upload of
// the raw file. Rows are objects keyed by column name; every value is a string.
window.tweetoxFiles = (function () {
  // Column names a tweet's text commonly goes by, in order of preference (compared case-insensitively).
  const TEXT_COLUMNS = ['text', 'tweet', 'clean_text', 'tweet_text', 'content', 'message', 'body', 'sentence'];

  /** Splits CSV text into records of fields (RFC 4180: quoted fields may hold the delimiter, "" and newlines). */
  function csvRecords(text, delimiter) {
    const records = [];
    let record = [];
    let field = '';
    let quoted = false;
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false;
        } else {
          field += c;
        }
        i++;
        continue;
      }
      if (c === '"' && field === '') {
        quoted = true;
      } else if (c === delimiter) {
        record.push(field); field = '';
      } else if (c === '\n' || c === '\r') {
        record.push(field); field = '';
        records.push(record); record = [];
        if (c === '\r' && text[i + 1] === '\n') i++;
      } else {
        field += c;
      }
      i++;
    }
    if (quoted) throw new Error('the file ends inside a quoted field (a " is never closed)');
    if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
    return records.filter((r) => !(r.length === 1 && r[0] === ''));
  }

  /** The delimiter the header line uses most: comma, semicolon or tab. */
  function sniffDelimiter(text) {
    const end = text.search(/\r|\n/);
    const header = end < 0 ? text : text.slice(0, end);
    let best = ',';
    let bestCount = 0;
    for (const d of [',', ';', '\t']) {
      const n = header.split(d).length - 1;
      if (n > bestCount) { best = d; bestCount = n; }
    }
    return best;
  }

  function parseCsv(text) {
    const records = csvRecords(text, sniffDelimiter(text));
    if (records.length === 0) throw new Error('the file is empty; it needs a header row and one row per tweet');
    const header = records[0].map((h, i) => h.trim() || ('column_' + (i + 1)));
    const seen = new Set();
    header.forEach((h) => {
      if (seen.has(h)) throw new Error('the header names column "' + h + '" twice; rename one of them');
      seen.add(h);
    });
    const rows = records.slice(1).map((r, n) => {
      if (r.length > header.length) {
        throw new Error('row ' + (n + 2) + ' has ' + r.length + ' fields but the header has ' + header.length
          + '; quote fields that contain the delimiter');
      }
      const row = {};
      header.forEach((h, k) => { row[h] = k < r.length ? r[k] : ''; });
      return row;
    });
    return { columns: header, rows: rows };
  }

  function parseJsonl(text) {
    const columns = [];
    const known = new Set();
    const rows = [];
    text.split(/\r?\n/).forEach((line, n) => {
      if (line.trim() === '') return;
      let obj;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        throw new Error('line ' + (n + 1) + ' is not JSON (' + e.message + ')');
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new Error('line ' + (n + 1) + ' is not a JSON object; each line needs {"text": "..."}');
      }
      const row = {};
      for (const [k, v] of Object.entries(obj)) {
        if (!known.has(k)) { known.add(k); columns.push(k); }
        row[k] = v === null || v === undefined ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
      rows.push(row);
    });
    if (rows.length === 0) throw new Error('the file has no JSON lines; write one {"text": "..."} per line');
    columns.forEach((c) => rows.forEach((r) => { if (!(c in r)) r[c] = ''; }));
    return { columns: columns, rows: rows };
  }

  /** Parses by file name: .jsonl/.ndjson/.json as JSON lines, anything else as CSV. */
  function parse(name, text) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return /\.(jsonl|ndjson|json)$/i.test(name) ? parseJsonl(body) : parseCsv(body);
  }

  /** The column most likely to hold the tweet: a known name, else the first column. */
  function guessTextColumn(columns) {
    for (const want of TEXT_COLUMNS) {
      const hit = columns.find((c) => c.trim().toLowerCase() === want);
      if (hit !== undefined) return hit;
    }
    return columns[0];
  }

  /**
   * One CSV field. A text a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
   * return, and is not a plain number such as the label -1) gets a leading apostrophe, as OWASP advises against CSV
   * injection: a downloaded tweet like "=HYPERLINK(...)" stays text when the file is opened in Excel or Sheets.
   */
  function csvField(value) {
    let s = value === undefined || value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** A CSV document (header first, CRLF line ends as RFC 4180 asks) from column names and row objects. */
  function toCsv(columns, rows) {
    const lines = [columns.map(csvField).join(',')];
    for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
    return lines.join('\r\n') + '\r\n';
  }

  return { parse: parse, parseCsv: parseCsv, parseJsonl: parseJsonl, guessTextColumn: guessTextColumn, toCsv: toCsv };
})();
