package dev.tweetox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageManifest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of every CSV a run wrote (its own and the runs_log.csv beside it) and its metrics.json, to compare a
 * killed-and-rerun run with an uninterrupted one. Columns that differ between any two runs (times, speeds, the run
 * folder) are blanked.
 */
record RunSnapshot(Map<String, List<List<String>>> csvRows, JsonNode metrics) {
  private static final Set<String> VOLATILE = Set.of("started", "run_dir", "samples_per_s", "elapsed_s",
      "stage_inputs"); // stage_inputs hashes the training log, whose speed columns differ
  private static final String RUNS_LOG = "../runs_log.csv";

  /** How a run differs from the reference. */
  record Diff(int duplicated, int lost, boolean metricsEqual, List<String> problems) {}

  static RunSnapshot of(Path runDir) {
    Map<String, List<List<String>>> rows = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(runDir)) {
      for (Path f : walk.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        if (!f.getFileName().toString().startsWith(".")) {
          rows.put(runDir.relativize(f).toString(), read(f));
        }
      }
      Path runsLog = runDir.resolveSibling("runs_log.csv");
      if (Files.exists(runsLog)) {
        rows.put(RUNS_LOG, read(runsLog));
      }
      return new RunSnapshot(rows, new ObjectMapper().readTree(runDir.resolve(RunDirectory.METRICS).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts, per CSV, rows this run has more often (duplicated) or less often (lost) than {@code expected}. */
  Diff compare(RunSnapshot actual) {
    int dup = 0;
    int lost = 0;
    List<String> problems = new ArrayList<>();
    Set<String> files = new TreeSet<>(csvRows.keySet());
    files.addAll(actual.csvRows.keySet());
    for (String file : files) {
      Map<List<String>, Integer> want = counts(csvRows.getOrDefault(file, List.of()));
      Map<List<String>, Integer> got = counts(actual.csvRows.getOrDefault(file, List.of()));
      int d = 0;
      int l = 0;
      List<String> extra = null;
      List<String> missing = null;
      for (Map.Entry<List<String>, Integer> e : got.entrySet()) {
        int n = Math.max(0, e.getValue() - want.getOrDefault(e.getKey(), 0));
        d += n;
        extra = n > 0 && extra == null ? e.getKey() : extra;
      }
      for (Map.Entry<List<String>, Integer> e : want.entrySet()) {
        int n = Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0));
        l += n;
        missing = n > 0 && missing == null ? e.getKey() : missing;
      }
      if (d + l > 0) {
        // One example of each names the column that differs.
        problems.add(file + ": " + d + " rows extra, " + l + " rows missing (e.g. extra " + extra + ", missing "
            + missing + ")");
      }
      dup += d;
      lost += l;
    }
    boolean same = metrics.equals(actual.metrics);
    if (!same) {
      problems.add("metrics.json differs from the uninterrupted run's");
    }
    return new Diff(dup, lost, same, problems);
  }

  /** Stage manifests whose outputs are missing or changed: a half-done stage that would be taken as done. */
  static List<String> manifestsNotMatchingOutputs(RunDirectory dir) {
    List<String> bad = new ArrayList<>();
    Path stages = dir.resolve(StageManifest.DIR);
    if (!Files.isDirectory(stages)) {
      return bad;
    }
    try (Stream<Path> files = Files.list(stages)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        Stage stage = Stage.parse(f.getFileName().toString().replace(".json", ""));
        StageManifest.read(dir, stage).flatMap(m -> m.firstChangedOutput(dir))
            .ifPresent(why -> bad.add(stage.key() + ": " + why));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bad;
  }

  private static Map<List<String>, Integer> counts(List<List<String>> rows) {
    Map<List<String>, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  private static List<List<String>> read(Path file) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord rec : parser) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < rec.size(); c++) {
          row.add(c < header.size() && VOLATILE.contains(header.get(c)) ? "" : rec.get(c));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
