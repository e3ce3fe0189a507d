package dev.tweetox.transformer.training;

/** Saves the model whenever a validation beats every earlier one, so the saved model is the best so far. */
final class BestModelSaver implements TrainingListener {
  private final Runnable save;

  BestModelSaver(Runnable save) {
    this.save = save;
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation val, boolean improved, TrainingControl run) {
    if (improved) {
      save.run();
    }
  }
}
