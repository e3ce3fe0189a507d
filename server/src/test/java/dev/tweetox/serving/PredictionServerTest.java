package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint and error case over real HTTP on loopback, with a keyword model standing in for BERT. */
class PredictionServerTest {
  static final ServerConfig SMALL = ServerConfig.defaults(0).withLimits(4, 2048, 16);
  static PredictionServer server;
  static Http http;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("metrics.json"),
        "{\"transformer\": {\"val\": {\"macro_f1\": 0.8, \"accuracy\": 0.81, \"macro_roc_auc\": 0.9},"
        + " \"test\": {\"macro_f1\": 0.75}}, \"baseline\": {\"test\": {\"macro_f1\": 0.7}}}");
    Files.writeString(dir.resolve("provenance.json"), "{\"dataSource\": \"/home/someone/data/day_tweets.csv\"}");
    Files.writeString(dir.resolve("model_card.json"), "{\"language\": \"en\", \"task\": \"text-classification\"}");
    FakeClassifier model = new FakeClassifier();
    server = PredictionServer.start(FakeClassifier.predictor(model),
        ModelInfo.read(dir, ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment()), SMALL);
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static void assertError(Http.Reply r, int status, String message) throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode j = r.json();
    assertThat(j.path("status").asInt()).isEqualTo(status);
    assertThat(j.path("message").asText()).contains(message);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.tweetox");
  }

  @Test
  void predictsOneTextWithTheModelsOwnProbabilities() throws Exception {
    Http.Reply r = http.post("/v1/predict", "{\"texts\": [\"i love this phone\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("model").asText()).isEqualTo("transformer");
    assertThat(j.path("precision").asText()).isEqualTo("fp32");
    JsonNode p = j.path("predictions").get(0);
    assertThat(p.path("label").asText()).isEqualTo("positive");
    assertThat(p.path("label_value").asText()).isEqualTo("positive");
    assertThat(p.path("confidence").asDouble()).isEqualTo(0.7);
    assertThat(p.path("probabilities").path("negative").asDouble()).isEqualTo(0.1);
    assertThat(p.path("probabilities").path("neutral").asDouble()).isEqualTo(0.2);
    assertThat(j.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void predictsABatchInOrder() throws Exception {
    Http.Reply r = http.post("/v1/predict", "{\"texts\": [\"i hate mondays\", \"the bus is late\", \"love it\"]}");
    assertThat(r.status()).isEqualTo(200);
    List<String> labels = new ArrayList<>();
    r.json().path("predictions").forEach(p -> labels.add(p.path("label").asText()));
    assertThat(labels).containsExactly("negative", "neutral", "positive");
    double sum = 0;
    for (JsonNode v : r.json().path("predictions").get(1).path("probabilities")) {
      sum += v.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void healthReportsTheModelAndQueue() throws Exception {
    Http.Reply r = http.get("/v1/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("ok");
    assertThat(r.json().path("model").asText()).isEqualTo("transformer");
    assertThat(r.json().path("queue_capacity").asInt()).isEqualTo(16);
  }

  @Test
  void modelReportsLabelsMetricsCardAndLimits() throws Exception {
    JsonNode j = http.get("/v1/model").json();
    assertThat(j.path("kind").asText()).isEqualTo("transformer");
    assertThat(j.path("labels").get(2).path("name").asText()).isEqualTo("positive");
    assertThat(j.path("labels").get(2).path("index").asInt()).isEqualTo(2);
    assertThat(j.path("metrics").path("test").path("macro_f1").asDouble()).isEqualTo(0.75);
    assertThat(j.path("model_card").path("language").asText()).isEqualTo("en");
    assertThat(j.path("limits").path("max_batch").asInt()).isEqualTo(4);
    assertThat(j.path("limits").path("max_body_bytes").asInt()).isEqualTo(2048);
  }

  @Test
  void modelCardSummaryHasKindDataLabelsAndHeldOutMetrics() throws Exception {
    JsonNode card = http.get("/v1/model").json().path("card");
    assertThat(card.path("model_kind").asText()).isEqualTo("transformer");
    // The provenance's folder stays on the server; only the file name is shown.
    assertThat(card.path("data_source").asText()).isEqualTo("day_tweets.csv");
    assertThat(card.path("dataset").asText()).isEqualTo("day_tweets.csv");
    assertThat(card.toString()).doesNotContain("someone");
    assertThat(card.path("labels").toString()).isEqualTo("[\"negative\",\"neutral\",\"positive\"]");
    assertThat(card.path("metrics").path("val").path("macro_f1").asDouble()).isEqualTo(0.8);
    assertThat(card.path("metrics").path("val").path("accuracy").asDouble()).isEqualTo(0.81);
    assertThat(card.path("metrics").path("val").has("macro_roc_auc")).isFalse();
    assertThat(card.path("metrics").path("test").path("macro_f1").asDouble()).isEqualTo(0.75);
    assertThat(card.path("metrics").path("test").has("accuracy")).isFalse();
  }

  @Test
  void servesThePageAndTheOpenApiDocument() throws Exception {
    Http.Reply page = http.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("id=\"single-text\"").contains("/app.js").doesNotContain("https://");
    assertThat(http.get("/app.js").body()).contains("/v1/predict");
    assertThat(http.get("/app.css").raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    JsonNode api = http.get("/openapi.json").json();
    assertThat(api.path("openapi").asText()).startsWith("3.");
    assertThat(api.path("paths").has("/v1/predict")).isTrue();
    assertThat(api.path("paths").has("/v1/health")).isTrue();
    assertThat(api.path("paths").has("/v1/model")).isTrue();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertError(http.post("/v1/predict", "{\"texts\": [\"a\""), 400, "malformed JSON");
    assertError(http.post("/v1/predict", "{\"texts\": [\"a\"]} trailing"), 400, "malformed JSON");
    assertError(http.post("/v1/predict", ""), 400, "empty body");
  }

  @Test
  void wrongShapesAre422NamingTheField() throws Exception {
    assertError(http.post("/v1/predict", "[\"a\"]"), 422, "must be a JSON object");
    assertError(http.post("/v1/predict", "{}"), 422, "missing field \"texts\"");
    assertError(http.post("/v1/predict", "{\"texts\": \"a\"}"), 422, "\"texts\" must be an array of strings");
    assertError(http.post("/v1/predict", "{\"texts\": [\"a\", 5]}"), 422, "texts[1] must be a string, got a number");
    assertError(http.post("/v1/predict", "{\"texts\": [null]}"), 422, "texts[0] must be a string, got null");
    assertError(http.post("/v1/predict", "{\"texts\": []}"), 422, "\"texts\" is empty");
    assertError(http.post("/v1/predict", "{\"texts\": [\"a\"], \"top_k\": 2}"), 422, "unknown field \"top_k\"");
  }

  @Test
  void tooLargeRequestsAre413() throws Exception {
    assertError(http.post("/v1/predict", "{\"texts\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}"), 413,
        "has 5 items; the limit is 4");
    String big = "{\"texts\": [\"" + "x".repeat(3000) + "\"]}";
    assertError(http.post("/v1/predict", big), 413, "the limit is 2048");
    // Without a Content-Length (chunked) the limit still holds while reading.
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(http.base + "/v1/predict"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
    assertError(http.send(chunked), 413, "exceeds 2048 bytes");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405AsJson() throws Exception {
    assertError(http.get("/v2/predict"), 404, "no such endpoint: GET /v2/predict");
    assertError(http.get("/v1/predict"), 405, "GET is not allowed on /v1/predict");
  }

  @Test
  void modelFailuresAre500WithoutDetails(@TempDir Path dir) throws Exception {
    FakeClassifier model = new FakeClassifier();
    model.fail = true;
    try (PredictionServer s = PredictionServer.start(FakeClassifier.predictor(model),
        new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x", Optional.empty(), Optional.empty()), SMALL)) {
      Http.Reply r = new Http(s.port()).post("/v1/predict", "{\"texts\": [\"a\"]}");
      assertError(r, 500, "internal error");
      assertThat(r.body()).doesNotContain("boom").doesNotContain("secret");
    }
  }

  @Test
  void overloadIs503WithRetryAfterAndTheServerRecovers() throws Exception {
    FakeClassifier model = new FakeClassifier().blocking();
    ServerConfig cfg = ServerConfig.defaults(0).withLimits(2, 2048, 2).withMicroBatch(1);
    try (PredictionServer s = PredictionServer.start(FakeClassifier.predictor(model),
        new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x", Optional.empty(), Optional.empty()), cfg)) {
      Http h = new Http(s.port());
      CompletableFuture<Http.Reply> first = CompletableFuture.supplyAsync(() -> post(h, "[\"love\", \"a\"]"));
      assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
      Http.Reply refused = h.post("/v1/predict", "{\"texts\": [\"b\"]}");
      assertError(refused, 503, "busy");
      assertThat(refused.raw().headers().firstValue("Retry-After")).contains("1");
      model.release();
      assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(h.post("/v1/predict", "{\"texts\": [\"b\"]}").status()).isEqualTo(200);
    }
  }

  @Test
  void shutdownDrainsInFlightRequestsAndRefusesNewOnes() throws Exception {
    FakeClassifier model = new FakeClassifier().blocking();
    PredictionServer s = PredictionServer.start(FakeClassifier.predictor(model),
        new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x", Optional.empty(), Optional.empty()), SMALL);
    Http h = new Http(s.port());
    CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> post(h, "[\"i love it\"]"));
    assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
    while (h.get("/v1/health").status() != 503) {
      Thread.sleep(5);
    }
    assertThat(h.get("/v1/health").json().path("status").asText()).isEqualTo("draining");
    assertError(h.post("/v1/predict", "{\"texts\": [\"b\"]}"), 503, "shutting down");
    assertThat(stopping).isNotDone();
    model.release();
    Http.Reply done = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().path("predictions").get(0).path("label").asText()).isEqualTo("positive");
    stopping.get(10, TimeUnit.SECONDS);
  }

  static Http.Reply post(Http h, String textsJson) {
    try {
      return h.post("/v1/predict", "{\"texts\": " + textsJson + "}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
