package dev.tweetox.transformer.training;

/**
 * Called by the training loop after each validation (the best model is already saved by then). Returning true
 * stops training at once, as an early stop would; hyperparameter search uses it to prune a hopeless trial.
 */
@FunctionalInterface
public interface ValidationListener {
  /** Never stops. */
  ValidationListener NONE = (step, epoch, val) -> false;

  /**
   * @param step optimizer steps so far
   * @param epoch epoch position (1.0 = end of the first epoch)
   * @return true to stop training now
   */
  boolean stopAfter(int step, double epoch, MetricLog.Validation val);
}
