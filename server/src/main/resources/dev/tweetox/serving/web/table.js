'use strict';
// A scored batch as a preview table and as the downloadable CSV. A batch is {name, columns, rows, textColumn,
// results, errors, complete}: results[i] is row i's prediction from /v1/predict (undefined if not scored), errors[i]
// why it was not sent.
window.tweetoxTable = (function () {
  const PREVIEW_ROWS = 100;
  const W = window.tweetoxWords;
  const F = window.tweetoxFiles;

  function pct(p) {
    return (100 * p).toFixed(1) + '%';
  }

  /** Whether the server flags: its predictions carry a boolean "flagged" (an older server's do not). */
  function hasFlags(s) {
    return s.results.some((r) => r && typeof r.flagged === 'boolean');
  }

  /** A button that opens (or closes) a row below `tr` with the text's words highlighted. */
  function explainButton(tr, text, colspan, explain) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'explain';
    b.textContent = 'Explain';
    b.setAttribute('aria-expanded', 'false');
    b.addEventListener('click', async () => {
      const open = tr.nextElementSibling && tr.nextElementSibling.classList.contains('explain-row');
      if (open) {
        tr.nextElementSibling.remove();
        b.setAttribute('aria-expanded', 'false');
        return;
      }
      const row = document.createElement('tr');
      row.className = 'explain-row';
      const td = document.createElement('td');
      td.colSpan = colspan;
      td.setAttribute('aria-live', 'polite');
      td.textContent = 'Explaining\u2026';
      row.append(td);
      tr.after(row);
      b.setAttribute('aria-expanded', 'true');
      try {
        const x = await explain(text);
        const words = document.createElement('p');
        words.className = 'words';
        W.highlight(words, text, x.words, x.label);
        const top = document.createElement('p');
        top.className = 'muted';
        top.textContent = W.summary(x.words, x.label);
        td.replaceChildren(words, top);
      } catch (e) {
        td.textContent = 'Explanation failed: ' + e.message;
      }
    });
    return b;
  }

  /** Fills the table's header row and body with the first PREVIEW_ROWS rows. */
  function render(head, body, s, ctx) {
    const flags = hasFlags(s);
    const cols = ['#', 'text', 'label'].concat(ctx.labels, flags ? ['flagged'] : [], ctx.canExplain ? [''] : []);
    head.replaceChildren();
    for (const h of cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    }
    body.replaceChildren();
    for (let i = 0; i < Math.min(PREVIEW_ROWS, s.rows.length); i++) {
      const p = s.results[i];
      const text = s.rows[i][s.textColumn] || '';
      const tr = document.createElement('tr');
      const cells = [String(i + 1), text, p ? p.label : (s.errors[i] || 'not scored')]
        .concat(ctx.labels.map((l) => (p ? pct(p.probabilities[l]) : '')));
      cells.forEach((c, k) => {
        const td = document.createElement('td');
        td.textContent = c;
        if (k === 0 || k > 2) td.className = 'num';
        if (k === 1) td.className = 'text';
        tr.appendChild(td);
      });
      if (flags) {
        const td = document.createElement('td');
        td.className = 'flag-cell';
        if (p && p.flagged) { td.textContent = '\u2691 flagged'; tr.classList.add('flagged'); }
        tr.appendChild(td);
      }
      if (ctx.canExplain) {
        const td = document.createElement('td');
        if (p) td.append(explainButton(tr, text, cols.length, ctx.explain));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  /** "4 of 5 rows scored; 1 flagged (rule)." */
  function summary(s, rule) {
    const scored = s.results.filter((r) => r).length;
    let out = scored + ' of ' + s.rows.length + ' rows scored';
    if (hasFlags(s)) out += '; ' + s.results.filter((r) => r && r.flagged).length + ' flagged (' + rule + ')';
    return out + '.';
  }

  /** A column name not already in the file: the plain name, else prefixed with tweetox_. */
  function fresh(name, taken) {
    return taken.has(name) ? 'tweetox_' + name : name;
  }

  /** The batch as CSV: every original column, then label, confidence, p_<class>..., flagged?, error?. */
  function toCsv(s, labels) {
    const taken = new Set(s.columns);
    const labelCol = fresh('label', taken);
    const confCol = fresh('confidence', taken);
    const probCols = labels.map((l) => fresh('p_' + l, taken));
    const flags = hasFlags(s);
    const flagCol = fresh('flagged', taken);
    const errors = s.errors.some((e) => e) || !s.complete;
    const errorCol = fresh('error', taken);
    const columns = s.columns.concat([labelCol, confCol], probCols, flags ? [flagCol] : [], errors ? [errorCol] : []);
    const rows = s.rows.map((r, i) => {
      const p = s.results[i];
      const out = Object.assign({}, r);
      out[labelCol] = p ? p.label : '';
      out[confCol] = p ? p.confidence.toFixed(6) : '';
      labels.forEach((l, k) => { out[probCols[k]] = p ? p.probabilities[l].toFixed(6) : ''; });
      if (flags) out[flagCol] = p && typeof p.flagged === 'boolean' ? String(p.flagged) : '';
      if (errors) out[errorCol] = s.errors[i] || (p ? '' : 'not scored');
      return out;
    });
    return F.toCsv(columns, rows);
  }

  /** Saves the batch as <name>.scored.csv through a Blob URL; nothing goes back to the server. */
  function download(s, labels) {
    const blob = new Blob([toCsv(s, labels)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = s.name.replace(/\.[^.]*$/, '') + '.scored.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  return { PREVIEW_ROWS: PREVIEW_ROWS, render: render, summary: summary, toCsv: toCsv, download: download };
})();
