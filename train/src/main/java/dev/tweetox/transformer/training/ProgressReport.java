package dev.tweetox.transformer.training;

import dev.tweetox.io.Progress;
import java.util.Locale;

/** The fine-tuning progress bar, with the epoch's mean loss and the learning rate after the speed. */
final class ProgressReport implements TrainingListener {
  private final long totalSteps;
  private Progress bar;

  ProgressReport(long totalSteps) {
    this.totalSteps = totalSteps;
  }

  @Override
  public void onStart(TrainingState state) {
    bar = Progress.start("fine-tuning", totalSteps, "steps", state.step());
  }

  @Override
  public void onStep(Step step, TrainingControl run) {
    bar.step();
    bar.message(message(step));
  }

  static String message(Step step) {
    return String.format(Locale.ROOT, "loss %.4f lr %.2e", step.meanLoss(), step.learningRate());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
