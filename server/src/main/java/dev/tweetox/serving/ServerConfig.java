package dev.tweetox.serving;

import dev.tweetox.TweetoxException;

/**
 * Limits and sizes of the prediction server, validated up front.
 *
 * @param host the address to bind; loopback by default so a model is never exposed by accident
 * @param port 0 picks a free port
 * @param maxBatch the most texts one {@code POST /v1/predict} may carry ({@code POST /v1/explain}: see
 *     {@link #maxExplainTexts()})
 * @param maxBodyBytes larger request bodies get 413
 * @param maxTextChars a longer single text gets 413 (tweets are at most 280 characters)
 * @param queueCapacity the most texts waiting for or in the model; beyond it requests get 503
 * @param microBatch the most texts the model sees in one call when concurrent requests are merged; 1 disables
 *     merging
 * @param workers threads calling the model; 1 suits ONNX Runtime, which already uses every core per call
 * @param retryAfterSeconds the {@code Retry-After} sent with 503
 * @param drainSeconds how long shutdown waits for in-flight requests
 */
public record ServerConfig(String host, int port, int maxBatch, int maxBodyBytes, int maxTextChars,
    int queueCapacity, int microBatch, int workers, int retryAfterSeconds, int drainSeconds) {

  public ServerConfig {
    positive("max batch", maxBatch);
    positive("max body bytes", maxBodyBytes);
    positive("max text chars", maxTextChars);
    positive("queue capacity", queueCapacity);
    positive("micro-batch", microBatch);
    positive("workers", workers);
    positive("retry-after seconds", retryAfterSeconds);
    if (port < 0 || port > 65535) {
      throw new TweetoxException("serve: port must be 0..65535, got " + port);
    }
    if (drainSeconds < 0) {
      throw new TweetoxException("serve: drain seconds must be >= 0, got " + drainSeconds);
    }
    if (queueCapacity < maxBatch) {
      throw new TweetoxException("serve: queue capacity (" + queueCapacity + ") must be at least the max batch ("
          + maxBatch + "), or a full batch could never be admitted");
    }
  }

  /** Explaining a text costs one model call per word, so {@code /v1/explain} takes fewer texts per request. */
  public static final int EXPLAIN_TEXTS = 16;

  /** The most texts one {@code POST /v1/explain} may carry: {@value #EXPLAIN_TEXTS}, or fewer if maxBatch is. */
  public int maxExplainTexts() {
    return Math.min(EXPLAIN_TEXTS, maxBatch);
  }

  /** Loopback on the given port with the default limits: 64 texts a request, 256 KiB bodies, 512 queued texts. */
  public static ServerConfig defaults(int port) {
    return new ServerConfig("127.0.0.1", port, 64, 256 * 1024, 10_000, 512, 32, 1, 1, 30);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, maxBatch, maxBodyBytes, maxTextChars, queueCapacity, microBatch, workers,
        retryAfterSeconds, drainSeconds);
  }

  public ServerConfig withLimits(int batch, int bodyBytes, int queue) {
    return new ServerConfig(host, port, batch, bodyBytes, maxTextChars, queue, microBatch, workers,
        retryAfterSeconds, drainSeconds);
  }

  public ServerConfig withDrainSeconds(int seconds) {
    return new ServerConfig(host, port, maxBatch, maxBodyBytes, maxTextChars, queueCapacity, microBatch, workers,
        retryAfterSeconds, seconds);
  }

  public ServerConfig withMicroBatch(int texts) {
    return new ServerConfig(host, port, maxBatch, maxBodyBytes, maxTextChars, queueCapacity, texts, workers,
        retryAfterSeconds, drainSeconds);
  }

  private static void positive(String what, int v) {
    if (v < 1) {
      throw new TweetoxException("serve: " + what + " must be >= 1, got " + v);
    }
  }
}
