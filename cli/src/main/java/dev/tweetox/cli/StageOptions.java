package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.run.Rerun;
import dev.tweetox.run.Stage;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --force} and {@code --redo}: what a rerun in the same run directory redoes beyond what changed. */
public final class StageOptions {
  @Option(names = "--force", description = "Redo every stage, even those whose manifest shows them up to date.")
  boolean force;

  @Option(names = "--redo", paramLabel = "<stage>",
      description = "Redo this stage and every stage after it: prepare, baseline, transformer or evaluate.")
  String redo;

  Rerun rerun() {
    if (force && redo != null) {
      throw new TweetoxException("give either --force (redo everything) or --redo <stage>, not both");
    }
    return new Rerun(force, Optional.ofNullable(redo).map(Stage::parse));
  }
}
