package dev.tweetox.transformer.training;

/**
 * A rule or side effect hooked into {@link TrainingLoop}: progress, the metric log, checkpoints, the best model,
 * early stopping and pruning are each one. A new rule is a new listener, not an edit to the loop. Listeners are
 * called in the order given, every hook of one step before the next step starts; any of them may end training
 * with {@link TrainingControl#stop}.
 */
public interface TrainingListener {
  /**
   * One optimizer step, as listeners see it.
   *
   * @param step optimizer steps done, this one included
   * @param epochPos epoch position after it (1.0 = end of the first epoch)
   * @param samples examples in its batch
   * @param meanLoss mean training loss of the epoch so far
   * @param learningRate the rate the step used
   * @param elapsedSeconds training time so far, summed over resumes
   * @param validates whether a validation follows this step
   * @param epochEnd whether it was the last step of its epoch
   */
  record Step(int step, double epochPos, int samples, double meanLoss, double learningRate,
      double elapsedSeconds, boolean validates, boolean epochEnd) {}

  /** Before the first step of this run (of a resumed training: its first step since the resume). */
  default void onStart(TrainingState state) {}

  /** After each optimizer update, before its validation if it has one. */
  default void onStep(Step step, TrainingControl run) {}

  /**
   * After a validation. The state already counts it: a better macro-F1 ({@code improved}) is the new best, and
   * otherwise the run of validations without improvement is one longer.
   */
  default void onValidation(Step step, MetricLog.Validation val, boolean improved, TrainingControl run) {}

  /** After the last step of an epoch and its validation; the state already points at the next epoch. */
  default void onEpochEnd(Step step, TrainingControl run) {}

  /** Last hook of every step, once every other hook of it is done: the state is what a resume would need. */
  default void afterStep(Step step, TrainingControl run) {}

  /** When training ends normally (all epochs, or stopped); not after a simulated kill or an exception. */
  default void onFinish(TrainingState state) {}

  /** Always called last, however the loop ends. */
  default void close() {}
}
