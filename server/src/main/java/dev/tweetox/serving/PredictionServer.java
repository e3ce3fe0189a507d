package dev.tweetox.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.explain.WordScore;
import dev.tweetox.predict.Explanation;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server behind {@code tweetox serve}: {@code POST /v1/predict}, {@code POST /v1/explain},
 * {@code GET /v1/health},
 * {@code GET /v1/model}, {@code GET /openapi.json} and the web page at {@code /}. Every error is a JSON body
 * {@code {"status": 422, "error": "...", "message": "..."}}; internal failures are logged here and reach the
 * client only as a generic 500.
 *
 * <p>Shutdown ({@link #stop}) drains: new predictions get 503 at once, requests already admitted finish and are
 * written out, then Jetty stops.
 */
public final class PredictionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
  private static final long REQUEST_TIMEOUT_SECONDS = 120;

  private final Predictor predictor;
  private final ModelInfo info;
  private final ServerConfig config;
  private final InferenceQueue queue;
  private final StaticAssets assets = StaticAssets.load();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Javalin app;

  private PredictionServer(Predictor predictor, ModelInfo info, ServerConfig config) {
    this.predictor = predictor;
    this.info = info;
    this.config = config;
    this.queue = new InferenceQueue(predictor, config.queueCapacity(), config.microBatch(), config.workers());
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.maxRequestSize = config.maxBodyBytes();
      c.http.prefer405over404 = true;
    });
    routes();
  }

  /** Starts serving on {@code config.host():config.port()} (port 0 picks a free one; see {@link #port}). */
  public static PredictionServer start(Predictor predictor, ModelInfo info, ServerConfig config) {
    PredictionServer s = new PredictionServer(predictor, info, config);
    try {
      s.app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      s.queue.drain(1, TimeUnit.SECONDS);
      throw new TweetoxException("serve: cannot listen on " + config.host() + ":" + config.port() + " ("
          + rootMessage(e) + "); pick another --port or stop the process using it", e);
    }
    return s;
  }

  public int port() {
    return app.port();
  }

  public ServerConfig config() {
    return config;
  }

  /** The queue in front of the model, for statistics. */
  public InferenceQueue queue() {
    return queue;
  }

  private void routes() {
    app.get("/", ctx -> asset(ctx, "index.html"));
    for (String script : StaticAssets.SCRIPTS) {
      app.get("/" + script, ctx -> asset(ctx, script));
    }
    app.get("/app.css", ctx -> asset(ctx, "app.css"));
    app.get("/openapi.json", ctx -> asset(ctx, "openapi.json"));
    app.get("/v1/health", this::health);
    app.get("/v1/model", ctx -> sendJson(ctx, 200, info.toJson(json, config, predictor.operatingPoint())));
    app.post("/v1/predict", this::predict);
    app.post("/v1/explain", this::explain);
    app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(InferenceQueue.Overloaded.class, (e, ctx) -> overloaded(ctx, e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
      case 404 -> notFound(ctx);
      case 405 -> ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json";
      default -> e.getMessage();
    }));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal error; the server log has the details");
    });
    app.error(404, ctx -> {
      if (!isJsonError(ctx)) {
        error(ctx, 404, notFound(ctx));
      }
    });
  }

  private static String notFound(Context ctx) {
    return "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see /openapi.json";
  }

  private void asset(Context ctx, String name) {
    StaticAssets.Asset a = assets.get(name);
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'self'");
    ctx.contentType(a.contentType()).result(a.bytes());
  }

  private void health(Context ctx) {
    ObjectNode o = json.createObjectNode();
    boolean up = !draining.get();
    o.put("status", up ? "ok" : "draining");
    o.put("model", info.kind().key());
    o.put("precision", info.precision().key());
    o.put("queued_texts", queue.admittedTexts());
    o.put("queue_capacity", queue.capacity());
    o.put("in_flight_requests", inFlight.get());
    sendJson(ctx, up ? 200 : 503, o);
  }

  private void predict(Context ctx) throws IOException {
    inFlight.incrementAndGet(); // before the draining check, so stop() never misses a request it let in
    try {
      if (draining.get()) {
        throw new InferenceQueue.Overloaded("the server is shutting down");
      }
      long start = System.nanoTime();
      PredictRequest req = PredictRequest.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
          config);
      List<Prediction> preds = await(queue.submit(req.texts()));
      ObjectNode o = json.createObjectNode();
      o.put("model", info.kind().key());
      o.put("precision", info.precision().key());
      var arr = o.putArray("predictions");
      for (Prediction p : preds) {
        putPrediction(arr.addObject(), p).put("flagged", p.flagged());
      }
      o.set("decision", predictor.operatingPoint().decisionJson(json));
      o.put("latency_ms", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
      writeNow(ctx, o);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The label, label value, confidence and per-class probabilities, as /v1/predict and /v1/explain write them. */
  private ObjectNode putPrediction(ObjectNode row, Prediction p) {
    row.put("label", p.label());
    row.put("label_value", p.labelValue());
    row.put("confidence", p.confidence());
    ObjectNode probs = row.putObject("probabilities");
    for (int k = 0; k < p.probabilities().size(); k++) {
      probs.put(predictor.labels().name(k), p.probabilities().get(k));
    }
    return row;
  }

  /**
   * {@code POST /v1/explain}: the body of /v1/predict with at most {@link ServerConfig#maxExplainTexts()} texts,
   * through the same queue, weighted by the model rows occlusion costs.
   */
  private void explain(Context ctx) throws IOException {
    inFlight.incrementAndGet();
    try {
      if (draining.get()) {
        throw new InferenceQueue.Overloaded("the server is shutting down");
      }
      long start = System.nanoTime();
      PredictRequest req = PredictRequest.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
          config, config.maxExplainTexts());
      List<Explanation> explained = await(queue.submitExplain(req.texts()));
      ObjectNode o = json.createObjectNode();
      o.put("model", info.kind().key());
      o.put("precision", info.precision().key());
      o.put("method", explained.get(0).method().key());
      var arr = o.putArray("explanations");
      for (Explanation e : explained) {
        Prediction p = e.prediction();
        ObjectNode row = arr.addObject();
        row.put("text", p.text());
        putPrediction(row, p);
        var words = row.putArray("words");
        for (WordScore w : e.words()) {
          words.addObject().put("word", w.word()).put("start", w.start()).put("end", w.end())
              .put("score", w.score());
        }
      }
      o.put("latency_ms", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
      writeNow(ctx, o);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private <T> List<T> await(CompletableFuture<List<T>> result) {
    try {
      return result.get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InferenceQueue.Overloaded("the server is shutting down");
    } catch (TimeoutException e) {
      throw new InferenceQueue.Overloaded("the model did not answer within " + REQUEST_TIMEOUT_SECONDS + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("prediction failed", cause);
    }
  }

  /** Writes and flushes the body inside the handler, so a request counted as in flight is fully sent. */
  private void writeNow(Context ctx, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType("application/json");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
    res.flushBuffer();
  }

  private void overloaded(Context ctx, String message) {
    ctx.header("Retry-After", Integer.toString(config.retryAfterSeconds()));
    error(ctx, 503, message);
  }

  private void error(Context ctx, int status, String message) {
    ObjectNode o = json.createObjectNode();
    o.put("status", status);
    o.put("error", reason(status));
    o.put("message", message);
    ctx.attribute("tweetox.jsonError", Boolean.TRUE);
    if (status == 413) {
      ctx.header("Connection", "close"); // the unread rest of the body is not worth receiving
    }
    sendJson(ctx, status, o);
  }

  private static boolean isJsonError(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute("tweetox.jsonError"));
  }

  private void sendJson(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a response", e);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 503 -> "Service Unavailable";
      case 500 -> "Internal Server Error";
      default -> "HTTP " + status;
    };
  }

  /**
   * Stops gracefully: refuses new predictions (503), waits up to {@code drainSeconds} for admitted requests to
   * be answered, then stops the HTTP server. Safe to call twice, e.g. from a shutdown hook.
   */
  public void stop() {
    if (!draining.compareAndSet(false, true)) {
      awaitStop();
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.drainSeconds());
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      LOG.warn("stopping with {} requests still in flight after {} s", inFlight.get(), config.drainSeconds());
    }
    queue.drain(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
    app.stop();
    stopped.countDown();
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
