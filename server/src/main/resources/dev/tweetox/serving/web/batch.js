'use strict';
// Scoring many texts through POST /v1/predict: chunks within the server's limits, a few requests in flight, waits
// out 429/503 as Retry-After says, and stops on cancel.
window.tweetoxBatch = (function () {
  const MAX_ATTEMPTS = 20;
  const MAX_WAIT_SECONDS = 30;
  const encoder = new TextEncoder();

  class HttpError extends Error {
    constructor(status, message, retryAfter) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  /** POSTs JSON; resolves to the parsed body, rejects with an HttpError carrying the server's message. */
  async function postJson(url, body, signal) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal
    });
    const parsed = await res.json().catch(() => ({}));
    if (!res.ok) {
      const after = parseFloat(res.headers.get('Retry-After'));
      throw new HttpError(res.status, parsed.message || ('HTTP ' + res.status), Number.isFinite(after) ? after : 1);
    }
    return parsed;
  }

  function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      if (signal) {
        signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new DOMException('cancelled', 'AbortError'));
        }, { once: true });
      }
    });
  }

  /** Posts, retrying when the server says it is busy (429/503) or the network drops, up to MAX_ATTEMPTS. */
  async function postWithRetry(url, body, signal) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await postJson(url, body, signal);
      } catch (e) {
        if (e.name === 'AbortError' || attempt >= MAX_ATTEMPTS) throw e;
        const busy = e instanceof HttpError && (e.status === 429 || e.status === 503);
        const network = !(e instanceof HttpError);
        if (!busy && !network) throw e;
        const seconds = busy ? Math.min(e.retryAfter, MAX_WAIT_SECONDS) : Math.min(attempt, 5);
        await sleep(seconds * 1000, signal);
      }
    }
  }

  /** Splits items ({index, text}) into chunks of at most maxBatch texts whose JSON body fits maxBodyBytes. */
  function chunk(items, maxBatch, maxBodyBytes) {
    const budget = Math.floor(maxBodyBytes * 0.9) - 16; // {"texts":[...]} plus a margin
    const chunks = [];
    let current = [];
    let bytes = 0;
    for (const item of items) {
      const size = encoder.encode(JSON.stringify(item.text)).length + 1;
      if (current.length > 0 && (current.length >= maxBatch || bytes + size > budget)) {
        chunks.push(current);
        current = [];
        bytes = 0;
      }
      current.push(item);
      bytes += size;
    }
    if (current.length > 0) chunks.push(current);
    return chunks;
  }

  /**
   * Scores items ({index, text}) and calls onChunk(items, response) for each answered chunk, in completion order,
   * and onProgress(doneTexts) after it. Resolves when all are scored; rejects on a client error, on a server that
   * stays busy, or with an AbortError when signal aborts.
   */
  async function score(items, options) {
    const chunks = chunk(items, options.maxBatch, options.maxBodyBytes);
    let next = 0;
    let done = 0;
    async function worker() {
      while (next < chunks.length) {
        const mine = chunks[next++];
        const body = await postWithRetry('/v1/predict', { texts: mine.map((i) => i.text) }, options.signal);
        options.onChunk(mine, body);
        done += mine.length;
        options.onProgress(done);
      }
    }
    const workers = [];
    for (let k = 0; k < Math.min(options.concurrency, chunks.length); k++) workers.push(worker());
    await Promise.all(workers);
  }

  return { score: score, chunk: chunk, postJson: postJson, postWithRetry: postWithRetry, HttpError: HttpError };
})();
