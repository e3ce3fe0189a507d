package dev.tweetox.transformer.training;

import java.io.PrintWriter;
import java.util.Locale;

/** Logs each validation's scores, marking a new best. */
final class ValidationReport implements TrainingListener {
  private final PrintWriter log;

  ValidationReport(PrintWriter log) {
    this.log = log;
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation v, boolean improved, TrainingControl run) {
    log.printf(Locale.ROOT, "transformer: step %d (epoch %.2f) val macro-F1 %.4f, accuracy %.4f, loss %.4f%s%n",
        step.step(), step.epochPos(), v.macroF1(), v.accuracy(), v.loss(), improved ? " (best so far)" : "");
    log.flush();
  }
}
