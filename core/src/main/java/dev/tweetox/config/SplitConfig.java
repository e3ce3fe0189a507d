package dev.tweetox.config;

/** Stratified train/val/test proportions. The seed is the run's seed. */
public record SplitConfig(double train, double val, double test) {
  public SplitConfig {
    Validation.inRange("split.train", train, 0.0, 1.0);
    Validation.inRange("split.val", val, 0.0, 1.0);
    Validation.inRange("split.test", test, 0.0, 1.0);
    if (Math.abs(train + val + test - 1.0) > 1e-9) {
      throw Validation.error("split", "train + val + test must be 1, got " + (train + val + test));
    }
    if (train <= 0 || val <= 0 || test <= 0) {
      throw Validation.error("split", "every part must be above 0");
    }
  }

  public static SplitConfig defaults() {
    return new SplitConfig(0.70, 0.15, 0.15);
  }
}
