package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.calibration.Calibration;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1/predict and /v1/model carry the calibration and the flag decision of the loaded model. */
class CalibratedServingTest {
  @TempDir
  Path dir;

  @Test
  void calibratedModelFlagsAndSaysSo() throws Exception {
    // T = 2 softens the keyword model's "hate" row 0.8/0.15/0.05 to about 0.594/0.257/0.149
    OperatingPoint op = new OperatingPoint(Calibration.temperature(2.0), new Decision(0, "negative", 0.55));
    Predictor predictor = new Predictor(new FakeClassifier(), new TextCleaner(CleaningConfig.defaults()), op);
    try (PredictionServer server = PredictionServer.start(predictor,
        ModelInfo.read(dir, ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment()),
        PredictionServerTest.SMALL)) {
      Http http = new Http(server.port());
      JsonNode j = http.post("/v1/predict", "{\"texts\": [\"i hate mondays\", \"i love it\"]}").json();
      JsonNode hate = j.path("predictions").get(0);
      double norm = Math.sqrt(0.8) + Math.sqrt(0.15) + Math.sqrt(0.05);
      assertThat(hate.path("probabilities").path("negative").asDouble()).isCloseTo(Math.sqrt(0.8) / norm,
          within(1e-12));
      assertThat(hate.path("confidence").asDouble()).isCloseTo(Math.sqrt(0.8) / norm, within(1e-12));
      assertThat(hate.path("flagged").isBoolean()).isTrue();
      assertThat(hate.path("flagged").asBoolean()).isTrue();
      assertThat(j.path("predictions").get(1).path("flagged").asBoolean()).isFalse();
      assertThat(j.path("decision").path("flag_class").asText()).isEqualTo("negative");
      assertThat(j.path("decision").path("threshold").asDouble()).isEqualTo(0.55);

      JsonNode m = http.get("/v1/model").json();
      assertThat(m.path("calibration").path("method").asText()).isEqualTo("temperature");
      assertThat(m.path("calibration").path("temperature").asDouble()).isEqualTo(2.0);
      assertThat(m.path("decision").path("flag_class").asText()).isEqualTo("negative");
      assertThat(m.path("decision").path("threshold").asDouble()).isEqualTo(0.55);
    }
  }

  @Test
  void uncalibratedModelSaysNoneAndKeepsItsProbabilities() throws Exception {
    Predictor predictor = FakeClassifier.predictor(new FakeClassifier());
    try (PredictionServer server = PredictionServer.start(predictor,
        ModelInfo.read(dir, ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment()),
        PredictionServerTest.SMALL)) {
      Http http = new Http(server.port());
      JsonNode m = http.get("/v1/model").json();
      assertThat(m.path("calibration").path("method").asText()).isEqualTo("none");
      assertThat(m.path("calibration").has("temperature")).isFalse();
      assertThat(m.path("decision").path("flag_class").asText()).isEqualTo("negative");
      assertThat(m.path("decision").path("threshold").asDouble()).isEqualTo(Decision.FALLBACK_THRESHOLD);
      JsonNode p = http.post("/v1/predict", "{\"texts\": [\"i hate mondays\"]}").json().path("predictions").get(0);
      assertThat(p.path("probabilities").path("negative").asDouble()).isEqualTo(0.8);
      assertThat(p.path("flagged").asBoolean()).isTrue();
    }
  }
}
