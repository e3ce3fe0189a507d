package dev.tweetox.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How well confidence matches accuracy: the top-class confidence of each example is put in one of {@code n}
 * equal-width bins over (0, 1] (bin {@code b} holds {@code (b/n, (b+1)/n]}), and each bin's mean confidence is
 * compared with its accuracy. The reliability diagram plots one against the other; ECE is their gap averaged over
 * examples.
 *
 * @param bins every bin, empty ones included, in order
 */
public record Reliability(List<Bin> bins, int examples) {
  /** The report's and metrics' bin count. */
  public static final int BINS = 15;

  /**
   * @param count examples whose confidence falls in {@code (lower, upper]}
   * @param confidence their mean top-class probability (NaN when empty)
   * @param accuracy the share of them predicted right (NaN when empty)
   */
  public record Bin(double lower, double upper, int count, double confidence, double accuracy) {}

  public Reliability {
    bins = List.copyOf(bins);
  }

  /** The diagram data of probability rows against gold class indices; the predicted class is the argmax. */
  public static Reliability of(double[][] probs, int[] gold, int binCount) {
    if (probs.length != gold.length || binCount < 1) {
      throw new IllegalArgumentException("reliability needs one gold label per row and at least one bin; got "
          + probs.length + " rows, " + gold.length + " labels, " + binCount + " bins");
    }
    int[] count = new int[binCount];
    double[] conf = new double[binCount];
    int[] right = new int[binCount];
    for (int i = 0; i < probs.length; i++) {
      int top = argmax(probs[i]);
      double c = probs[i][top];
      int b = Math.max(0, Math.min(binCount - 1, (int) Math.ceil(c * binCount) - 1));
      count[b]++;
      conf[b] += c;
      right[b] += top == gold[i] ? 1 : 0;
    }
    List<Bin> bins = new ArrayList<>(binCount);
    for (int b = 0; b < binCount; b++) {
      bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b],
          count[b] == 0 ? Double.NaN : conf[b] / count[b], count[b] == 0 ? Double.NaN : (double) right[b] / count[b]));
    }
    return new Reliability(bins, probs.length);
  }

  /** Expected calibration error: {@code sum over bins of count/N * |accuracy - confidence|}. */
  public double ece() {
    double sum = 0;
    for (Bin b : bins) {
      if (b.count() > 0) {
        sum += (double) b.count() / examples * Math.abs(b.accuracy() - b.confidence());
      }
    }
    return sum;
  }

  /** {@link #ece()} with {@value #BINS} bins. */
  public static double ece(double[][] probs, int[] gold) {
    return of(probs, gold, BINS).ece();
  }

  /**
   * The multi-class Brier score: the mean over examples of {@code sum over classes (p_k - y_k)^2}, with {@code y}
   * the one-hot gold class; 0 is perfect, 2 the worst. (For two classes it is twice scikit-learn's binary
   * {@code brier_score_loss}, which looks at one column.)
   */
  public static double brier(double[][] probs, int[] gold) {
    if (probs.length == 0 || probs.length != gold.length) {
      throw new IllegalArgumentException("brier needs one gold label per row and at least one row");
    }
    double sum = 0;
    for (int i = 0; i < probs.length; i++) {
      for (int k = 0; k < probs[i].length; k++) {
        double d = probs[i][k] - (k == gold[i] ? 1 : 0);
        sum += d * d;
      }
    }
    return sum / probs.length;
  }

  /** Index of the largest value; the lowest index wins ties (as {@code Evaluation.argmax}). */
  static int argmax(double[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }
}
