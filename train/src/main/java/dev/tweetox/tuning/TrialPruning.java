package dev.tweetox.tuning;

import dev.tweetox.transformer.training.MetricLog;
import dev.tweetox.transformer.training.TrainingControl;
import dev.tweetox.transformer.training.TrainingListener;
import java.util.Locale;

/** Reports each validation of a trial to its study, and stops the trial when the study prunes it. */
final class TrialPruning implements TrainingListener {
  private final Objective.Reporter reporter;
  private final int samplesPerStep;
  private boolean pruned;

  /** @param samplesPerStep the budget a step uses when the study counts samples; 0 when it counts epochs */
  TrialPruning(Objective.Reporter reporter, int samplesPerStep) {
    this.reporter = reporter;
    this.samplesPerStep = samplesPerStep;
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation v, boolean improved, TrainingControl run) {
    if (run.stopping()) {
      return; // early stopping already ended the trial here; there is nothing left to prune
    }
    double budget = samplesPerStep > 0 ? (double) step.step() * samplesPerStep : step.epochPos();
    if (!reporter.report(step.step(), step.epochPos(), budget, v.macroF1(), v.accuracy(), v.loss())) {
      pruned = true;
      run.stop(String.format(Locale.ROOT, "stopped after step %d by the tuner (pruned)", step.step()));
    }
  }

  boolean pruned() {
    return pruned;
  }
}
