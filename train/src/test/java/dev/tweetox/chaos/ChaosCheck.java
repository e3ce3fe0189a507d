package dev.tweetox.chaos;

import dev.tweetox.io.AtomicFiles;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The chaos check of issue 16: runs a tiny pipeline in a child JVM, kills it with SIGKILL at a random moment, reruns
 * it in the same run directory to the end, and checks against one uninterrupted run that the metrics are equal, that
 * no row of any CSV is duplicated or lost, and that no stage manifest left by the killed process claims outputs that
 * are not there. Reports the recomputation (rerun time and redone stages). {@code scripts/chaos} runs the main.
 *
 * <pre>ChaosCheck [--rounds N] [--seed S] [--work DIR]</pre>
 */
public final class ChaosCheck {
  static final String DATA = "tweets.csv";
  static final String BERT = "bert";
  static final String RAN = "chaos: ran ";
  private static final String CHILD_HEAP = "-Xmx1g";

  private final Path work;
  private final PrintWriter log;

  ChaosCheck(Path work, PrintWriter log) {
    this.work = work;
    this.log = log;
  }

  /** What the check found over all rounds. */
  record Summary(int rounds, int killedMidway, int violations, int rowsDuplicated, int rowsLost,
      int metricsDiffering, int stagesRedone, int stagesSkipped, double referenceSeconds, double killedSeconds,
      double rerunSeconds) {
    boolean ok() {
      return violations == 0 && rowsDuplicated == 0 && rowsLost == 0 && metricsDiffering == 0;
    }

    String text() {
      return String.format(Locale.ROOT, "chaos: %d rounds, %d killed mid-run (the rest finished before the kill);"
          + " %d rows extra (duplicated or changed), %d rows missing (lost or changed), %d rounds with other"
          + " metrics, %d half-done stages taken as done%n"
          + "chaos: recomputation: reruns took %.1f s in all (%.1f s per round; an uninterrupted run takes %.1f s),"
          + " %d stages redone and %d skipped as up to date; killed runs had used %.1f s%n"
          + "chaos: %s", rounds, killedMidway, rowsDuplicated, rowsLost, metricsDiffering, violations, rerunSeconds,
          rerunSeconds / Math.max(1, rounds), referenceSeconds, stagesRedone, stagesSkipped, killedSeconds,
          ok() ? "PASS" : "FAIL");
    }
  }

  Summary run(int rounds, long seed) {
    setUp(seed);
    Path ref = work.resolve("reference/runs/chaos");
    long t0 = System.nanoTime();
    ChildRun reference = child(ref, "reference", -1);
    double refSeconds = (System.nanoTime() - t0) / 1e9;
    if (!reference.finished()) {
      throw new IllegalStateException("the uninterrupted reference run failed; see " + reference.output());
    }
    log.printf(Locale.ROOT, "chaos: reference run in %.1f s (%s)%n", refSeconds, reference.ranLine());
    log.flush();
    RunSnapshot expected = RunSnapshot.of(ref);
    Random random = new Random(seed);
    int killedMidway = 0;
    int violations = 0;
    int dup = 0;
    int lost = 0;
    int differing = 0;
    int redone = 0;
    int skipped = 0;
    double killedSeconds = 0;
    double rerunSeconds = 0;
    for (int round = 1; round <= rounds; round++) {
      Path dir = work.resolve("round-" + round + "/runs/chaos");
      long killAfterMs = (long) (random.nextDouble() * refSeconds * 1000);
      long k0 = System.nanoTime();
      ChildRun killed = child(dir, "round-" + round + "-killed", killAfterMs);
      killedSeconds += (System.nanoTime() - k0) / 1e9;
      if (!killed.finished()) {
        killedMidway++;
      }
      List<String> halfDone = RunSnapshot.manifestsNotMatchingOutputs(new RunDirectory(dir));
      violations += halfDone.size();
      long r0 = System.nanoTime();
      ChildRun rerun = child(dir, "round-" + round + "-rerun", -1);
      double seconds = (System.nanoTime() - r0) / 1e9;
      rerunSeconds += seconds;
      if (!rerun.finished()) {
        throw new IllegalStateException("round " + round + ": the rerun failed; see " + rerun.output());
      }
      RunSnapshot.Diff diff = expected.compare(RunSnapshot.of(dir));
      dup += diff.duplicated();
      lost += diff.lost();
      differing += diff.metricsEqual() ? 0 : 1;
      int ran = rerun.stagesRan();
      int skip = rerun.stagesSkipped();
      redone += ran;
      skipped += skip;
      log.printf(Locale.ROOT, "chaos: round %2d: kill after %5d ms (%s); rerun %.1f s, %d stages redone, %d skipped%s"
          + "%s%s%n", round, killAfterMs, killed.finished() ? "had finished" : "killed", seconds, ran, skip,
          rerun.resumedStep().map(s -> ", training resumed at step " + s).orElse(""),
          halfDone.isEmpty() ? "" : "; HALF-DONE TAKEN AS DONE: " + halfDone,
          diff.problems().isEmpty() ? "" : "; " + String.join("; ", diff.problems()));
      log.flush();
      if (!halfDone.isEmpty() || !diff.problems().isEmpty()) {
        continue; // kept for a look
      }
      try {
        AtomicFiles.deleteTree(dir.getParent().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Summary(rounds, killedMidway, violations, dup, lost, differing, redone, skipped, refSeconds,
        killedSeconds, rerunSeconds);
  }

  /** A few hundred synthetic three-class tweets and a tiny random BERT, both from the seed. */
  private void setUp(long seed) {
    String[] pos = {"happy", "wonderful", "great", "love", "amazing", "best", "nice", "fun"};
    String[] neg = {"awful", "worst", "hate", "terrible", "sad", "bad", "angry", "boring"};
    String[] neutral = {"the", "at", "is", "weather", "tuesday", "usual", "class", "phone", "bus", "lunch"};
    Random r = new Random(seed);
    StringBuilder csv = new StringBuilder("Review,Label\n");
    for (int i = 0; i < 300; i++) {
      int label = i % 3 - 1;
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 5 + r.nextInt(5); w++) {
        words.add(neutral[r.nextInt(neutral.length)]);
      }
      String[] tone = label > 0 ? pos : label < 0 ? neg : null;
      if (tone != null) {
        words.add(r.nextInt(words.size()), tone[r.nextInt(tone.length)]);
        words.add(r.nextInt(words.size()), tone[r.nextInt(tone.length)]);
      }
      csv.append(String.join(" ", words)).append(" #").append(i).append(',').append(label).append('\n');
    }
    try {
      Files.createDirectories(work);
      Files.writeString(work.resolve(DATA), csv.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TinyTraining.writeRandomBert(work.resolve(BERT), (int) (seed & 0xffff));
  }

  /** Starts the child; kills it with SIGKILL after {@code killAfterMs} unless negative; waits for it to end. */
  private ChildRun child(Path runDir, String name, long killAfterMs) {
    Path output = work.resolve("logs").resolve(name + ".log");
    try {
      Files.createDirectories(output.getParent());
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), CHILD_HEAP,
          "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
          ChaosChild.class.getName(), work.toString(), runDir.toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
      // MKL (inside libtorch) may pick other kernels, with other float rounding, for other buffer alignments, which
      // vary between processes; strict conditional numerical reproducibility makes runs agree bit for bit.
      pb.environment().put("MKL_CBWR", "AUTO,STRICT");
      Process p = pb.start();
      boolean exited = killAfterMs < 0 ? p.waitFor(30, TimeUnit.MINUTES) : p.waitFor(killAfterMs, TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly(); // SIGKILL on Linux and macOS
        p.waitFor(1, TimeUnit.MINUTES);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return new ChildRun(output, text, exited && p.exitValue() == 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    int rounds = 30;
    long seed = 1;
    Path work = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --rounds N, --seed S, --work DIR");
      }
    }
    try {
      boolean temp = work == null;
      Path dir = temp ? Files.createTempDirectory("tweetox-chaos") : work;
      PrintWriter log = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      Summary s = new ChaosCheck(dir, log).run(rounds, seed);
      log.println(s.text());
      if (temp) {
        AtomicFiles.deleteTree(dir);
      }
      System.exit(s.ok() ? 0 : 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
