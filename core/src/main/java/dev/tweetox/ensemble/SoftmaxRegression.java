package dev.tweetox.ensemble;

/**
 * Multinomial (softmax) logistic regression on a few dense features, L2-regularised like scikit-learn's
 * {@code LogisticRegression(C=c)}: it minimises {@code c * sum(-log p(y_i|x_i)) + ||W||^2 / 2}, the intercepts left
 * unpenalised. Fitted by Newton's method with a backtracking line search: with a handful of features the full Hessian
 * is tiny, and the fit is exact and deterministic (no random start, no learning rate to tune). Immutable.
 *
 * <p>The baseline's liblinear model is one-vs-rest with sigmoid scores; stacking wants calibrated multi-class
 * probabilities, which the softmax gives directly.
 */
public final class SoftmaxRegression {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-9;
  /**
   * Relative ridge on the Hessian's diagonal: it keeps the Hessian invertible along the one direction softmax cannot
   * see (every intercept shifted by the same amount), which {@link #centre} then removes.
   */
  private static final double DAMPING = 1e-8;

  private final double[][] weights;
  private final double[] bias;

  /** @param weights one row per class, one column per feature */
  public SoftmaxRegression(double[][] weights, double[] bias) {
    if (weights.length < 2 || bias.length != weights.length) {
      throw new IllegalArgumentException("need one weight row and one bias per class, at least 2 classes");
    }
    this.weights = new double[weights.length][];
    for (int k = 0; k < weights.length; k++) {
      if (weights[k].length != weights[0].length) {
        throw new IllegalArgumentException("weight rows differ in length");
      }
      this.weights[k] = weights[k].clone();
    }
    this.bias = bias.clone();
  }

  public int classes() {
    return weights.length;
  }

  public int features() {
    return weights[0].length;
  }

  /** A copy of class {@code k}'s feature weights. */
  public double[] weights(int k) {
    return weights[k].clone();
  }

  public double bias(int k) {
    return bias[k];
  }

  /**
   * Fits the model.
   *
   * @param x one row per example, all of the same length
   * @param y class index per example, in {@code 0..classes-1}
   * @param c inverse regularisation strength (larger fits harder), positive
   */
  public static SoftmaxRegression fit(double[][] x, int[] y, int classes, double c) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels; need the same, at least 1");
    }
    if (!(c > 0) || classes < 2) {
      throw new IllegalArgumentException("need c > 0 and at least 2 classes, got c=" + c + ", " + classes);
    }
    int d = x[0].length;
    int width = d + 1;
    double[] theta = new double[classes * width]; // class k: weights at k*width .. +d-1, bias at k*width+d
    double loss = objective(theta, x, y, classes, c);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      int n = theta.length;
      double[] grad = new double[n];
      double[][] hess = new double[n][n];
      derivatives(theta, x, y, classes, c, grad, hess);
      double[] step = Cholesky.solve(hess, grad);
      double slope = 0;
      for (int i = 0; i < n; i++) {
        slope += grad[i] * step[i];
      }
      if (slope < TOLERANCE * Math.max(1, Math.abs(loss))) {
        break; // the Newton decrement is negligible: converged
      }
      double t = 1;
      double[] next = new double[n];
      double nextLoss;
      while (true) {
        for (int i = 0; i < n; i++) {
          next[i] = theta[i] - t * step[i];
        }
        nextLoss = objective(next, x, y, classes, c);
        if (nextLoss <= loss - 1e-4 * t * slope || t < 1e-10) {
          break;
        }
        t /= 2;
      }
      if (!(nextLoss < loss)) {
        break;
      }
      theta = centre(next, d, classes);
      loss = nextLoss;
    }
    double[][] w = new double[classes][d];
    double[] b = new double[classes];
    for (int k = 0; k < classes; k++) {
      System.arraycopy(theta, k * width, w[k], 0, d);
      b[k] = theta[k * width + d];
    }
    return new SoftmaxRegression(w, b);
  }

  /** Shifts the intercepts to sum to 0: the same probabilities, and one answer for the same data. */
  private static double[] centre(double[] theta, int d, int classes) {
    double mean = 0;
    for (int k = 0; k < classes; k++) {
      mean += theta[k * (d + 1) + d] / classes;
    }
    for (int k = 0; k < classes; k++) {
      theta[k * (d + 1) + d] -= mean;
    }
    return theta;
  }

  /** Class probabilities, one row per input row; each row sums to 1. */
  public double[][] predictProba(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != features()) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, the model expects "
            + features());
      }
      double[] z = new double[classes()];
      for (int k = 0; k < z.length; k++) {
        double s = bias[k];
        for (int j = 0; j < x[i].length; j++) {
          s += weights[k][j] * x[i][j];
        }
        z[k] = s;
      }
      out[i] = softmax(z);
    }
    return out;
  }

  private static double[] scores(double[] theta, double[] row, int classes) {
    int width = row.length + 1;
    double[] z = new double[classes];
    for (int k = 0; k < classes; k++) {
      double s = theta[k * width + row.length];
      for (int j = 0; j < row.length; j++) {
        s += theta[k * width + j] * row[j];
      }
      z[k] = s;
    }
    return z;
  }

  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static double objective(double[] theta, double[][] x, int[] y, int classes, double c) {
    double nll = 0;
    for (int i = 0; i < x.length; i++) {
      double[] z = scores(theta, x[i], classes);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v - max);
      }
      nll += max + Math.log(sum) - z[y[i]];
    }
    return c * nll + penalty(theta, x[0].length, classes);
  }

  private static double penalty(double[] theta, int d, int classes) {
    double s = 0;
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < d; j++) {
        s += theta[k * (d + 1) + j] * theta[k * (d + 1) + j];
      }
    }
    return s / 2;
  }

  /** Gradient and Hessian of the objective at {@code theta}, accumulated into {@code grad} and {@code hess}. */
  private static void derivatives(double[] theta, double[][] x, int[] y, int classes, double c, double[] grad,
      double[][] hess) {
    int d = x[0].length;
    int width = d + 1;
    double[] xt = new double[width];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, xt, 0, d);
      xt[d] = 1;
      double[] p = softmax(scores(theta, x[i], classes));
      for (int k = 0; k < classes; k++) {
        double r = p[k] - (y[i] == k ? 1 : 0);
        for (int j = 0; j < width; j++) {
          grad[k * width + j] += c * r * xt[j];
        }
        for (int l = k; l < classes; l++) {
          double h = c * ((k == l ? p[k] : 0) - p[k] * p[l]);
          for (int j = 0; j < width; j++) {
            double hj = h * xt[j];
            double[] hrow = hess[k * width + j];
            for (int m = 0; m < width; m++) {
              hrow[l * width + m] += hj * xt[m];
            }
          }
        }
      }
    }
    int n = theta.length;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++) {
        hess[a][b] = hess[b][a]; // only blocks l >= k were accumulated
      }
    }
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < d; j++) {
        grad[k * width + j] += theta[k * width + j];
        hess[k * width + j][k * width + j] += 1;
      }
    }
    double maxDiag = 0;
    for (int a = 0; a < n; a++) {
      maxDiag = Math.max(maxDiag, hess[a][a]);
    }
    for (int a = 0; a < n; a++) {
      hess[a][a] += DAMPING * (1 + maxDiag);
    }
  }
}
