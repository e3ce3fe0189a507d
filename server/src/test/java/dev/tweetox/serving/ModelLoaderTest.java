package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
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
