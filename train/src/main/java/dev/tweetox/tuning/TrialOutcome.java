package dev.tweetox.tuning;

/**
 * How a trial ended, as written to the store.
 *
 * @param status {@link TrialRecord#COMPLETE}, {@link TrialRecord#PRUNED} or {@link TrialRecord#FAILED}
 */
public record TrialOutcome(String status, Double value, Double testValue, Double bestEpoch, String checkpoint,
    String error) {
  public static TrialOutcome complete(double value, Double testValue, Double bestEpoch, String checkpoint) {
    return new TrialOutcome(TrialRecord.COMPLETE, value, testValue, bestEpoch, checkpoint, null);
  }

  public static TrialOutcome pruned(double value, Double bestEpoch, String checkpoint) {
    return new TrialOutcome(TrialRecord.PRUNED, value, null, bestEpoch, checkpoint, null);
  }

  public static TrialOutcome failed(String error) {
    return new TrialOutcome(TrialRecord.FAILED, null, null, null, null, error);
  }
}
