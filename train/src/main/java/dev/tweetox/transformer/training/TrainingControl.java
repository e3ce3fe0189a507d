package dev.tweetox.transformer.training;

import java.io.PrintWriter;

/** What listeners see of a running loop: the current (checkpointed) state, and a way to end training. */
public final class TrainingControl {
  private final String who;
  private final PrintWriter log;
  private TrainingState state;

  TrainingControl(TrainingState state, String who, PrintWriter log) {
    this.state = state;
    this.who = who;
    this.log = log;
  }

  public TrainingState state() {
    return state;
  }

  void set(TrainingState s) {
    state = s;
  }

  /**
   * Ends training after the current step, which is still checkpointed as finished (so a rerun does not resume
   * it). {@code why} is logged.
   */
  public void stop(String why) {
    log.println(who + ": " + why);
    log.flush();
    state = state.stopped();
  }

  /** Whether training ends after this step (stopped by a listener, or the last step of the last epoch). */
  public boolean stopping() {
    return state.finished();
  }
}
