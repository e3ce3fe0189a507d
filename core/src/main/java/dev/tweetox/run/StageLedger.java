package dev.tweetox.run;

import dev.tweetox.io.Hashes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Decides, stage by stage, whether a run directory already holds a stage's results for the same inputs (then the
 * stage is skipped) or the stage must run, and records each finished stage's {@link StageManifest}. A stage runs
 * when the user asked ({@link Rerun}), when a stage it depends on ran, when it has no manifest, when its inputs
 * changed, or when one of its outputs is missing or no longer matches its hash.
 */
public final class StageLedger {
  private final RunDirectory dir;
  private final Rerun rerun;
  private final PrintWriter log;
  private final Set<Stage> ran = new TreeSet<>();
  private final Map<Stage, StageManifest> current = new TreeMap<>();
  private final Map<Stage, Double> seconds = new TreeMap<>();

  public StageLedger(RunDirectory dir, Rerun rerun, PrintWriter log) {
    this.dir = dir;
    this.rerun = rerun;
    this.log = log;
  }

  /**
   * What to do with a stage.
   *
   * @param upToDate true: skip it, its outputs are there and match its inputs
   * @param stale true when an earlier manifest existed (its outputs are from other inputs, or damaged) or the user
   *     asked for the redo: a stage that resumes from partial state must start afresh instead
   */
  public record Decision(boolean upToDate, boolean stale) {}

  /**
   * Checks a stage against its manifest, prints the one line that says why it is skipped or redone, and, when it
   * must run, removes its manifest first so a stage killed half-way is never taken as done.
   *
   * @param inputs the stage's inputs by short name (see {@link StageManifest}); upstream digests are added here
   */
  public Decision check(Stage stage, Map<String, String> inputs) {
    Map<String, String> all = withUpstream(stage, inputs);
    Optional<StageManifest> previous = rerun.force() ? Optional.empty() : StageManifest.read(dir, stage);
    boolean hadManifest = Files.exists(StageManifest.file(dir, stage));
    String why = null;
    if (rerun.asked(stage)) {
      why = "redoing (" + rerun.flag() + ")";
    } else if (previous.isEmpty()) {
      return new Decision(false, false); // never finished here: it runs (a transformer resumes), nothing to say
    } else {
      Optional<Stage> upstreamRan = ran.stream().filter(stage::dependsOn).findFirst();
      if (upstreamRan.isPresent()) {
        why = "redoing because " + upstreamRan.get().key() + " was redone";
      } else {
        why = changedInput(previous.get().inputs(), all)
            .or(() -> previous.get().firstChangedOutput(dir).map(o -> "output " + o))
            .map(reason -> reason + ", redoing").orElse(null);
      }
    }
    if (why == null) {
      StageManifest m = previous.orElseThrow();
      current.put(stage, m);
      log.println(stage.key() + ": up to date (" + summary(all) + "), skipped");
      log.flush();
      return new Decision(true, false);
    }
    log.println(stage.key() + ": " + why);
    log.flush();
    invalidate(stage);
    return new Decision(false, hadManifest || rerun.asked(stage));
  }

  /** Removes a stage's manifest before redoing it, so a stage killed half-way is never taken as done. */
  public void invalidate(Stage stage) {
    try {
      Files.deleteIfExists(StageManifest.file(dir, stage));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the outdated " + StageManifest.file(dir, stage) + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Records a stage that ran: hashes its outputs (files, or folders taken whole) and writes its manifest last.
   *
   * @param outputs files or folders under the run directory; temporary dot-files are left out
   */
  public void finish(Stage stage, Map<String, String> inputs, List<Path> outputs, double secondsTaken) {
    Map<String, String> hashes = new TreeMap<>();
    for (Path out : outputs) {
      for (Path f : files(out)) {
        hashes.put(dir.path().relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'),
            Hashes.sha256(f));
      }
    }
    StageManifest m = new StageManifest(StageManifest.FORMAT, stage.key(), withUpstream(stage, inputs), hashes,
        secondsTaken);
    m.write(dir);
    current.put(stage, m);
    ran.add(stage);
    seconds.put(stage, secondsTaken);
  }

  /**
   * Takes an existing stage's manifest as current without checking it, so stages downstream record its outputs as
   * their input (e.g. {@code evaluate}, which re-scores saved models without retraining them).
   */
  public void adopt(Stage stage) {
    StageManifest.read(dir, stage).ifPresent(m -> current.put(stage, m));
  }

  /** One hash of a stage's inputs, upstream outputs included: the same exactly when the stage would be skipped. */
  public String inputsKey(Stage stage, Map<String, String> inputs) {
    StringBuilder sb = new StringBuilder();
    withUpstream(stage, inputs).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    return Hashes.sha256(sb.toString());
  }

  /** The stages that ran (were not skipped) in this process, with their seconds. */
  public Map<Stage, Double> ranSeconds() {
    return Map.copyOf(seconds);
  }

  private Map<String, String> withUpstream(Stage stage, Map<String, String> inputs) {
    Map<String, String> all = new TreeMap<>(inputs);
    current.forEach((up, m) -> {
      if (stage.dependsOn(up)) {
        all.put("upstream." + up.key(), m.outputsDigest());
      }
    });
    return all;
  }

  private static Optional<String> changedInput(Map<String, String> before, Map<String, String> now) {
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      String a = before.get(k);
      String b = now.get(k);
      if (a == null || !a.equals(b)) {
        return Optional.of(k + " changed (" + shortHash(a) + " -> " + shortHash(b) + ")");
      }
    }
    return Optional.empty();
  }

  private static String summary(Map<String, String> inputs) {
    List<String> parts = new ArrayList<>();
    for (String k : List.of("data", "config")) {
      if (inputs.containsKey(k)) {
        parts.add(k + " " + shortHash(inputs.get(k)));
      }
    }
    return String.join(", ", parts);
  }

  static String shortHash(String h) {
    return h == null ? "none" : h.substring(0, Math.min(8, h.length()));
  }

  private List<Path> files(Path out) {
    Path p = out.isAbsolute() ? out : dir.resolve(out.toString());
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + p + ": " + e.getMessage(), e);
    }
  }
}
