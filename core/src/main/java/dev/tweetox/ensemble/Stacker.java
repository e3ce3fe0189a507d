package dev.tweetox.ensemble;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fits the ensemble's stacker on the validation split's member probabilities: a {@link SoftmaxRegression} on each
 * member's probabilities and their logs, its C chosen by an inner cross-validation on macro-F1.
 *
 * <p>Because the stacker learns from validation, scoring it on validation afterwards would be optimistic. Its honest
 * validation score is cross-fitted: validation is cut into {@link #FOLDS} stratified folds, and each fold is
 * predicted by a stacker fitted on the other folds alone (with its own inner choice of C). Those out-of-fold
 * probabilities are what the ensemble reports as its validation metrics; the saved stacker is then refitted on all
 * of validation. The test split never reaches this class.
 */
public final class Stacker {
  /** C values the inner cross-validation chooses from, strongest regularisation first (it wins ties). */
  public static final List<Double> C_GRID = List.of(0.01, 0.1, 1.0, 10.0, 100.0);
  /** Outer (cross-fitting) and inner (choice of C) fold count. */
  public static final int FOLDS = 5;
  /** Probabilities are clipped to this before their log, so a member's hard 0 stays finite. */
  static final double MIN_PROBABILITY = 1e-6;

  private Stacker() {}

  /**
   * The fitted stacker and its honest validation output.
   *
   * @param outOfFold cross-fitted validation probabilities, one row per validation example
   * @param crossFittedMacroF1 macro-F1 of {@code outOfFold} against the validation labels
   */
  public record Fit(SoftmaxRegression model, double c, double[][] outOfFold, double crossFittedMacroF1) {}

  /**
   * Fits on validation with the default C grid and folds.
   *
   * @param memberValProbs each member's validation probabilities, in the members' order
   */
  public static Fit fit(List<double[][]> memberValProbs, int[] valGold, LabelSet labels, long seed) {
    return fit(features(memberValProbs, labels.size()), valGold, labels, C_GRID, FOLDS, seed);
  }

  /**
   * The cross-fitted validation probabilities alone, as {@link #fit} computes them with the same folds and seed; for
   * re-scoring a saved ensemble without refitting it.
   */
  public static double[][] crossFitted(List<double[][]> memberValProbs, int[] valGold, LabelSet labels, int folds,
      long seed) {
    double[][] x = features(memberValProbs, labels.size());
    folds = Math.min(folds, x.length);
    return crossFit(x, valGold, stratifiedFolds(valGold, labels.size(), folds, seed), folds, labels, C_GRID, seed);
  }

  /** Fits on prepared features; the grid and fold count are parameters for tests. */
  static Fit fit(double[][] x, int[] y, LabelSet labels, List<Double> cGrid, int folds, long seed) {
    if (x.length < 2) {
      throw new IllegalArgumentException("the stacker needs at least 2 validation rows, got " + x.length);
    }
    folds = Math.min(folds, x.length);
    int[] fold = stratifiedFolds(y, labels.size(), folds, seed);
    double[][] oof = crossFit(x, y, fold, folds, labels, cGrid, seed);
    double c = chooseC(x, y, labels, cGrid, folds, seed);
    SoftmaxRegression model = SoftmaxRegression.fit(x, y, labels.size(), c);
    return new Fit(model, c, oof, Evaluation.of(y, oof, labels).macroF1());
  }

  /**
   * Out-of-fold probabilities: row {@code i} is predicted by a stacker fitted on every row whose fold differs from
   * {@code fold[i]}, with C chosen by an inner cross-validation on those rows only.
   */
  static double[][] crossFit(double[][] x, int[] y, int[] fold, int folds, LabelSet labels, List<Double> cGrid,
      long seed) {
    double[][] out = new double[x.length][];
    for (int f = 0; f < folds; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        (fold[i] == f ? held : train).add(i);
      }
      if (held.isEmpty()) {
        continue;
      }
      double[][] xt = rows(x, train);
      int[] yt = rows(y, train);
      double c = chooseC(xt, yt, labels, cGrid, folds, seed + f + 1);
      double[][] p = SoftmaxRegression.fit(xt, yt, labels.size(), c).predictProba(rows(x, held));
      for (int h = 0; h < held.size(); h++) {
        out[held.get(h)] = p[h];
      }
    }
    return out;
  }

  /** The C of the grid with the best mean macro-F1 over {@code folds} stratified folds; the first on ties. */
  static double chooseC(double[][] x, int[] y, LabelSet labels, List<Double> cGrid, int requestedFolds, long seed) {
    int folds = Math.min(requestedFolds, x.length); // a tiny validation split: leave-one-out at most
    if (cGrid.size() == 1 || folds < 2) {
      return cGrid.get(0);
    }
    int[] fold = stratifiedFolds(y, labels.size(), folds, seed);
    double best = cGrid.get(0);
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double c : cGrid) {
      double[][] oof = new double[x.length][];
      for (int f = 0; f < folds; f++) {
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
          (fold[i] == f ? held : train).add(i);
        }
        if (held.isEmpty() || train.isEmpty()) {
          continue;
        }
        double[][] p = SoftmaxRegression.fit(rows(x, train), rows(y, train), labels.size(), c)
            .predictProba(rows(x, held));
        for (int h = 0; h < held.size(); h++) {
          oof[held.get(h)] = p[h];
        }
      }
      double score = Evaluation.of(y, oof, labels).macroF1();
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  /**
   * The stacker's input row of each example: member by member, its class probabilities then their logs (clipped at
   * {@value #MIN_PROBABILITY}). Logs let the stacker weigh the members' confidence, as a product of experts does;
   * the probabilities themselves let it average them.
   */
  public static double[][] features(List<double[][]> memberProbs, int classes) {
    int n = memberProbs.get(0).length;
    int width = 2 * classes;
    double[][] x = new double[n][width * memberProbs.size()];
    for (int m = 0; m < memberProbs.size(); m++) {
      double[][] p = memberProbs.get(m);
      if (p.length != n) {
        throw new IllegalArgumentException("member " + m + " scored " + p.length + " rows, member 0 " + n);
      }
      for (int i = 0; i < n; i++) {
        if (p[i].length != classes) {
          throw new IllegalArgumentException("member " + m + " row " + i + " has " + p[i].length
              + " probabilities, expected " + classes);
        }
        for (int k = 0; k < classes; k++) {
          x[i][m * width + k] = p[i][k];
          x[i][m * width + classes + k] = Math.log(Math.max(p[i][k], MIN_PROBABILITY));
        }
      }
    }
    return x;
  }

  /**
   * Assigns each row a fold in {@code 0..folds-1}, class by class in a seeded shuffled order, so that every fold
   * gets its share of each class.
   */
  static int[] stratifiedFolds(int[] y, int classes, int folds, long seed) {
    Random random = new Random(seed);
    int[] fold = new int[y.length];
    int next = 0;
    for (int k = 0; k < classes; k++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == k) {
          idx.add(i);
        }
      }
      java.util.Collections.shuffle(idx, random);
      for (int i : idx) {
        fold[i] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }

  private static double[][] rows(double[][] x, List<Integer> idx) {
    double[][] out = new double[idx.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[idx.get(i)];
    }
    return out;
  }

  private static int[] rows(int[] y, List<Integer> idx) {
    int[] out = new int[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = y[idx.get(i)];
    }
    return out;
  }
}
