package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import java.util.Arrays;
import java.util.Locale;

/** Where a trial is in its life; stored in {@code tune_trial.status} as the lowercase {@link #key()}. */
public enum TrialStatus {
  /** Not yet claimed by a worker. */
  PENDING,
  /** Claimed; its worker renews a lease while it trains. */
  RUNNING,
  /** Trained to the end of its budget. */
  COMPLETE,
  /** Stopped early by successive halving. */
  PRUNED,
  /** Ended with an error, kept in the trial's {@code error}. */
  FAILED;

  /** {@code pending}, {@code running}, ...: the word in the database and the tables. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the trial has ended, well or not. */
  public boolean done() {
    return this == COMPLETE || this == PRUNED || this == FAILED;
  }

  /** The status stored as {@code key}; the error names the value and the valid ones. */
  public static TrialStatus fromKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst().orElseThrow(() ->
        new TweetoxException("the study store holds a trial with status '" + key + "', expected one of "
            + Arrays.stream(values()).map(TrialStatus::key).toList() + "; was it written by another program?"));
  }

  @Override
  public String toString() {
    return key();
  }
}
