package dev.tweetox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.calibration.Calibration;
import dev.tweetox.calibration.Decision;
import dev.tweetox.data.LabelSet;
import org.junit.jupiter.api.Test;

class CalibratedEvaluationTest {
  @Test
  void keepsBeforeAndAfterAndScoresTheFlags() {
    double[][] raw = {{0.9, 0.05, 0.05}, {0.8, 0.15, 0.05}, {0.3, 0.6, 0.1}, {0.2, 0.2, 0.6}};
    int[] gold = {0, 1, 1, 2};
    double[][] calibrated = Calibration.temperature(2.0).apply(raw);
    Evaluation e = Evaluation.of(gold, calibrated, LabelSet.sentiment(), raw, new Decision(0, "negative", 0.5));
    assertThat(e.get(Metric.ECE_UNCALIBRATED)).isCloseTo(Evaluation.of(gold, raw, LabelSet.sentiment()).ece(),
        within(1e-15));
    assertThat(e.get(Metric.ECE)).isNotEqualTo(e.get(Metric.ECE_UNCALIBRATED));
    assertThat(e.get(Metric.BRIER_UNCALIBRATED)).isCloseTo(
        (0.01 + 0.0025 + 0.0025 + 0.64 + 0.7225 + 0.0025 + 0.09 + 0.16 + 0.01 + 0.04 + 0.04 + 0.16) / 4, within(1e-12));
    // calibrated p(negative): row 0 about 0.68, row 1 about 0.59, rows 2 and 3 below 0.5 -> 2 flagged, 1 right
    assertThat(e.get(Metric.FLAG_PRECISION)).isEqualTo(0.5);
    assertThat(e.get(Metric.FLAG_RECALL)).isEqualTo(1.0);
    assertThat(e.summary()).containsKeys("flag_precision", "flag_recall", "flag_f1", "ece", "brier_uncalibrated");
    assertThat(Evaluation.of(gold, raw, LabelSet.sentiment()).summary()).doesNotContainKey("flag_precision");
  }
}
