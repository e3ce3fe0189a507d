package dev.tweetox.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReliabilityTest {
  @Test
  void eceByHandWithFifteenBins() {
    // top-class confidences 0.90 (right), 0.88 (wrong) share bin (13/15, 14/15]; 0.75 (wrong), 0.70 (right) and
    // 0.62 (right) are alone in theirs. ECE = (2 * |0.5 - 0.89| + |0 - 0.75| + |1 - 0.7| + |1 - 0.62|) / 5 = 0.442
    double[][] probs = {{0.9, 0.1}, {0.88, 0.12}, {0.25, 0.75}, {0.3, 0.7}, {0.62, 0.38}};
    int[] gold = {0, 1, 0, 1, 0};
    Reliability r = Reliability.of(probs, gold, Reliability.BINS);
    assertThat(r.ece()).isCloseTo(0.442, within(1e-12));
    assertThat(Reliability.ece(probs, gold)).isCloseTo(0.442, within(1e-12));
    assertThat(r.bins()).hasSize(15);
    Reliability.Bin shared = r.bins().get(13);
    assertThat(shared.count()).isEqualTo(2);
    assertThat(shared.confidence()).isCloseTo(0.89, within(1e-12));
    assertThat(shared.accuracy()).isEqualTo(0.5);
    assertThat(r.bins().get(0).count()).isZero();
    assertThat(r.bins().get(0).accuracy()).isNaN();
    assertThat(r.bins().stream().mapToInt(Reliability.Bin::count).sum()).isEqualTo(5);
  }

  @Test
  void perfectlyCalibratedBinHasNoGap() {
    double[][] probs = {{0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25}};
    assertThat(Reliability.ece(probs, new int[] {0, 0, 0, 1})).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void brierByHand() {
    // (0.1^2 + 0.1^2) + (0.75^2 + 0.75^2) = 0.02 + 1.125, mean 0.5725
    assertThat(Reliability.brier(new double[][] {{0.9, 0.1}, {0.75, 0.25}}, new int[] {0, 1}))
        .isCloseTo(0.5725, within(1e-12));
    // three classes, gold 2: 0.7^2 + 0.2^2 + 0.9^2
    assertThat(Reliability.brier(new double[][] {{0.7, 0.2, 0.1}}, new int[] {2})).isCloseTo(1.34, within(1e-12));
  }
}
