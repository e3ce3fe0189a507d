package dev.tweetox.eval;

/**
 * A one-vs-rest curve for one class: ROC (x = false positive rate, y = true positive rate) or precision-recall
 * (x = recall, y = precision), with the threshold behind each point and the curve's summary score (ROC AUC or
 * average precision). Points are ordered by decreasing threshold. Immutable; accessors return copies.
 *
 * <p>A curve is undefined when the split has no positive (or, for ROC, no negative) example of the class: it then
 * has no points and its score is {@code NaN}.
 */
public final class Curve {
  private final double[] x;
  private final double[] y;
  private final double[] thresholds;
  private final double score;

  Curve(double[] x, double[] y, double[] thresholds, double score) {
    if (x.length != y.length || x.length != thresholds.length) {
      throw new IllegalArgumentException("curve arrays differ in length");
    }
    this.x = x.clone();
    this.y = y.clone();
    this.thresholds = thresholds.clone();
    this.score = score;
  }

  static Curve undefined() {
    return new Curve(new double[0], new double[0], new double[0], Double.NaN);
  }

  public boolean isDefined() {
    return !Double.isNaN(score);
  }

  public int size() {
    return x.length;
  }

  public double x(int i) {
    return x[i];
  }

  public double y(int i) {
    return y[i];
  }

  public double[] xs() {
    return x.clone();
  }

  public double[] ys() {
    return y.clone();
  }

  /** The score threshold of each point; the first ROC point (0, 0) has {@code +Infinity}. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** ROC AUC or average precision; {@code NaN} when undefined. */
  public double score() {
    return score;
  }
}
