package dev.tweetox.report;

import dev.tweetox.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;

/**
 * A small immutable table for reports: CSV, console text, HTML and (via {@link XlsxExport}) spreadsheets are all
 * rendered from it. Cells are strings, numbers or {@code null} (an empty cell). Numbers stay numbers: CSV and XLSX
 * keep full precision, text and HTML show four decimals.
 *
 * @param title shown above the table and used as the spreadsheet's sheet name
 * @param columns header names
 * @param rows one list per row, each as long as {@code columns}
 */
public record Table(String title, List<String> columns, List<List<Object>> rows) {
  static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = rows.get(r);
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("table '" + title + "' row " + r + " has " + row.size()
            + " cells but there are " + columns.size() + " columns " + columns);
      }
      // unmodifiableList, not List.copyOf: empty cells are null
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** RFC 4180 CSV with a header row and '\n' line ends. */
  public String toCsv() {
    StringBuilder out = new StringBuilder(csvLine(columns));
    rows.forEach(row -> out.append(csvLine(row.stream().map(Table::csvCell).toList())));
    return out.toString();
  }

  /**
   * One CSV record with its line end, quoted as needed. (Formatting through CSVFormat rather than a CSVPrinter keeps
   * javac's -Xlint quiet about commons-csv's FindBugs annotations.)
   */
  static String csvLine(List<?> values) {
    return CSV.format(values.toArray()) + "\n";
  }

  public void writeCsv(Path file) {
    AtomicFiles.writeString(file, toCsv());
  }

  /** Reads a CSV written by {@link #writeCsv} back; cells that parse as numbers become numbers again. */
  public static Table readCsv(Path file, String title) {
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.commons.csv.CSVParser p = CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      List<List<Object>> rows = new ArrayList<>();
      for (org.apache.commons.csv.CSVRecord rec : p) {
        List<Object> row = new ArrayList<>(rec.size());
        rec.forEach(cell -> row.add(parseCell(cell)));
        rows.add(row);
      }
      return new Table(title, p.getHeaderNames(), rows);
    } catch (java.io.IOException e) {
      throw new dev.tweetox.TweetoxException(file + ": cannot read table: " + e.getMessage(), e);
    }
  }

  private static Object parseCell(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(cell);
    } catch (NumberFormatException e) {
      return cell;
    }
  }

  /** The title, then columns padded to a common width: numbers right-aligned, text left-aligned. */
  public String toText() {
    int[] width = new int[columns.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = columns.get(c).length();
      for (List<Object> row : rows) {
        width[c] = Math.max(width[c], textCell(row.get(c)).length());
      }
    }
    boolean[] numeric = new boolean[width.length];
    for (int c = 0; c < width.length; c++) {
      int col = c;
      numeric[c] = rows.stream().anyMatch(r -> r.get(col) instanceof Number);
    }
    StringBuilder out = new StringBuilder(title).append('\n');
    appendLine(out, columns, width, numeric, true);
    int total = Math.max(0, Arrays.stream(width).sum() + 2 * (width.length - 1));
    out.append("-".repeat(total)).append('\n');
    for (List<Object> row : rows) {
      appendLine(out, row, width, numeric, false);
    }
    return out.toString();
  }

  /** A {@code <table>} with the title as caption; all text is escaped. */
  public String toHtml() {
    StringBuilder out = new StringBuilder("<table>\n<caption>").append(Html.escape(title)).append("</caption>\n<thead><tr>");
    for (String c : columns) {
      out.append("<th>").append(Html.escape(c)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<Object> row : rows) {
      out.append("<tr>");
      for (Object cell : row) {
        out.append(cell instanceof Number ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(format(cell)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  /** How a cell reads in text and HTML: four decimals for fractional numbers, "n/a" for NaN. */
  static String format(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Double || cell instanceof Float) {
      double v = ((Number) cell).doubleValue();
      return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
    return cell.toString();
  }

  private static String textCell(Object cell) {
    return format(cell).replaceAll("\\R", " ");
  }

  private static Object csvCell(Object cell) {
    if (cell instanceof Double d && d.isNaN()) {
      return "";
    }
    return cell == null ? "" : cell;
  }

  /** Numbers, and the headers of columns holding numbers, are right-aligned. */
  private static void appendLine(StringBuilder out, List<?> cells, int[] width, boolean[] numeric, boolean header) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      Object cell = cells.get(c);
      String s = textCell(cell);
      String pad = " ".repeat(width[c] - s.length());
      boolean right = cell instanceof Number || (header && numeric[c]);
      line.append(c == 0 ? "" : "  ").append(right ? pad + s : s + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
