package dev.tweetox.serving;

import static dev.tweetox.serving.PredictionServerTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/explain} over real HTTP, with the keyword model (so occlusion scores are known exactly). */
class ExplainEndpointTest {
  static final ModelInfo INFO = new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x",
      Optional.empty(), Optional.empty());
  static FakeClassifier model;
  static PredictionServer server;
  static Http http;

  @BeforeAll
  static void start() {
    model = new FakeClassifier();
    server = PredictionServer.start(FakeClassifier.predictor(model), INFO,
        ServerConfig.defaults(0).withLimits(32, 64 * 1024, 64));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void explainsEachTextWithItsPredictionAndWordScoresOnTheRawText() throws Exception {
    Http.Reply r = http.post("/v1/explain", "{\"texts\": [\"I  hate mondays!\", \"love it @bob\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("model").asText()).isEqualTo("transformer");
    assertThat(j.path("precision").asText()).isEqualTo("fp32");
    assertThat(j.path("method").asText()).isEqualTo("occlusion");
    assertThat(j.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0);
    JsonNode first = j.path("explanations").get(0);
    assertThat(first.path("text").asText()).isEqualTo("I  hate mondays!");
    assertThat(first.path("label").asText()).isEqualTo("negative");
    assertThat(first.path("label_value").asText()).isEqualTo("negative");
    assertThat(first.path("probabilities").path("negative").asDouble()).isEqualTo(0.8);
    JsonNode words = first.path("words");
    assertThat(words).hasSize(3);
    JsonNode hate = words.get(1);
    assertThat(hate.path("word").asText()).isEqualTo("hate");
    assertThat(hate.path("start").asInt()).isEqualTo(3);
    assertThat(hate.path("end").asInt()).isEqualTo(7);
    // without "hate" the keyword model says neutral: negative falls from 0.8 to 0.25
    assertThat(hate.path("score").asDouble()).isCloseTo(0.8 - 0.25, within(1e-12));
    assertThat(words.get(0).path("score").asDouble()).isZero();
    JsonNode second = j.path("explanations").get(1);
    assertThat(second.path("label").asText()).isEqualTo("positive");
    assertThat(second.path("words").get(0).path("score").asDouble()).isCloseTo(0.7 - 0.25, within(1e-12));
  }

  @Test
  void moreTextsThanTheExplainLimitIs413AndTheModelReportsTheLimit() throws Exception {
    List<String> texts = new ArrayList<>(Collections.nCopies(ServerConfig.EXPLAIN_TEXTS + 1, "\"a\""));
    assertError(http.post("/v1/explain", "{\"texts\": [" + String.join(",", texts) + "]}"), 413,
        "the limit is " + ServerConfig.EXPLAIN_TEXTS);
    assertThat(http.post("/v1/predict", "{\"texts\": [" + String.join(",", texts) + "]}").status())
        .as("/v1/predict keeps its own, larger limit").isEqualTo(200);
    assertThat(http.get("/v1/model").json().path("limits").path("max_explain_texts").asInt())
        .isEqualTo(ServerConfig.EXPLAIN_TEXTS);
    assertThat(ServerConfig.defaults(0).withLimits(4, 2048, 16).maxExplainTexts()).isEqualTo(4);
  }

  @Test
  void badBodiesGetTheSameErrorsAsPredict() throws Exception {
    assertError(http.post("/v1/explain", "{\"texts\": [\"a\""), 400, "malformed JSON");
    assertError(http.post("/v1/explain", "{\"text\": [\"a\"]}"), 422, "unknown field \"text\"");
    assertError(http.post("/v1/explain", "{\"texts\": []}"), 422, "empty");
    assertError(http.post("/v1/explain", "{\"texts\": [3]}"), 422, "texts[0] must be a string");
    assertError(http.get("/v1/explain"), 405, "GET is not allowed on /v1/explain");
  }

  @Test
  void aTextWithManyWordsIsExplainedAloneEvenWhenItOutweighsTheQueue() throws Exception {
    String many = String.join(" ", Collections.nCopies(100, "hate"));
    Http.Reply r = http.post("/v1/explain", "{\"texts\": [\"" + many + "\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("explanations").get(0).path("words").size())
        .isEqualTo(dev.tweetox.explain.OcclusionExplainer.MAX_WORDS);
  }

  @Test
  void explanationsShareTheBoundedQueueWithPredictions() throws Exception {
    FakeClassifier blocking = new FakeClassifier().blocking();
    try (PredictionServer s = PredictionServer.start(FakeClassifier.predictor(blocking), INFO,
        ServerConfig.defaults(0).withLimits(4, 2048, 8).withMicroBatch(1))) {
      Http h = new Http(s.port());
      CompletableFuture<Http.Reply> held = CompletableFuture.supplyAsync(() -> {
        try {
          return h.post("/v1/predict", "{\"texts\": [\"love\"]}");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();
      // 1 queued text + an explanation costing 1 + 8 rows > capacity 8
      assertError(h.post("/v1/explain", "{\"texts\": [\"a b c d e f g h\"]}"), 503, "busy");
      blocking.release();
      assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(h.post("/v1/explain", "{\"texts\": [\"a b c d e f g h\"]}").status()).isEqualTo(200);
      assertThat(s.queue().admittedTexts()).isZero();
    }
  }
}
