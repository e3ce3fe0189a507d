package dev.tweetox.eval;

import static dev.tweetox.model.ModelKind.BASELINE;
import static dev.tweetox.model.ModelKind.TRANSFORMER;
import static dev.tweetox.split.SplitPart.TEST;
import static dev.tweetox.split.SplitPart.TRAIN;
import static dev.tweetox.split.SplitPart.VAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {
  @TempDir Path dir;

  @Test
  void mergesModelsSplitsAndMetrics() throws Exception {
    Path file = dir.resolve("metrics.json");
    MetricsJson.update(file, BASELINE, VAL, Map.of("macro_f1", 0.72, "accuracy", 0.7));
    MetricsJson.update(file, BASELINE, TEST, Map.of("macro_f1", 0.71));
    MetricsJson.update(file, TRANSFORMER, VAL, Map.of("macro_f1", 0.8));
    MetricsJson.update(file, BASELINE, VAL, Map.of("macro_f1", 0.73, "weighted_f1", 0.74));

    Map<String, Map<String, Map<String, Double>>> all = MetricsJson.read(file);
    assertThat(all.keySet()).containsExactly("baseline", "transformer");
    assertThat(all.get("baseline").keySet()).containsExactly("val", "test");
    assertThat(all.get("baseline").get("val"))
        .isEqualTo(Map.of("macro_f1", 0.73, "accuracy", 0.7, "weighted_f1", 0.74));
    assertThat(all.get("baseline").get("test")).isEqualTo(Map.of("macro_f1", 0.71));
    assertThat(all.get("transformer").get("val")).isEqualTo(Map.of("macro_f1", 0.8));
    assertThat(Files.readString(file)).contains("\"baseline\" : {").endsWith("}\n");
  }

  @Test
  void readsByKindSplitAndMetric() throws Exception {
    Path file = dir.resolve("metrics.json");
    Files.writeString(file, "{\"other\": {\"val\": {\"macro_f1\": 0.1}},"
        + " \"transformer\": {\"test\": {\"macro_f1\": 0.8, \"f1_pos\": 0.9}}, \"baseline\": {}}");
    MetricsJson m = MetricsJson.load(file);
    assertThat(m.get(TRANSFORMER, TEST, Metric.MACRO_F1)).hasValue(0.8);
    assertThat(m.get(TRANSFORMER, TEST, Metric.ACCURACY)).isEmpty();
    assertThat(m.get(TRANSFORMER, TRAIN, Metric.MACRO_F1)).isEmpty();
    assertThat(m.get(BASELINE, TEST, Metric.MACRO_F1)).isEmpty();
    assertThat(m.kinds()).containsExactly(TRANSFORMER, BASELINE);
    assertThat(m.asMap().keySet()).containsExactly("other", "transformer", "baseline");
  }

  @Test
  void leavesOutUndefinedValues() {
    Path file = dir.resolve("metrics.json");
    Map<String, Double> m = new HashMap<>();
    m.put("macro_roc_auc", Double.NaN);
    m.put("accuracy", 1.0);
    m.put("missing", null);
    MetricsJson.update(file, BASELINE, TEST, m);
    assertThat(MetricsJson.read(file).get("baseline").get("test")).isEqualTo(Map.of("accuracy", 1.0));
  }

  @Test
  void namesTheBadEntry() throws Exception {
    Path file = dir.resolve("metrics.json");
    Files.writeString(file, "{\"baseline\": {\"val\": {\"macro_f1\": \"high\"}}}");
    assertThatThrownBy(() -> MetricsJson.update(file, BASELINE, TEST, Map.of("accuracy", 0.5)))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("metrics.json: baseline.val.macro_f1 is \"high\", expected a number");
    Files.writeString(file, "{\"baseline\": [1, 2]}");
    assertThatThrownBy(() -> MetricsJson.read(file)).hasMessageContaining("baseline is [1,2], expected a JSON object");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> MetricsJson.read(file))
        .hasMessageContaining("cannot read metrics JSON")
        .hasMessageContaining("delete it to start afresh");
  }
}
