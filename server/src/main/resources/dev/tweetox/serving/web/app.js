'use strict';
// The tweetox page: plain DOM code, no libraries, talking to /v1/model and /v1/predict.
(function () {
  const $ = (id) => document.getElementById(id);
  let labels = [];
  let maxBatch = 64;

  function showError(message) {
    const e = $('error');
    e.textContent = message;
    e.hidden = !message;
  }

  async function predict(texts) {
    const res = await fetch('/v1/predict', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ texts: texts })
    });
    const body = await res.json().catch(() => ({ message: 'HTTP ' + res.status }));
    if (!res.ok) {
      throw new Error(body.message || ('HTTP ' + res.status));
    }
    return body.predictions;
  }

  function pct(p) {
    return (100 * p).toFixed(1) + '%';
  }

  function renderSingle(pred) {
    $('single-label').textContent = pred.label;
    $('single-confidence').textContent = '(' + pct(pred.confidence) + ')';
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
    $('single-result').hidden = false;
  }

  function renderTable(texts, preds) {
    const head = $('batch-head');
    head.replaceChildren();
    for (const h of ['#', 'text', 'label'].concat(labels)) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    const body = $('batch-body');
    body.replaceChildren();
    preds.forEach((p, i) => {
      const tr = document.createElement('tr');
      const cells = [String(i + 1), texts[i], p.label].concat(labels.map((l) => pct(p.probabilities[l])));
      cells.forEach((c, k) => {
        const td = document.createElement('td');
        td.textContent = c;
        if (k === 0 || k > 2) td.className = 'num';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $('batch-table').hidden = false;
  }

  async function onSingle() {
    showError('');
    const text = $('single-text').value;
    if (!text.trim()) { showError('Type a tweet first.'); return; }
    try {
      renderSingle((await predict([text]))[0]);
    } catch (e) {
      showError(e.message);
    }
  }

  async function onBatch() {
    showError('');
    const texts = $('batch-text').value.split('\n').filter((l) => l.trim() !== '');
    if (texts.length === 0) { showError('Paste at least one line.'); return; }
    try {
      const preds = [];
      for (let i = 0; i < texts.length; i += maxBatch) {
        preds.push(...await predict(texts.slice(i, i + maxBatch)));
      }
      renderTable(texts, preds);
    } catch (e) {
      showError(e.message);
    }
  }

  async function loadModel() {
    try {
      const res = await fetch('/v1/model');
      const m = await res.json();
      labels = m.labels.map((l) => l.name);
      maxBatch = m.limits.max_batch;
      let line = 'Model: ' + m.kind + ' (' + m.precision + '), labels: ' + labels.join(', ');
      const f1 = m.metrics && m.metrics.test && m.metrics.test.macro_f1;
      if (typeof f1 === 'number') line += ', test macro-F1 ' + f1.toFixed(3);
      $('model-line').textContent = line;
    } catch (e) {
      showError('Cannot reach the model: ' + e.message);
    }
  }

  $('single-go').addEventListener('click', onSingle);
  $('batch-go').addEventListener('click', onBatch);
  $('single-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSingle();
  });
  loadModel();
})();
