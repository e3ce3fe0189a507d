package dev.tweetox.tuning;

import java.util.Map;
import java.util.Optional;

/**
 * One trial as the store holds it.
 *
 * @param status {@code pending}, {@code running}, {@code complete}, {@code pruned} or {@code failed}
 * @param attempts how many times a worker claimed it (more than 1 after a crashed worker's lease expired)
 * @param value best validation macro-F1 reached (for a pruned trial: before it was stopped)
 * @param testValue test macro-F1 of the trial's best model, for the strategy summary only (never for selection)
 * @param bestEpoch the epoch position of the best validation
 * @param checkpoint the directory holding the trial's best model, if it keeps one
 */
public record TrialRecord(int number, Map<String, Object> params, String status, String worker, int attempts,
    Long startedMs, Long finishedMs, Double value, Double testValue, Double bestEpoch, String checkpoint,
    String error) {
  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String COMPLETE = "complete";
  public static final String PRUNED = "pruned";
  public static final String FAILED = "failed";

  public boolean done() {
    return status.equals(COMPLETE) || status.equals(PRUNED) || status.equals(FAILED);
  }

  public Optional<Double> seconds() {
    return startedMs == null || finishedMs == null ? Optional.empty()
        : Optional.of((finishedMs - startedMs) / 1000.0);
  }
}
