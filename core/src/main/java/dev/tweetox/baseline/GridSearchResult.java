package dev.tweetox.baseline;

import java.util.List;

/**
 * What a grid search found: the cross-validated score of every grid point, the winner, and the winner refitted on
 * the whole training set.
 *
 * @param scores one row per grid point, in grid order
 * @param best the grid point with the highest mean macro-F1 (the first one on a tie)
 * @param model the best point refitted on all training texts
 * @param folds cross-validation folds used; 0 for a one-point grid, fitted without cross-validation (NaN scores)
 * @param seed the seed that shuffled the folds and seeded the solver
 */
public record GridSearchResult(List<CvScore> scores, LrParams best, BaselineModel model, int folds, long seed) {
  public GridSearchResult {
    scores = List.copyOf(scores);
  }

  /**
   * Cross-validated macro-F1 of one grid point.
   *
   * @param mean mean over folds
   * @param std population standard deviation over folds (as scikit-learn's {@code std_test_score})
   * @param foldScores macro-F1 on each validation fold, in fold order
   */
  public record CvScore(LrParams params, double mean, double std, List<Double> foldScores) {
    public CvScore {
      foldScores = List.copyOf(foldScores);
    }
  }

  /** The score row of the best grid point. */
  public CvScore bestScore() {
    return scores.stream().filter(s -> s.params().equals(best)).findFirst().orElseThrow();
  }
}
