package dev.tweetox.baseline;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.features.SparseMatrix;
import java.util.Random;

/**
 * One-vs-rest logistic regression fitted with liblinear, set up like scikit-learn's
 * {@code LogisticRegression(solver="liblinear")}: primal solvers, an intercept fitted as a constant feature of value
 * 1 (regularised, as {@code intercept_scaling=1} does), class weights as per-class C.
 *
 * <p>Thread-safe: liblinear 2.44 keeps its random generator in each {@link Parameter} (only the L1 solver draws
 * from it), and each fit gets its own generator seeded from the caller's seed, so parallel fits are reproducible.
 */
public final class LogisticRegression {
  static {
    Linear.disableDebugOutput();
  }

  private LogisticRegression() {}

  /**
   * Training rows converted once to liblinear's layout, so a grid of fits on the same fold shares them (liblinear
   * never modifies its input).
   */
  public static final class TrainingData {
    private final Problem problem;
    private final int features;
    private final int[] classCounts;
    private final LabelSet labels;

    private TrainingData(Problem problem, int features, int[] classCounts, LabelSet labels) {
      this.problem = problem;
      this.features = features;
      this.classCounts = classCounts;
      this.labels = labels;
    }

    public int[] classCounts() {
      return classCounts.clone();
    }

    Problem problem() {
      return problem;
    }
  }

  /**
   * Converts a feature matrix and class indices for fitting.
   *
   * @throws TweetoxException when a class of {@code labels} has no example: one-vs-rest cannot fit it
   */
  public static TrainingData prepare(SparseMatrix x, int[] y, LabelSet labels) {
    if (x.rows() != y.length) {
      throw new IllegalArgumentException(x.rows() + " rows but " + y.length + " labels");
    }
    int k = labels.size();
    int[] counts = new int[k];
    for (int label : y) {
      if (label < 0 || label >= k) {
        throw new IllegalArgumentException("class index " + label + " outside 0.." + (k - 1));
      }
      counts[label]++;
    }
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) {
        throw new TweetoxException("baseline training: class '" + labels.name(c) + "' has no training examples"
            + " among " + y.length + " texts; check data.labels or use a larger training split");
      }
    }
    Problem prob = new Problem();
    prob.l = x.rows();
    prob.n = x.cols() + 1; // the last feature is the constant bias feature
    prob.bias = 1.0;
    prob.y = new double[x.rows()];
    prob.x = new Feature[x.rows()][];
    for (int r = 0; r < x.rows(); r++) {
      int start = x.rowStart(r);
      Feature[] row = new Feature[x.rowEnd(r) - start + 1];
      for (int p = start; p < x.rowEnd(r); p++) {
        row[p - start] = new FeatureNode(x.col(p) + 1, x.value(p));
      }
      row[row.length - 1] = new FeatureNode(prob.n, prob.bias);
      prob.x[r] = row;
      prob.y[r] = y[r];
    }
    return new TrainingData(prob, x.cols(), counts, labels);
  }

  /**
   * The liblinear primal solver of a penalty, the one scikit-learn uses: coordinate descent (newGLMNET) for L1,
   * trust-region Newton for L2 ({@code dual=False}).
   */
  static SolverType solver(Penalty penalty) {
    return switch (penalty) {
      case L1 -> SolverType.L1R_LR;
      case L2 -> SolverType.L2R_LR;
    };
  }

  /** Fits one model. Deterministic for the same data, parameters and seed. */
  public static LinearModel fit(TrainingData data, LrParams params, double tolerance, long seed) {
    return toLinearModel(train(data, params, tolerance, seed), data.classCounts.length, data.features);
  }

  /** liblinear's own model, for tests that compare against its predictions. */
  static Model train(TrainingData data, LrParams params, double tolerance, long seed) {
    int k = data.classCounts.length;
    Parameter param = new Parameter(solver(params.penalty()), params.c(), tolerance);
    param.setRandom(new Random(seed));
    double[] classWeights = params.classWeight().weights(data.classCounts, data.labels);
    int[] weightLabels = new int[k];
    for (int c = 0; c < k; c++) {
      weightLabels[c] = c;
    }
    param.setWeights(classWeights, weightLabels);
    return Linear.train(data.problem, param);
  }

  /**
   * Reads liblinear's weights into class-index order. liblinear orders classes by first appearance, and for two
   * classes keeps one vector for its first label; {@code getDecfunCoef} handles the sign for either label.
   */
  private static LinearModel toLinearModel(Model model, int k, int features) {
    int[] order = model.getLabels();
    int[] position = new int[k];
    for (int i = 0; i < order.length; i++) {
      position[order[i]] = i;
    }
    int fns = k == 2 ? 1 : k;
    double[][] w = new double[fns][features];
    double[] b = new double[fns];
    for (int fn = 0; fn < fns; fn++) {
      int cls = k == 2 ? 1 : fn;
      int labelIdx = position[cls];
      for (int j = 0; j < features; j++) {
        w[fn][j] = model.getDecfunCoef(j + 1, labelIdx);
      }
      b[fn] = model.getDecfunBias(labelIdx);
    }
    return new LinearModel(k, w, b);
  }
}
