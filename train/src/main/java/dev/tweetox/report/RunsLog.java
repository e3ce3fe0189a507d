package dev.tweetox.report;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The experiment ledger, runs_log.csv: one row per run. Runs may log different fields; when a row brings new
 * columns the file is rewritten with the union (existing columns first, then new ones in the row's order) and older
 * rows get empty cells there. Each append reads the file and replaces it atomically, so a killed run never leaves a
 * torn ledger; appends from concurrent processes are not coordinated.
 */
public final class RunsLog {
  private RunsLog() {}

  /** Appends one row; its iteration order decides the order of any new columns. */
  public static void append(Path runsLogCsv, Map<String, String> row) {
    append(runsLogCsv, row, null);
  }

  /**
   * Appends one row, or replaces the row with the same non-empty value in {@code keyColumn}: a report redone for the
   * same inputs (e.g. after the run was killed between this write and its stage manifest) is not logged twice.
   */
  public static void append(Path runsLogCsv, Map<String, String> row, String keyColumn) {
    Ledger ledger = Files.exists(runsLogCsv) ? load(runsLogCsv) : new Ledger(List.of(), List.of());
    Set<String> columns = new LinkedHashSet<>(ledger.columns());
    columns.addAll(row.keySet());
    List<Map<String, String>> rows = new ArrayList<>(ledger.rows());
    String key = keyColumn == null ? "" : row.getOrDefault(keyColumn, "");
    rows.removeIf(r -> !key.isEmpty() && key.equals(r.get(keyColumn)));
    rows.add(row);
    StringBuilder csv = new StringBuilder(Table.csvLine(List.copyOf(columns)));
    for (Map<String, String> r : rows) {
      csv.append(Table.csvLine(columns.stream().map(c -> r.getOrDefault(c, "")).toList()));
    }
    AtomicFiles.writeString(runsLogCsv, csv.toString());
  }

  /** All rows as column -> value maps in column order. */
  public static List<Map<String, String>> read(Path runsLogCsv) {
    return load(runsLogCsv).rows();
  }

  /** The ledger as a table, e.g. for the XLSX export. */
  public static Table toTable(Path runsLogCsv) {
    Ledger ledger = load(runsLogCsv);
    List<List<Object>> rows = new ArrayList<>();
    ledger.rows().forEach(r -> rows.add(new ArrayList<>(r.values())));
    return new Table("runs_log", ledger.columns(), rows);
  }

  private record Ledger(List<String> columns, List<Map<String, String>> rows) {}

  private static Ledger load(Path file) {
    CSVFormat format = Table.CSV.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> columns = parser.getHeaderNames();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        if (record.size() != columns.size()) {
          throw new TweetoxException(file + ": data record " + record.getRecordNumber() + " (line "
              + parser.getCurrentLineNumber() + ") has " + record.size() + " fields but the header has "
              + columns.size() + "; fix or remove that row");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          row.put(columns.get(c), record.get(c));
        }
        rows.add(row);
      }
      return new Ledger(columns, rows);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new TweetoxException(file + ": not a readable CSV ledger (" + e.getMessage()
          + "); fix the file or move it aside to start a new ledger", e);
    }
  }
}
