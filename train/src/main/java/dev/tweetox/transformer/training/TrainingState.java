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

  /** One more step: batch {@code batchInEpoch} of the epoch is done, its loss added to {@code epochLossSum}. */
  TrainingState stepped(int batchInEpoch, double epochLossSum, double elapsedSeconds) {
    return new TrainingState(fingerprint, step + 1, epoch, batchInEpoch, epochLossSum, bestMetric, bestStep,
        evalsWithoutImprovement, elapsedSeconds, finished);
  }

  /** After a validation scoring {@code macroF1}: a new best, or one more validation without improvement. */
  TrainingState validated(double macroF1) {
    return macroF1 > bestMetric
        ? new TrainingState(fingerprint, step, epoch, batchInEpoch, epochLossSum, macroF1, step, 0, elapsedSeconds,
            finished)
        : new TrainingState(fingerprint, step, epoch, batchInEpoch, epochLossSum, bestMetric, bestStep,
            evalsWithoutImprovement + 1, elapsedSeconds, finished);
  }

  /** At the start of the next epoch; finished after the last of {@code epochs}. */
  TrainingState nextEpoch(int epochs) {
    return new TrainingState(fingerprint, step, epoch + 1, 0, 0, bestMetric, bestStep, evalsWithoutImprovement,
        elapsedSeconds, finished || epoch + 1 >= epochs);
  }

  TrainingState stopped() {
    return new TrainingState(fingerprint, step, epoch, batchInEpoch, epochLossSum, bestMetric, bestStep,
        evalsWithoutImprovement, elapsedSeconds, true);
  }
}
