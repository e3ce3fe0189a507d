package dev.tweetox.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  // precision when flagging score >= t: 0.9 -> 1/1, 0.8 -> 2/2, 0.7 -> 2/3, 0.6 -> 3/4, 0.5 -> 3/5, 0.4 -> 3/6
  static final double[] SCORE = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
  static final boolean[] POSITIVE = {true, true, false, true, false, false};

  @Test
  void choosesTheLowestThresholdReachingThePrecision() {
    Thresholds.Choice c = Thresholds.choose(SCORE, POSITIVE, 0.9);
    assertThat(c.reached()).isTrue();
    assertThat(c.point().threshold()).isEqualTo(0.8);
    assertThat(c.point().precision()).isEqualTo(1.0);
    assertThat(c.point().recall()).isCloseTo(2.0 / 3, within(1e-12));
    // precision is not monotone: 0.7 misses 0.7 (2/3) but 0.6 reaches it (3/4) with more recall
    Thresholds.Choice lower = Thresholds.choose(SCORE, POSITIVE, 0.7);
    assertThat(lower.point().threshold()).isEqualTo(0.6);
    assertThat(lower.point().flagged()).isEqualTo(4);
    assertThat(lower.point().recall()).isEqualTo(1.0);
  }

  @Test
  void whenNothingReachesTheTargetTheHighestPrecisionWinsAndSaysSo() {
    Thresholds.Choice c = Thresholds.choose(new double[] {0.9, 0.8, 0.7}, new boolean[] {false, true, false}, 0.9);
    assertThat(c.reached()).isFalse();
    assertThat(c.point().threshold()).isEqualTo(0.8);
    assertThat(c.point().precision()).isEqualTo(0.5);
  }

  @Test
  void tiedScoresAreFlaggedTogether() {
    // never one of the two 0.9s alone: 0.9 flags both (precision 1/2), 0.5 flags all three (2/3)
    Thresholds.Choice c = Thresholds.choose(new double[] {0.9, 0.9, 0.5}, new boolean[] {true, false, true}, 0.9);
    assertThat(c.reached()).isFalse();
    assertThat(c.point().threshold()).isEqualTo(0.5);
    assertThat(c.point().flagged()).isEqualTo(3);
    assertThat(Thresholds.at(new double[] {0.9, 0.9, 0.5}, new boolean[] {true, false, true}, 0.9).precision())
        .isEqualTo(0.5);
  }

  @Test
  void gridAndFixedThreshold() {
    List<Thresholds.Point> grid = Thresholds.grid(SCORE, POSITIVE);
    assertThat(grid).hasSize(19);
    assertThat(grid.get(0).threshold()).isEqualTo(0.05);
    Thresholds.Point at65 = grid.get(12);
    assertThat(at65.threshold()).isCloseTo(0.65, within(1e-12));
    assertThat(at65.flagged()).isEqualTo(3);
    assertThat(at65.f1()).isCloseTo(2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3), within(1e-12));
    Thresholds.Choice fixed = Thresholds.fixed(SCORE, POSITIVE, 0.55);
    assertThat(fixed.minPrecision()).isEmpty();
    assertThat(fixed.point().precision()).isEqualTo(0.75);
  }

  @Test
  void flagClassDefaultsToTheBadClassOfTheData() {
    assertThat(Decision.flagClass("", LabelSet.sentiment())).isZero();
    assertThat(Decision.flagClass("", LabelSet.infer(List.of("not-offensive", "offensive")))).isEqualTo(1);
    assertThat(Decision.flagClass("", LabelSet.explicit(List.of("0", "1")))).isEqualTo(1);
    assertThat(Decision.flagClass("positive", LabelSet.sentiment())).isEqualTo(2);
    assertThat(Decision.flagClass("-1", LabelSet.infer(List.of("-1", "0", "1")))).isZero();
    assertThatThrownBy(() -> Decision.flagClass("spam", LabelSet.sentiment()))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("decision.flagClass")
        .hasMessageContaining("[negative, neutral, positive]");
  }

  @Test
  void calibratorFitsTheTemperatureThenTheThresholdOnCalibratedProbabilities() {
    double[][] probs = {{0.9, 0.05, 0.05}, {0.8, 0.1, 0.1}, {0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8},
        {0.7, 0.2, 0.1}};
    int[] gold = {0, 0, 1, 1, 2, 0};
    Calibrator.Fitted f = Calibrator.fit(probs, gold, LabelSet.sentiment(),
        new dev.tweetox.config.DecisionConfig("", 0.9, null));
    Calibration cal = f.operatingPoint().calibration();
    assertThat(cal.method()).isEqualTo(Calibration.Method.TEMPERATURE);
    assertThat(f.operatingPoint().decision().flagClass()).isEqualTo("negative");
    double[] negative = Thresholds.column(cal.apply(probs), 0);
    // the three gold negatives score highest after calibration too; the fourth-highest (0.6 row) is wrong
    assertThat(f.operatingPoint().decision().threshold()).isEqualTo(negative[5]);
    assertThat(f.valChoice().point().precision()).isEqualTo(1.0);
    assertThat(f.valChoice().point().recall()).isEqualTo(1.0);
  }
}
