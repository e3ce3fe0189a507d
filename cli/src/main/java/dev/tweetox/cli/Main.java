package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Entry point of the {@code tweetox} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, shared by {@link #main} and the tests. User errors ({@link TweetoxException}, I/O
   * failures, an option value that does not convert) print one line and exit 2; anything else is a bug, exits 1 and
   * prints the stack trace with --debug.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TweetoxCommand());
    CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((ex, args) -> {
      if (!(ex.getCause() instanceof CommandLine.TypeConversionException)) {
        return usage.handleParseException(ex, args); // unknown or missing options: the message and the usage
      }
      ex.getCommandLine().getErr().println("tweetox: error: " + ex.getMessage());
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      boolean debug = parseResult.hasMatchedOption("--debug")
          || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
      if (ex instanceof TweetoxException || ex instanceof UncheckedIOException) {
        cmd.getErr().println("tweetox: error: " + ex.getMessage());
        if (debug) {
          ex.printStackTrace(cmd.getErr());
        }
        return 2;
      }
      cmd.getErr().println("tweetox: internal error: " + ex
          + (debug ? "" : " (rerun with --debug for the stack trace, and please report it)"));
      if (debug) {
        ex.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cl;
  }
}
