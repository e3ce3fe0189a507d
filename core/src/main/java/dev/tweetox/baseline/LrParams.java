package dev.tweetox.baseline;

import dev.tweetox.config.Penalty;

/**
 * One point of the logistic-regression grid.
 *
 * @param c inverse regularisation strength
 */
public record LrParams(double c, Penalty penalty, ClassWeighting classWeight) {
  public LrParams {
    if (!(c > 0)) {
      throw new IllegalArgumentException("C must be above 0, got " + c);
    }
  }

  @Override
  public String toString() {
    return "C=" + c + " penalty=" + penalty.key() + " classWeight=" + classWeight.spec();
  }
}
