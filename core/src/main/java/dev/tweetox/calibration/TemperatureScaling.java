package dev.tweetox.calibration;

/**
 * Fits the temperature {@code T} that minimises the mean negative log-likelihood of {@code softmax(z / T)} on
 * held-out examples (Guo et al., 2017). The NLL is convex in {@code 1/T}, hence unimodal in {@code log T}, so a
 * golden-section search over {@code log T} in [{@value #MIN_T}, {@value #MAX_T}] finds the minimum without
 * gradients or a learning rate.
 */
public final class TemperatureScaling {
  static final double MIN_T = 0.05;
  static final double MAX_T = 20.0;
  /** Stop when the bracket on log T is this narrow: T is then known to about 1e-7 relative. */
  private static final double TOLERANCE = 1e-7;
  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

  private TemperatureScaling() {}

  /**
   * Fits on probabilities (any model's output), through their logs.
   *
   * @throws IllegalArgumentException when the inputs are empty or do not fit together
   */
  public static Calibration fitProbabilities(double[][] probs, int[] gold) {
    double[][] logs = new double[probs.length][];
    for (int i = 0; i < probs.length; i++) {
      logs[i] = new double[probs[i].length];
      for (int k = 0; k < probs[i].length; k++) {
        // a probability that underflowed to 0 becomes a very unlikely class, not -infinity (the NLL stays finite)
        logs[i][k] = Math.log(Math.max(probs[i][k], Double.MIN_NORMAL));
      }
    }
    return fitLogits(logs, gold);
  }

  /** Fits on logits (or any log-scores; a constant shift per row does not matter). */
  public static Calibration fitLogits(double[][] logits, int[] gold) {
    if (logits.length == 0 || logits.length != gold.length) {
      throw new IllegalArgumentException("temperature scaling needs one gold label per row and at least one row;"
          + " got " + logits.length + " rows and " + gold.length + " labels");
    }
    double lo = Math.log(MIN_T);
    double hi = Math.log(MAX_T);
    double a = hi - GOLDEN * (hi - lo);
    double b = lo + GOLDEN * (hi - lo);
    double fa = nll(logits, gold, Math.exp(a));
    double fb = nll(logits, gold, Math.exp(b));
    while (hi - lo > TOLERANCE) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - GOLDEN * (hi - lo);
        fa = nll(logits, gold, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + GOLDEN * (hi - lo);
        fb = nll(logits, gold, Math.exp(b));
      }
    }
    return Calibration.temperature(Math.exp((lo + hi) / 2));
  }

  /** Mean negative log-likelihood of the gold classes under {@code softmax(z / T)}. */
  public static double nll(double[][] logits, int[] gold, double temperature) {
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      double[] z = logits[i];
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v / temperature);
      }
      double norm = 0;
      for (double v : z) {
        norm += Math.exp(v / temperature - max);
      }
      sum -= z[gold[i]] / temperature - max - Math.log(norm);
    }
    return sum / logits.length;
  }

  /** {@code softmax(z / T)}, computed stably; {@code -infinity} entries get probability 0. */
  public static double[] softmax(double[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logits) {
      max = Math.max(max, v);
    }
    double[] out = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      out[k] = Math.exp((logits[k] - max) / temperature);
      sum += out[k];
    }
    for (int k = 0; k < out.length; k++) {
      out[k] /= sum;
    }
    return out;
  }
}
