package dev.tweetox.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A training-free objective: the validation score of epoch {@code e} is {@code quality(params) * e / epochs},
 * where quality peaks at learning rate 3e-5. Each run appends "trial-number" to {@code ranLog} when given, and
 * sleeps {@code msPerEpoch} per epoch so other processes can interleave.
 */
final class FakeObjective implements Objective {
  private final long msPerEpoch;
  private final Path ranLog;

  FakeObjective(long msPerEpoch, Path ranLog) {
    this.msPerEpoch = msPerEpoch;
    this.ranLog = ranLog;
  }

  static double quality(Map<String, Object> params) {
    double lr = ((Number) params.getOrDefault("learningRate", 3e-5)).doubleValue();
    return 0.8 - 0.1 * Math.abs(Math.log10(lr / 3e-5));
  }

  @Override
  public TrialOutcome run(int number, Map<String, Object> params, Path trialDir, Reporter reporter) {
    if (ranLog != null) {
      try {
        Files.writeString(ranLog, number + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int epochs = ((Number) params.getOrDefault("epochs", 3)).intValue();
    double best = 0;
    for (int e = 1; e <= epochs; e++) {
      if (msPerEpoch > 0) {
        try {
          Thread.sleep(msPerEpoch);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return TrialOutcome.failed("interrupted");
        }
      }
      double v = quality(params) * e / epochs;
      best = Math.max(best, v);
      if (!reporter.report(e, e, e, v, v, 1 - v)) {
        return TrialOutcome.pruned(best, (double) e, null);
      }
    }
    return TrialOutcome.complete(best, best - 0.01, (double) epochs, trialDir.toString());
  }
}
