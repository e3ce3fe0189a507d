package dev.tweetox.baseline;

import java.util.OptionalDouble;

/**
 * Where a grid search keeps the cross-validated score of each (setting, fold) fit, so that a rerun can skip the fits
 * an interrupted run finished. Implementations must be thread-safe: parallel fits call {@link #put} concurrently.
 */
public interface FoldScores {
  /** The macro-F1 of grid point {@code setting} on validation fold {@code fold}, if it was computed before. */
  OptionalDouble find(int setting, int fold);

  /** Records a finished fit. */
  void put(int setting, int fold, double macroF1);

  /** Keeps nothing: every fit is computed. */
  static FoldScores none() {
    return new FoldScores() {
      @Override
      public OptionalDouble find(int setting, int fold) {
        return OptionalDouble.empty();
      }

      @Override
      public void put(int setting, int fold, double macroF1) {}
    };
  }
}
