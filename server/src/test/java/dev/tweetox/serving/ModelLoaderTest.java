package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Metric;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.split.SplitPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  @TempDir Path dir;

  @Test
  void rejectsAnUnknownPrecisionAndAMissingDirectory() {
    assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("--precision must be fp32 or int8, got 'fp16'");
    assertThatThrownBy(() -> ModelLoader.open(dir.resolve("nope"), Precision.FP32))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("nope: no such directory");
  }

  @Test
  void modelInfoWithoutMetricsOrCardHasNeither() {
    ModelInfo info = ModelInfo.read(dir, ModelKind.BASELINE, Precision.FP32, LabelSet.sentiment());
    assertThat(info.metrics()).isEmpty();
    assertThat(info.card()).isEmpty();
    assertThat(info.source()).isEqualTo(dir.getFileName().toString());
  }

  @Test
  void aBundleTakesItsMetricsFromTheCardAndItsDataSourceFromTheManifest() throws Exception {
    Files.writeString(dir.resolve("model_card.json"), "{\"model_name\": \"tweetox-x\", \"training_data\":"
        + " {\"dataset\": \"tweet_eval\"}, \"metrics\": {\"baseline\": {\"val\": {\"macro_f1\": 0.6},"
        + " \"test\": {\"macro_f1\": 0.5, \"accuracy\": 0.55}}, \"transformer\": {\"test\": {\"macro_f1\": 0.9}}}}");
    Files.writeString(dir.resolve("tweetox.json"), "{\"provenance\": {\"dataSource\": \"bundled:tweet-eval\"}}");
    ModelInfo info = ModelInfo.read(dir, ModelKind.BASELINE, Precision.FP32, LabelSet.sentiment());
    assertThat(info.metrics()).hasValueSatisfying(m -> assertThat(m.path("test").path("macro_f1").asDouble())
        .isEqualTo(0.5));
    CardSummary s = info.summary();
    assertThat(s.kind()).isEqualTo(ModelKind.BASELINE);
    assertThat(s.modelName()).contains("tweetox-x");
    assertThat(s.dataset()).contains("tweet_eval");
    assertThat(s.dataSource()).contains("bundled:tweet-eval");
    assertThat(s.labels()).containsExactly("negative", "neutral", "positive");
    assertThat(s.metrics().get(SplitPart.VAL)).containsExactlyEntriesOf(Map.of(Metric.MACRO_F1, 0.6));
    assertThat(s.metrics().get(SplitPart.TEST)).containsEntry(Metric.MACRO_F1, 0.5)
        .containsEntry(Metric.ACCURACY, 0.55).hasSize(2);
  }

  @Test
  void aSummaryWithoutMetricsOrProvenanceHasOnlyKindAndLabels() {
    CardSummary s = ModelInfo.read(dir, ModelKind.TRANSFORMER, Precision.INT8, LabelSet.sentiment()).summary();
    assertThat(s.dataset()).isEmpty();
    assertThat(s.dataSource()).isEmpty();
    assertThat(s.metrics()).isEmpty();
    assertThat(s.toJson(new com.fasterxml.jackson.databind.ObjectMapper()).toString()).isEqualTo(
        "{\"model_kind\":\"transformer\",\"labels\":[\"negative\",\"neutral\",\"positive\"],\"metrics\":{}}");
  }

  @Test
  void aBrokenMetricsFileIsAnErrorNamingIt() throws Exception {
    Files.writeString(dir.resolve("metrics.json"), "{not json");
    assertThatThrownBy(() -> ModelInfo.read(dir, ModelKind.BASELINE, Precision.FP32, LabelSet.sentiment()))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("metrics.json: not valid JSON");
  }

  @Test
  void serverConfigExplainsBadLimits() {
    assertThatThrownBy(() -> ServerConfig.defaults(0).withLimits(64, 1024, 10)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("queue capacity (10) must be at least the max batch");
    assertThatThrownBy(() -> ServerConfig.defaults(70000)).hasMessageContaining("port must be 0..65535");
    assertThatThrownBy(() -> ServerConfig.defaults(0).withMicroBatch(0))
        .hasMessageContaining("micro-batch must be >= 1");
  }
}
