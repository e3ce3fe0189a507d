package dev.tweetox.transformer.training;

import java.util.Locale;

/** Stops after {@code patience} validations in a row without a better macro-F1. */
final class EarlyStopping implements TrainingListener {
  private final int patience;

  EarlyStopping(int patience) {
    this.patience = patience;
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation val, boolean improved, TrainingControl run) {
    TrainingState s = run.state();
    if (s.evalsWithoutImprovement() >= patience) {
      run.stop(String.format(Locale.ROOT, "early stop, no better val macro-F1 in %d evaluations (best %.4f at"
          + " step %d)", s.evalsWithoutImprovement(), s.bestMetric(), s.bestStep()));
    }
  }
}
