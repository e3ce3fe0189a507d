package dev.tweetox.tuning;

import java.nio.file.Path;
import java.util.Map;

/** Trains and scores one configuration. Implementations call {@link Reporter#report} after each validation. */
public interface Objective {
  /**
   * @param number the trial number
   * @param params the trial's parameters (canonical types: Double, Integer, String)
   * @param trialDir a folder the trial may write to (its checkpoint); the same on a retry of this trial
   */
  TrialOutcome run(int number, Map<String, Object> params, Path trialDir, Reporter reporter);

  /**
   * Test macro-F1 of a finished trial's kept model, for objectives that leave it out of {@link #run} because it is
   * costly; null when unknown. Called for each study's best trial only, and never used to choose.
   */
  default Double testScore(TrialRecord trial) {
    return trial.testValue();
  }

  /** The channel from a running trial back to its study. */
  interface Reporter {
    /**
     * Records one validation and asks whether to go on.
     *
     * @param step optimizer step (or any increasing position)
     * @param epoch epoch position (1.0 = end of the first epoch)
     * @param budget the budget used so far, in the study's halving unit (epochs or training samples)
     * @return false when the trial should stop now (pruned)
     */
    boolean report(int step, double epoch, double budget, double macroF1, double accuracy, double loss);
  }
}
