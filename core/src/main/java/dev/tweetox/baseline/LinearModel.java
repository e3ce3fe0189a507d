package dev.tweetox.baseline;

import dev.tweetox.features.SparseMatrix;

/**
 * The fitted linear part of the baseline: one decision function {@code w . x + b} per class, or a single one (for
 * class index 1) when there are two classes, exactly as liblinear trains one-vs-rest logistic regression.
 *
 * <p>Probabilities follow liblinear (and scikit-learn's liblinear {@code predict_proba}): with two classes
 * {@code p1 = sigmoid(d)} and {@code p0 = 1 - p1}; with more, each class's sigmoid is divided by their sum.
 * Immutable.
 */
public final class LinearModel {
  private final int classes;
  private final double[][] weights;
  private final double[] bias;

  /**
   * @param weights one row per decision function ({@code classes} rows, or 1 when {@code classes == 2}), each as
   *     long as the feature count
   */
  public LinearModel(int classes, double[][] weights, double[] bias) {
    int expected = classes == 2 ? 1 : classes;
    if (classes < 2 || weights.length != expected || bias.length != expected) {
      throw new IllegalArgumentException("need " + expected + " decision functions for " + classes + " classes");
    }
    for (double[] w : weights) {
      if (w.length != weights[0].length) {
        throw new IllegalArgumentException("weight rows differ in length");
      }
    }
    this.classes = classes;
    this.weights = new double[expected][];
    for (int i = 0; i < expected; i++) {
      this.weights[i] = weights[i].clone();
    }
    this.bias = bias.clone();
  }

  public int classes() {
    return classes;
  }

  public int features() {
    return weights[0].length;
  }

  /** Number of decision functions stored: 1 for two classes, otherwise one per class. */
  public int decisionFunctions() {
    return weights.length;
  }

  /** A copy of decision function {@code i}'s feature weights. */
  public double[] weights(int i) {
    return weights[i].clone();
  }

  /** Decision function {@code i}'s weight of one feature, without copying the row. */
  public double weight(int i, int feature) {
    return weights[i][feature];
  }

  public double bias(int i) {
    return bias[i];
  }

  /** Class probabilities, one row per matrix row; each row sums to 1. */
  public double[][] predictProba(SparseMatrix x) {
    if (x.cols() != features()) {
      throw new IllegalArgumentException("matrix has " + x.cols() + " columns, model expects " + features());
    }
    double[][] out = new double[x.rows()][classes];
    for (int r = 0; r < x.rows(); r++) {
      double[] p = out[r];
      if (weights.length == 1) {
        p[1] = sigmoid(decision(x, r, 0));
        p[0] = 1 - p[1];
      } else {
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          p[k] = sigmoid(decision(x, r, k));
          sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
          p[k] /= sum;
        }
      }
    }
    return out;
  }

  /** The most probable class of each row (the lowest index on a tie). */
  public int[] predict(SparseMatrix x) {
    double[][] proba = predictProba(x);
    int[] pred = new int[proba.length];
    for (int r = 0; r < proba.length; r++) {
      pred[r] = argmax(proba[r]);
    }
    return pred;
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private double decision(SparseMatrix x, int row, int fn) {
    double[] w = weights[fn];
    double d = bias[fn];
    for (int p = x.rowStart(row); p < x.rowEnd(row); p++) {
      d += w[x.col(p)] * x.value(p);
    }
    return d;
  }

  private static double sigmoid(double d) {
    return 1 / (1 + Math.exp(-d));
  }
}
