package dev.tweetox.config;

/**
 * The operating point: which class to flag for a moderator, and how the threshold on its calibrated probability is
 * set. The threshold is chosen on the validation split, never on test: either the lowest one whose precision reaches
 * {@code minPrecision} (the most recall at that precision), or the fixed {@code threshold}. Give at most one of the
 * two; with neither, {@value #DEFAULT_MIN_PRECISION} precision is the target.
 *
 * @param flagClass a class name or value of the data's labels; empty means the data's "bad" class (see
 *     {@code dev.tweetox.calibration.Decision#flagClass}: negative for sentiment, offensive for tweeteval-offensive)
 * @param minPrecision the precision the chosen threshold must reach on validation, in (0, 1]; null for the default
 * @param threshold a fixed threshold in [0, 1] instead; null to choose one by precision
 */
public record DecisionConfig(String flagClass, Double minPrecision, Double threshold) {
  public static final double DEFAULT_MIN_PRECISION = 0.9;

  public DecisionConfig {
    flagClass = flagClass == null ? "" : flagClass.trim();
    if (minPrecision != null && threshold != null) {
      throw Validation.error("decision", "minPrecision (" + minPrecision + ") and threshold (" + threshold
          + ") are mutually exclusive; set one of them");
    }
    if (minPrecision != null && !(minPrecision > 0 && minPrecision <= 1)) {
      throw Validation.error("decision.minPrecision", minPrecision + " is outside (0, 1]");
    }
    if (threshold != null) {
      Validation.inRange("decision.threshold", threshold, 0.0, 1.0);
    }
  }

  /** The precision target, {@value #DEFAULT_MIN_PRECISION} unless set; meaningless with a fixed threshold. */
  public double effectiveMinPrecision() {
    return minPrecision == null ? DEFAULT_MIN_PRECISION : minPrecision;
  }

  public boolean hasFixedThreshold() {
    return threshold != null;
  }

  public static DecisionConfig defaults() {
    return new DecisionConfig("", null, null);
  }
}
