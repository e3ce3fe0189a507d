'use strict';
// Word highlights from POST /v1/explain. A word's score > 0 pushes towards the predicted label, < 0 away from it.
// Colour shows strength and direction, and so do the underline style and the title, so colour is never the only cue.
window.tweetoxWords = (function () {
  const TOP = 5;

  function signed(score) {
    return (score > 0 ? '+' : score < 0 ? '\u2212' : '') + Math.abs(score).toFixed(3);
  }

  /** Words with usable offsets into text, in text order, overlaps dropped. */
  function usable(text, words) {
    const sorted = (words || []).filter((w) => Number.isInteger(w.start) && Number.isInteger(w.end)
      && w.start >= 0 && w.end > w.start && w.end <= text.length && typeof w.score === 'number')
      .sort((a, b) => a.start - b.start);
    const out = [];
    let end = 0;
    for (const w of sorted) {
      if (w.start >= end) { out.push(w); end = w.end; }
    }
    return out;
  }

  /** Fills `into` with the text, each scored word wrapped in a <mark> whose opacity follows |score|. */
  function highlight(into, text, words, label) {
    into.replaceChildren();
    const list = usable(text, words);
    const max = Math.max(1e-9, ...list.map((w) => Math.abs(w.score)));
    let at = 0;
    for (const w of list) {
      if (w.start > at) into.append(text.slice(at, w.start));
      const m = document.createElement('mark');
      const strength = Math.abs(w.score) / max;
      m.className = 'w ' + (w.score > 0 ? 'w-pro' : w.score < 0 ? 'w-con' : 'w-zero');
      m.style.setProperty('--strength', (0.15 + 0.75 * strength).toFixed(2));
      m.dataset.score = String(w.score);
      m.title = text.slice(w.start, w.end) + ': ' + signed(w.score)
        + (w.score >= 0 ? ' towards ' : ' away from ') + label;
      m.textContent = text.slice(w.start, w.end);
      into.append(m);
      at = w.end;
    }
    if (at < text.length) into.append(text.slice(at));
  }

  /** A sentence naming the strongest words each way, for screen readers and anyone who cannot tell the colours. */
  function summary(words, label) {
    const byStrength = (words || []).filter((w) => typeof w.score === 'number')
      .sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
    const fmt = (w) => '\u201c' + w.word + '\u201d ' + signed(w.score);
    const pro = byStrength.filter((w) => w.score > 0).slice(0, TOP).map(fmt);
    const con = byStrength.filter((w) => w.score < 0).slice(0, TOP).map(fmt);
    const parts = [];
    parts.push('Towards ' + label + ': ' + (pro.length ? pro.join(', ') : 'none') + '.');
    parts.push('Away from it: ' + (con.length ? con.join(', ') : 'none') + '.');
    return parts.join(' ');
  }

  return { highlight: highlight, summary: summary };
})();
