package dev.tweetox.eval;

/**
 * One class's scores, computed one-vs-rest. A ratio whose denominator is zero is 0 (sklearn's {@code
 * zero_division=0}).
 *
 * @param name the class name from the label set
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN)
 * @param f1 2TP / (2TP + FP + FN), the harmonic mean of precision and recall
 * @param support how many gold examples have this class
 */
public record ClassMetrics(String name, double precision, double recall, double f1, int support) {
  static ClassMetrics of(String name, int tp, int fp, int fn) {
    return new ClassMetrics(name, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2.0 * tp, 2.0 * tp + fp + fn), tp + fn);
  }

  static double ratio(double num, double den) {
    return den == 0 ? 0.0 : num / den;
  }
}
