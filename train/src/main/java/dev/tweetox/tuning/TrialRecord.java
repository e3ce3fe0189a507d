package dev.tweetox.tuning;

import java.util.Map;
import java.util.Optional;

/**
 * One trial as the store holds it.
 *
 * @param status where the trial is: pending, running or done (complete, pruned or failed)
 * @param attempts how many times a worker claimed it (more than 1 after a crashed worker's lease expired)
 * @param value best validation macro-F1 reached (for a pruned trial: before it was stopped)
 * @param testValue test macro-F1 of the trial's best model, for the strategy summary only (never for selection)
 * @param bestEpoch the epoch position of the best validation
 * @param checkpoint the directory holding the trial's best model, if it keeps one
 */
public record TrialRecord(int number, Map<String, Object> params, TrialStatus status, String worker, int attempts,
    Long startedMs, Long finishedMs, Double value, Double testValue, Double bestEpoch, String checkpoint,
    String error) {
  public boolean done() {
    return status.done();
  }

  public Optional<Double> seconds() {
    return startedMs == null || finishedMs == null ? Optional.empty()
        : Optional.of((finishedMs - startedMs) / 1000.0);
  }
}
