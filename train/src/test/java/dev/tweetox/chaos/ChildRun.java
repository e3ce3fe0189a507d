package dev.tweetox.chaos;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One child process of the chaos check: its log and whether it ran to the end. */
record ChildRun(Path output, String text, boolean finished) {
  private static final Pattern RESUMED = Pattern.compile("resuming from .* at step (\\d+)");
  private static final Pattern SKIPPED = Pattern.compile("(?m)^[a-z]+: up to date \\(.*\\), skipped$");

  /** The child's last line: the stages that ran, with seconds. */
  String ranLine() {
    int i = text.lastIndexOf(ChaosCheck.RAN);
    return i < 0 ? "" : text.substring(i + ChaosCheck.RAN.length()).strip();
  }

  int stagesRan() {
    String ran = ranLine();
    return ran.isEmpty() ? 0 : ran.split(",").length;
  }

  int stagesSkipped() {
    return (int) SKIPPED.matcher(text).results().count();
  }

  Optional<Integer> resumedStep() {
    Matcher m = RESUMED.matcher(text);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}
