'use strict';
// The tweetox page: plain DOM code, no libraries, talking to /v1/model, /v1/predict and (when the server has it)
// /v1/explain. Parts the server does not offer (flagging, calibration, explanations) stay hidden.
(function () {
  const $ = (id) => document.getElementById(id);
  const F = window.tweetoxFiles;
  const B = window.tweetoxBatch;
  const W = window.tweetoxWords;
  const T = window.tweetoxTable;
  const DEFAULT_LIMITS = { max_batch: 32, max_body_bytes: 256 * 1024, max_text_chars: 10000, queue_capacity: 64 };

  let labels = [];
  let limits = DEFAULT_LIMITS;
  let decision = null; // {flag_class, threshold} when the server flags
  let canExplain = false;
  let dataset = null; // {name, columns, rows} of the chosen file
  let scored = null; // the last batch: {name, columns, rows, textColumn, results, errors, complete}
  let running = null; // AbortController of the batch in progress

  function showError(message) {
    const e = $('error');
    e.textContent = message;
    e.hidden = !message;
  }

  function pct(p) {
    return (100 * p).toFixed(1) + '%';
  }

  function decisionText(d) {
    return 'flagged when P(' + d.flag_class + ') \u2265 ' + d.threshold.toFixed(2);
  }

  function noteDecision(body) {
    if (body && body.decision && typeof body.decision.threshold === 'number') decision = body.decision;
  }

  // ---- model card ------------------------------------------------------------------------------------------------

  function fact(dl, term, value) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.fact = term;
    dl.append(dt, dd);
  }

  function renderCard(m) {
    const card = m.card;
    const dl = $('card-facts');
    dl.replaceChildren();
    if (card) {
      fact(dl, 'model', card.model_kind + (card.model_name ? ' \u2014 ' + card.model_name : '') + ', ' + m.precision);
      if (card.dataset) {
        fact(dl, 'data', card.dataset + (card.data_source && card.data_source !== 'bundled:' + card.dataset
          && card.data_source !== card.dataset ? ' (' + card.data_source + ')' : ''));
      }
      fact(dl, 'labels', card.labels.join(', '));
    }
    const cal = m.calibration;
    if (cal && cal.method === 'none') fact(dl, 'probabilities', 'the model\u2019s own (not calibrated)');
    else if (cal && cal.method) {
      fact(dl, 'probabilities', 'calibrated on validation (' + cal.method
        + (typeof cal.temperature === 'number' ? ', T = ' + cal.temperature.toFixed(2) : '') + ')');
    }
    if (decision) fact(dl, 'flag rule', decisionText(decision));
    const body = $('card-metrics-body');
    body.replaceChildren();
    const metrics = (card && card.metrics) || {};
    for (const split of ['val', 'test']) {
      const row = metrics[split];
      if (!row) continue;
      const tr = document.createElement('tr');
      tr.dataset.split = split;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = split;
      tr.append(th);
      for (const key of ['macro_f1', 'accuracy']) {
        const td = document.createElement('td');
        td.className = 'num';
        td.dataset.metric = key;
        td.textContent = typeof row[key] === 'number' ? row[key].toFixed(3) : '\u2013';
        tr.append(td);
      }
      body.append(tr);
    }
    $('card-metrics').hidden = body.children.length === 0;
    $('card').hidden = dl.children.length === 0 && body.children.length === 0;
  }

  async function loadModel() {
    try {
      const res = await fetch('/v1/model');
      const m = await res.json();
      labels = m.labels.map((l) => l.name);
      limits = Object.assign({}, DEFAULT_LIMITS, m.limits || {});
      noteDecision(m);
      let line = 'Model: ' + m.kind + ' (' + m.precision + '), labels: ' + labels.join(', ');
      const f1 = m.metrics && m.metrics.test && m.metrics.test.macro_f1;
      if (typeof f1 === 'number') line += ', test macro-F1 ' + f1.toFixed(3);
      $('model-line').textContent = line;
      renderCard(m);
    } catch (e) {
      showError('Cannot reach the model: ' + e.message);
    }
    await probeExplain();
  }

  /** An empty request costs the server nothing: 422 means /v1/explain exists, 404/405 an older server. */
  async function probeExplain() {
    try {
      const res = await fetch('/v1/explain', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"texts": []}'
      });
      canExplain = res.status !== 404 && res.status !== 405;
    } catch (e) {
      canExplain = false;
    }
    $('legend').hidden = !canExplain;
    document.body.dataset.explain = String(canExplain);
  }

  async function explain(text) {
    const body = await B.postWithRetry('/v1/explain', { texts: [text] });
    return body.explanations[0];
  }

  // ---- one tweet -------------------------------------------------------------------------------------------------

  function renderFlag(el, flagged) {
    el.hidden = typeof flagged !== 'boolean';
    el.classList.toggle('on', flagged === true);
    el.textContent = flagged ? '\u2691 flagged' : 'not flagged';
    if (decision) el.title = decisionText(decision);
  }

  function renderSingle(pred) {
    $('single-label').textContent = pred.label;
    $('single-confidence').textContent = '(' + pct(pred.confidence) + ')';
    renderFlag($('single-flag'), pred.flagged);
    const bars = $('single-bars');
    bars.replaceChildren();
    for (const name of Object.keys(pred.probabilities)) {
      const p = pred.probabilities[name];
      const row = document.createElement('div');
      row.className = 'bar-row' + (name === pred.label ? ' top' : '');
      row.dataset.label = name;
      const n = document.createElement('span');
      n.textContent = name;
      const track = document.createElement('div');
      track.className = 'bar-track';
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      fill.style.width = pct(p);
      track.appendChild(fill);
      const v = document.createElement('span');
      v.className = 'prob';
      v.textContent = pct(p);
      row.append(n, track, v);
      bars.appendChild(row);
    }
    $('single-explain').hidden = true;
    $('single-result').hidden = false;
  }

  async function onSingle(event) {
    event.preventDefault();
    showError('');
    const text = $('single-text').value;
    if (!text.trim()) { showError('Type a tweet first.'); return; }
    try {
      const body = await B.postJson('/v1/predict', { texts: [text] });
      noteDecision(body);
      renderSingle(body.predictions[0]);
    } catch (e) {
      showError(e.message);
      return;
    }
    if (!canExplain) return;
    try {
      const x = await explain(text);
      W.highlight($('single-words'), text, x.words, x.label);
      $('single-top').textContent = W.summary(x.words, x.label);
      $('single-explain').hidden = false;
    } catch (e) {
      showError('Explanation failed: ' + e.message);
    }
  }

  // ---- many tweets -----------------------------------------------------------------------------------------------

  async function onFileChosen() {
    showError('');
    dataset = null;
    $('file-go').disabled = true;
    $('column-pick').hidden = true;
    const file = $('file-input').files[0];
    if (!file) { $('file-info').hidden = true; return; }
    try {
      const parsed = F.parse(file.name, await file.text());
      dataset = { name: file.name, columns: parsed.columns, rows: parsed.rows };
    } catch (e) {
      $('file-info').hidden = true;
      showError(file.name + ': ' + e.message);
      return;
    }
    const select = $('text-column');
    select.replaceChildren();
    for (const c of dataset.columns) {
      const o = document.createElement('option');
      o.value = c;
      o.textContent = c;
      select.append(o);
    }
    select.value = F.guessTextColumn(dataset.columns);
    $('column-pick').hidden = false;
    $('file-info').textContent = file.name + ': ' + dataset.rows.length + ' rows, columns '
      + dataset.columns.join(', ');
    $('file-info').hidden = false;
    $('file-go').disabled = false;
  }

  function onFileGo(event) {
    event.preventDefault();
    if (!dataset) { showError('Choose a file first.'); return; }
    runBatch(Object.assign({ textColumn: $('text-column').value }, dataset));
  }

  function onPasteGo(event) {
    event.preventDefault();
    const lines = $('batch-text').value.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) { showError('Paste at least one line.'); return; }
    runBatch({ name: 'pasted.csv', columns: ['text'], rows: lines.map((t) => ({ text: t })), textColumn: 'text' });
  }

  function formatSeconds(s) {
    if (!Number.isFinite(s)) return '';
    if (s < 60) return Math.ceil(s) + ' s';
    return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
  }

  function setBusy(busy) {
    $('progress-box').hidden = !busy;
    for (const id of ['file-go', 'batch-go']) $(id).disabled = busy || (id === 'file-go' && !dataset);
  }

  async function runBatch(ds) {
    showError('');
    if (running) return;
    const results = new Array(ds.rows.length);
    const errors = new Array(ds.rows.length);
    const items = [];
    ds.rows.forEach((r, i) => {
      const text = r[ds.textColumn] || '';
      if (text.trim() === '') errors[i] = 'empty text';
      else if (text.length > limits.max_text_chars) errors[i] = 'longer than ' + limits.max_text_chars + ' characters';
      else items.push({ index: i, text: text });
    });
    scored = Object.assign({ results: results, errors: errors, complete: false }, ds);
    $('batch-result').hidden = true;
    const bar = $('progress');
    bar.max = Math.max(1, items.length);
    bar.value = 0;
    const started = performance.now();
    const status = $('progress-text');
    status.textContent = 'Scoring ' + items.length + ' tweets\u2026';
    running = new AbortController();
    setBusy(true);
    const batch = Math.max(1, Math.min(limits.max_batch, 64));
    try {
      await B.score(items, {
        maxBatch: batch,
        maxBodyBytes: limits.max_body_bytes,
        concurrency: Math.max(1, Math.min(3, Math.floor(limits.queue_capacity / batch))),
        signal: running.signal,
        onChunk: (chunk, body) => {
          noteDecision(body);
          chunk.forEach((item, k) => { results[item.index] = body.predictions[k]; });
        },
        onProgress: (done) => {
          bar.value = done;
          const elapsed = (performance.now() - started) / 1000;
          const left = done < items.length ? ', about ' + formatSeconds(elapsed / done * (items.length - done))
            + ' left' : '';
          status.textContent = 'Scored ' + done + ' of ' + items.length + ' tweets' + left;
        }
      });
      scored.complete = true;
      status.textContent = 'Done: scored ' + items.length + ' tweets in '
        + formatSeconds((performance.now() - started) / 1000) + '.';
    } catch (e) {
      running.abort();
      const n = results.filter((r) => r).length;
      if (e.name === 'AbortError') status.textContent = 'Cancelled after ' + n + ' of ' + items.length + ' tweets.';
      else { status.textContent = 'Stopped after ' + n + ' of ' + items.length + ' tweets.'; showError(e.message); }
    } finally {
      running = null;
      setBusy(false);
    }
    renderTable();
  }

  function renderTable() {
    const s = scored;
    T.render($('batch-head'), $('batch-body'), s, { labels: labels, canExplain: canExplain, explain: explain });
    $('batch-summary').textContent = T.summary(s, decision ? decisionText(decision) : '');
    const shown = Math.min(T.PREVIEW_ROWS, s.rows.length);
    $('batch-caption').textContent = shown < s.rows.length ? 'The first ' + shown + ' rows; the download has all '
      + s.rows.length + '.' : 'All ' + s.rows.length + ' rows.';
    $('download').textContent = s.complete ? 'Download scored CSV' : 'Download partial CSV';
    $('batch-result').hidden = false;
  }

  function onDownload() {
    if (scored) T.download(scored, labels);
  }

  // ---- wiring ----------------------------------------------------------------------------------------------------

  $('single-form').addEventListener('submit', onSingle);
  $('single-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('single-form').requestSubmit();
    }
  });
  $('batch-form').addEventListener('submit', onPasteGo);
  $('batch-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('batch-form').requestSubmit(); }
  });
  $('file-input').addEventListener('change', onFileChosen);
  $('file-form').addEventListener('submit', onFileGo);
  $('cancel').addEventListener('click', () => { if (running) running.abort(); });
  $('download').addEventListener('click', onDownload);
  loadModel();
})();
