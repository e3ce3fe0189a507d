package dev.tweetox.cli;

import dev.tweetox.io.Progress;
import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --debug}, shared by every command that does real work. */
public final class OutputOptions {
  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  /** Read by {@link Main}'s error handler through the parse result. */
  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /** Applies --quiet; call first in a command. */
  void apply() {
    Progress.setQuiet(quiet || Progress.isQuiet());
  }
}
