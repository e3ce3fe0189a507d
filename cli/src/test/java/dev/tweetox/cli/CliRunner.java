package dev.tweetox.cli;

import dev.tweetox.io.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
final class CliRunner {
  record Result(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    String lastLine() {
      List<String> lines = outLines();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private CliRunner() {}

  static Result run(String... args) {
    Progress.setQuiet(true);
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
