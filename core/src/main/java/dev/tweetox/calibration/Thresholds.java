package dev.tweetox.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Precision and recall of "flag when the score is at least t" for one class, and the choice of t on validation.
 * Precision with nothing flagged is 0 (scikit-learn's zero_division=0).
 */
public final class Thresholds {
  private Thresholds() {}

  /** One threshold's outcome: how many were flagged, and precision, recall and F1 for the flag class. */
  public record Point(double threshold, int flagged, double precision, double recall, double f1) {}

  /**
   * The chosen threshold and its outcome on the data it was chosen on.
   *
   * @param minPrecision the target, empty for a fixed threshold
   * @param reached whether the target was met (true for a fixed threshold)
   */
  public record Choice(Point point, OptionalDouble minPrecision, boolean reached) {}

  /** The outcome of one threshold. */
  public static Point at(double[] score, boolean[] positive, double threshold) {
    check(score, positive);
    int tp = 0;
    int flagged = 0;
    int pos = 0;
    for (int i = 0; i < score.length; i++) {
      pos += positive[i] ? 1 : 0;
      if (score[i] >= threshold) {
        flagged++;
        tp += positive[i] ? 1 : 0;
      }
    }
    return point(threshold, tp, flagged, pos);
  }

  /** The outcome at 0.05, 0.10, ..., 0.95: the report's threshold table. */
  public static List<Point> grid(double[] score, boolean[] positive) {
    List<Point> out = new ArrayList<>();
    for (int i = 1; i < 20; i++) {
      out.add(at(score, positive, i / 20.0));
    }
    return out;
  }

  /**
   * The lowest threshold whose precision is at least {@code minPrecision}: precision is not monotone in the
   * threshold, but recall is, so the lowest one that reaches the target has the most recall among those that do.
   * Candidates are the scores themselves. When none reaches the target, the threshold with the highest precision,
   * the higher threshold winning ties (flag less when unsure), with {@code reached = false}.
   */
  public static Choice choose(double[] score, boolean[] positive, double minPrecision) {
    check(score, positive);
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
    int pos = 0;
    for (boolean p : positive) {
      pos += p ? 1 : 0;
    }
    Point lowestReaching = null;
    Point best = null;
    int tp = 0;
    for (int r = 0; r < order.length; r++) {
      tp += positive[order[r]] ? 1 : 0;
      double t = score[order[r]];
      if (r + 1 < order.length && score[order[r + 1]] == t) {
        continue; // all examples tied at t are flagged together
      }
      Point p = point(t, tp, r + 1, pos);
      if (p.precision() >= minPrecision) {
        lowestReaching = p;
      }
      if (best == null || p.precision() > best.precision()) {
        best = p;
      }
    }
    return lowestReaching != null ? new Choice(lowestReaching, OptionalDouble.of(minPrecision), true)
        : new Choice(best, OptionalDouble.of(minPrecision), false);
  }

  /** A fixed threshold's outcome, as a choice. */
  public static Choice fixed(double[] score, boolean[] positive, double threshold) {
    return new Choice(at(score, positive, threshold), OptionalDouble.empty(), true);
  }

  /** The flag class's column of probability rows. */
  public static double[] column(double[][] probs, int k) {
    double[] out = new double[probs.length];
    for (int i = 0; i < probs.length; i++) {
      out[i] = probs[i][k];
    }
    return out;
  }

  /** Which gold labels are the flag class. */
  public static boolean[] isClass(int[] gold, int k) {
    boolean[] out = new boolean[gold.length];
    for (int i = 0; i < gold.length; i++) {
      out[i] = gold[i] == k;
    }
    return out;
  }

  private static Point point(double t, int tp, int flagged, int pos) {
    double precision = flagged == 0 ? 0 : (double) tp / flagged;
    double recall = pos == 0 ? 0 : (double) tp / pos;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Point(t, flagged, precision, recall, f1);
  }

  private static void check(double[] score, boolean[] positive) {
    if (score.length == 0 || score.length != positive.length) {
      throw new IllegalArgumentException("thresholds need one gold flag per score and at least one score; got "
          + score.length + " scores and " + positive.length + " flags");
    }
  }
}
