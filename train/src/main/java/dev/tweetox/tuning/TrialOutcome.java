package dev.tweetox.tuning;

/**
 * How a trial ended, as written to the store.
 *
 * @param status {@link TrialStatus#COMPLETE}, {@link TrialStatus#PRUNED} or {@link TrialStatus#FAILED}
 */
public record TrialOutcome(TrialStatus status, Double value, Double testValue, Double bestEpoch, String checkpoint,
    String error) {
  public static TrialOutcome complete(double value, Double testValue, Double bestEpoch, String checkpoint) {
    return new TrialOutcome(TrialStatus.COMPLETE, value, testValue, bestEpoch, checkpoint, null);
  }

  public static TrialOutcome pruned(double value, Double bestEpoch, String checkpoint) {
    return new TrialOutcome(TrialStatus.PRUNED, value, null, bestEpoch, checkpoint, null);
  }

  public static TrialOutcome failed(String error) {
    return new TrialOutcome(TrialStatus.FAILED, null, null, null, null, error);
  }
}
