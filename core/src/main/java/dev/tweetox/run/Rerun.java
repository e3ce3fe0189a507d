package dev.tweetox.run;

import java.util.Optional;

/**
 * What a rerun in an existing run directory should redo beyond the stages whose inputs changed.
 *
 * @param force redo every stage
 * @param redoFrom redo this stage and every stage downstream of it
 */
public record Rerun(boolean force, Optional<Stage> redoFrom) {
  /** Redo only what changed: the normal case. */
  public static final Rerun CHANGED = new Rerun(false, Optional.empty());

  /** Whether the user asked for this stage to be redone. */
  public boolean asked(Stage stage) {
    return force || redoFrom.map(r -> r.equals(stage) || stage.dependsOn(r)).orElse(false);
  }

  /** The flag that asked for it, for the log line. */
  String flag() {
    return force ? "--force" : "--redo " + redoFrom.map(Stage::key).orElse("");
  }
}
