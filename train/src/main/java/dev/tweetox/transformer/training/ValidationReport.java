package dev.tweetox.transformer.training;

import java.io.PrintWriter;
import java.util.Locale;

/** Logs each validation's scores, marking a new best. */
final class ValidationReport implements TrainingListener {
  private final String who;
  private final PrintWriter log;

  /** @param who the model's name at the start of each line ({@code transformer}, {@code student}) */
  ValidationReport(String who, PrintWriter log) {
    this.who = who;
    this.log = log;
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation v, boolean improved, TrainingControl run) {
    log.printf(Locale.ROOT, "%s: step %d (epoch %.2f) val macro-F1 %.4f, accuracy %.4f, loss %.4f%s%n",
        who, step.step(), step.epochPos(), v.macroF1(), v.accuracy(), v.loss(), improved ? " (best so far)" : "");
    log.flush();
  }
}
