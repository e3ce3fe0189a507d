package dev.tweetox.export;

import dev.tweetox.bundle.Bundle;
import dev.tweetox.report.RunsLog;
import dev.tweetox.report.Table;
import dev.tweetox.report.XlsxExport;
import dev.tweetox.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code experiment_runs_all.csv} and {@code .xlsx}: every run of the shared {@code runs_log.csv} plus any tuning
 * trials the run directory holds (CSV files named {@code *trials*.csv}), in one table whose {@code source} column
 * says where each row came from. The workbook also keeps each source as its own sheet. Absolute paths in cells are
 * reduced to file names ({@link LocalPaths}).
 */
public final class ExperimentLog {
  private ExperimentLog() {}

  /** The sources found for this run: the runs log first, then trial files sorted by name. */
  static List<Table> sources(RunDirectory dir) {
    List<Table> out = new ArrayList<>();
    if (Files.isRegularFile(dir.runsLog())) {
      out.add(RunsLog.toTable(dir.runsLog()));
    }
    try (Stream<Path> files = Files.list(dir.path())) {
      files.filter(p -> p.getFileName().toString().matches(".*trials.*\\.csv")).sorted()
          .forEach(p -> out.add(Table.readCsv(p, p.getFileName().toString().replaceAll("\\.csv$", ""))));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** All sources in one table: {@code source}, then the union of their columns in first-seen order. */
  static Table combined(List<Table> sources) {
    Set<String> columns = new LinkedHashSet<>(List.of("source"));
    sources.forEach(t -> columns.addAll(t.columns()));
    List<String> cols = List.copyOf(columns);
    List<List<Object>> rows = new ArrayList<>();
    for (Table t : sources) {
      for (List<Object> row : t.rows()) {
        Map<String, Object> byName = new java.util.HashMap<>();
        for (int c = 0; c < t.columns().size(); c++) {
          byName.put(t.columns().get(c), row.get(c));
        }
        byName.put("source", t.title());
        List<Object> out = new ArrayList<>(cols.size());
        cols.forEach(c -> out.add(LocalPaths.strip(byName.get(c))));
        rows.add(out);
      }
    }
    return new Table("all runs", cols, rows);
  }

  /** Writes the CSV and the workbook into {@code bundle}; returns the number of rows. */
  public static int write(RunDirectory dir, Path bundle) {
    List<Table> sources = sources(dir);
    Table all = combined(sources);
    all.writeCsv(bundle.resolve(Bundle.RUNS_CSV));
    List<Table> sheets = new ArrayList<>(List.of(all));
    sources.forEach(t -> sheets.add(new Table(t.title(), t.columns(),
        t.rows().stream().map(r -> r.stream().map(LocalPaths::strip).toList()).toList())));
    XlsxExport.write(bundle.resolve(Bundle.RUNS_XLSX), sheets);
    return all.rows().size();
  }
}
