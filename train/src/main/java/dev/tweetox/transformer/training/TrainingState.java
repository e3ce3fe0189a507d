package dev.tweetox.transformer.training;

/**
 * Where training stands, saved as {@code state.json} in {@code checkpoint-last}. The batch order of an epoch is
 * rebuilt from the seed, so {@code epoch} and {@code batchInEpoch} are enough to continue exactly.
 *
 * @param fingerprint hash of the training config and data; a checkpoint is only resumed when it matches
 * @param step optimizer updates done
 * @param epoch current epoch (0-based)
 * @param batchInEpoch batches of {@code epoch} already done
 * @param epochLossSum sum of batch losses so far in this epoch (for the running mean)
 * @param bestMetric best validation macro-F1 so far (-1 before the first evaluation)
 * @param bestStep step of the best evaluation
 * @param evalsWithoutImprovement the patience counter
 * @param elapsedSeconds training time spent before this checkpoint (summed over resumes)
 * @param finished true once training ended (all epochs or early stop)
 */
public record TrainingState(String fingerprint, int step, int epoch, int batchInEpoch, double epochLossSum,
    double bestMetric, int bestStep, int evalsWithoutImprovement, double elapsedSeconds, boolean finished) {

  static TrainingState fresh(String fingerprint) {
    return new TrainingState(fingerprint, 0, 0, 0, 0, -1, 0, 0, 0, false);
  }
}
