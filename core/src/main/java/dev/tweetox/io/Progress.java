package dev.tweetox.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on standard error, for every long stage. Quiet mode (tests, {@code --quiet})
 * prints nothing. Thread-safe: parallel workers may call {@link #step} concurrently.
 */
public final class Progress implements AutoCloseable {
  private static volatile boolean quiet = Boolean.getBoolean("tweetox.quiet");
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  public static void setQuiet(boolean q) {
    quiet = q;
  }

  public static boolean isQuiet() {
    return quiet;
  }

  /**
   * @param task what is being done, e.g. "grid search"
   * @param total number of steps; the ETA is computed from it
   * @param unit what a step is, e.g. "fits" or "tweets"
   */
  public static Progress start(String task, long total, String unit) {
    return start(task, total, unit, 0);
  }

  /**
   * A bar for work resumed with {@code done} of {@code total} steps already finished: it starts there, and its
   * speed and ETA count only the steps done in this process (not the resumed ones as if they had taken no time).
   */
  public static Progress start(String task, long total, String unit, long done) {
    if (quiet) {
      return new Progress(null);
    }
    PrintStream err = System.err;
    boolean terminal = System.console() != null;
    // On a terminal the bar redraws in place; in a log file each update is its own line, every 15 s.
    return new Progress(builder(task, total, unit).startsFrom(done, Duration.ZERO)
        .setUpdateIntervalMillis(terminal ? 250 : 15_000)
        .setConsumer(terminal ? new ConsoleProgressBarConsumer(err)
            : new DelegatingProgressBarConsumer(line -> err.println(line.strip()), 100))
        .build());
  }

  /** A bar whose lines go to {@code lines} whatever the quiet flag says; for tests of the rendered text. */
  static Progress to(Consumer<String> lines, String task, long total, String unit, long done) {
    return new Progress(builder(task, total, unit).startsFrom(done, Duration.ZERO)
        .setConsumer(new DelegatingProgressBarConsumer(lines, 200)).build());
  }

  private static ProgressBarBuilder builder(String task, long total, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII);
  }

  public void step() {
    step(1);
  }

  public void step(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** Extra text shown after the bar, e.g. the current loss. */
  public void message(String extra) {
    if (bar != null) {
      // the bar appends it right after the speed ("3.1 steps/s"), with no separator of its own
      bar.setExtraMessage(extra.isEmpty() ? "" : " " + extra);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
