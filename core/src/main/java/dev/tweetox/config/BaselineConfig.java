package dev.tweetox.config;

import java.util.List;

/**
 * TF-IDF features and the logistic-regression grid.
 *
 * <p>Word n-grams and character n-grams (inside word boundaries, like scikit-learn's {@code char_wb}) are weighted
 * separately and stacked. {@code minDf} is a document count, {@code maxDf} a document fraction.
 *
 * @param c the grid of inverse regularisation strengths
 * @param penalty the grid of penalties, {@code l1} and/or {@code l2}
 * @param classWeight the grid of class weightings: {@code none}, {@code balanced}, or explicit weights per class in
 *     label-index order written like {@code 1.2:0.8:1.2}
 * @param folds stratified cross-validation folds for the grid search
 * @param tolerance liblinear stopping tolerance of the final refit on the whole training split
 * @param cvTolerance liblinear stopping tolerance of the cross-validation fits, which only rank the grid; looser is
 *     much faster (the L1 solver at large C dominates) and moved validation macro-F1 by at most 0.002 here
 * @param threads parallel fits; 0 means all cores
 */
public record BaselineConfig(
    int wordNgramMin,
    int wordNgramMax,
    int charNgramMin,
    int charNgramMax,
    int minDf,
    double maxDf,
    boolean sublinearTf,
    int maxFeatures,
    List<Double> c,
    List<Penalty> penalty,
    List<String> classWeight,
    int folds,
    double tolerance,
    double cvTolerance,
    int threads) {

  public BaselineConfig {
    c = List.copyOf(c);
    Validation.nonEmpty("baseline.penalty", penalty);
    if (penalty.stream().anyMatch(java.util.Objects::isNull)) {
      throw Validation.error("baseline.penalty", "has an empty entry; list " + ConfigWord.keys(Penalty.values()));
    }
    penalty = List.copyOf(penalty);
    classWeight = List.copyOf(classWeight);
    if (wordNgramMin < 1 || wordNgramMax < wordNgramMin) {
      throw Validation.error("baseline.wordNgramMin/Max", "need 1 <= min <= max");
    }
    if (charNgramMax != 0 && (charNgramMin < 1 || charNgramMax < charNgramMin)) {
      throw Validation.error("baseline.charNgramMin/Max", "need 1 <= min <= max, or charNgramMax 0 to disable");
    }
    if (minDf < 1) {
      throw Validation.error("baseline.minDf", "must be at least 1, got " + minDf);
    }
    Validation.inRange("baseline.maxDf", maxDf, 1e-9, 1.0);
    if (maxFeatures < 0) {
      throw Validation.error("baseline.maxFeatures", "must be 0 (no limit) or more");
    }
    Validation.nonEmpty("baseline.c", c);
    c.forEach(v -> Validation.positive("baseline.c", v));
    Validation.nonEmpty("baseline.classWeight", classWeight);
    for (String w : classWeight) {
      if (!w.equals("none") && !w.equals("balanced") && !w.matches("\\d+(\\.\\d+)?(:\\d+(\\.\\d+)?)+")) {
        throw Validation.error("baseline.classWeight", "'" + w + "' must be none, balanced or like 1.2:0.8:1.2");
      }
    }
    if (folds < 2) {
      throw Validation.error("baseline.folds", "must be at least 2, got " + folds);
    }
    Validation.positive("baseline.tolerance", tolerance);
    Validation.positive("baseline.cvTolerance", cvTolerance);
    if (threads < 0) {
      throw Validation.error("baseline.threads", "must be 0 (all cores) or more");
    }
  }

  /** The same features and C x penalty grid with class weightings that fit two classes: none and balanced. */
  public BaselineConfig withClassWeights(List<String> weights) {
    return new BaselineConfig(wordNgramMin, wordNgramMax, charNgramMin, charNgramMax, minDf, maxDf, sublinearTf,
        maxFeatures, c, penalty, weights, folds, tolerance, cvTolerance, threads);
  }

  /** The notebook's grid (C x class weight x penalty), on word 1-2 + char 2-5 TF-IDF. */
  public static BaselineConfig defaults() {
    return new BaselineConfig(
        1, 2, 2, 5, 2, 1.0, true, 0,
        List.of(0.1, 0.5, 1.0, 2.0, 4.0, 8.0),
        List.of(Penalty.L1, Penalty.L2),
        List.of("none", "balanced", "1.2:0.8:1.2"),
        5, 1e-4, 1e-2, 0);
  }
}
