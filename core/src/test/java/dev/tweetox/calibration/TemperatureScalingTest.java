package dev.tweetox.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
  /** Logits z and gold labels drawn from softmax(z / trueT): the fit must find trueT again. */
  private static double[][] logits(int n, int k, SplittableRandom rng) {
    double[][] z = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        z[i][c] = 4 * rng.nextGaussian();
      }
    }
    return z;
  }

  private static int[] sample(double[][] z, double trueT, SplittableRandom rng) {
    int[] gold = new int[z.length];
    for (int i = 0; i < z.length; i++) {
      double[] p = TemperatureScaling.softmax(z[i], trueT);
      double u = rng.nextDouble();
      int c = 0;
      for (double acc = p[0]; u > acc && c < p.length - 1; acc += p[++c]) {
        // walk the cumulative distribution
      }
      gold[i] = c;
    }
    return gold;
  }

  @Test
  void recoversAKnownTemperatureFromLogits() {
    for (double trueT : new double[] {0.5, 1.0, 2.5}) {
      SplittableRandom rng = new SplittableRandom(7);
      double[][] z = logits(20_000, 3, rng);
      int[] gold = sample(z, trueT, rng);
      double fitted = TemperatureScaling.fitLogits(z, gold).temperature();
      assertThat(fitted).as("true T %s", trueT).isCloseTo(trueT, within(0.08 * trueT));
    }
  }

  @Test
  void fitOnProbabilitiesEqualsFitOnLogits() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] z = logits(5_000, 3, rng);
    int[] gold = sample(z, 2.0, rng);
    double[][] p = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      p[i] = TemperatureScaling.softmax(z[i], 1.0);
    }
    assertThat(TemperatureScaling.fitProbabilities(p, gold).temperature())
        .isCloseTo(TemperatureScaling.fitLogits(z, gold).temperature(), within(1e-4));
  }

  @Test
  void fittedTemperatureMinimisesTheNll() {
    SplittableRandom rng = new SplittableRandom(11);
    double[][] z = logits(2_000, 4, rng);
    int[] gold = sample(z, 1.7, rng);
    double t = TemperatureScaling.fitLogits(z, gold).temperature();
    double best = TemperatureScaling.nll(z, gold, t);
    for (double other : new double[] {t * 0.9, t * 1.1, 1.0, 0.2, 10}) {
      assertThat(TemperatureScaling.nll(z, gold, other)).isGreaterThan(best);
    }
  }

  @Test
  void applyingTheTemperatureToProbabilitiesIsSoftmaxOfScaledLogits() {
    double[] z = {2.0, -1.0, 0.5};
    Calibration cal = Calibration.temperature(1.8);
    double[] viaProbs = cal.apply(TemperatureScaling.softmax(z, 1.0));
    double[] direct = TemperatureScaling.softmax(z, 1.8);
    for (int k = 0; k < z.length; k++) {
      assertThat(viaProbs[k]).isCloseTo(direct[k], within(1e-12));
    }
    assertThat(Calibration.NONE.apply(new double[] {0.2, 0.8})).containsExactly(0.2, 0.8);
  }
}
