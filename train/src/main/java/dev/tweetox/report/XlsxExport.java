package dev.tweetox.report;

import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes tables to one .xlsx workbook, a sheet per table named after its title. Headers are bold and frozen;
 * numbers are numeric cells (fractions shown with four decimals, stored at full precision).
 */
public final class XlsxExport {
  static final int MAX_SHEET_NAME = 31;

  private XlsxExport() {}

  public static void write(Path file, List<Table> tables) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle fraction = workbook.createCellStyle();
      fraction.setDataFormat(workbook.createDataFormat().getFormat("0.0000"));
      Set<String> taken = new HashSet<>();
      for (Table table : tables) {
        Sheet sheet = workbook.createSheet(sheetName(table.title(), taken));
        fill(sheet, table, header, fraction);
      }
      AtomicFiles.write(file, workbook::write);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void fill(Sheet sheet, Table table, CellStyle header, CellStyle fraction) {
    int[] width = new int[table.columns().size()];
    Row head = sheet.createRow(0);
    for (int c = 0; c < width.length; c++) {
      Cell cell = head.createCell(c);
      cell.setCellValue(table.columns().get(c));
      cell.setCellStyle(header);
      width[c] = table.columns().get(c).length();
    }
    for (int r = 0; r < table.rows().size(); r++) {
      Row row = sheet.createRow(r + 1);
      List<Object> values = table.rows().get(r);
      for (int c = 0; c < values.size(); c++) {
        Object v = values.get(c);
        if (v == null || (v instanceof Number n && Double.isNaN(n.doubleValue()))) {
          continue;
        }
        Cell cell = row.createCell(c);
        if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
          if (v instanceof Double || v instanceof Float) {
            cell.setCellStyle(fraction);
          }
        } else {
          cell.setCellValue(v.toString());
        }
        width[c] = Math.max(width[c], Table.format(v).length());
      }
    }
    sheet.createFreezePane(0, 1);
    for (int c = 0; c < width.length; c++) {
      // POI's autoSizeColumn measures fonts via AWT; character counts are good enough and font-free
      sheet.setColumnWidth(c, Math.min(width[c] + 2, 80) * 256);
    }
  }

  /**
   * A sheet name Excel accepts: no {@code \ / ? * [ ] :}, no leading or trailing apostrophe, at most 31
   * characters, not blank, and unique (case-insensitively) among {@code taken}, which it is added to.
   */
  static String sheetName(String title, Set<String> taken) {
    String cleaned = title.replaceAll("[\\\\/?*\\[\\]:]", "_").replaceAll("\\p{Cntrl}", " ");
    String base = trimQuotes(truncate(cleaned.strip(), MAX_SHEET_NAME));
    if (base.isEmpty()) {
      base = "Sheet";
    }
    String name = base;
    for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)); i++) {
      String suffix = " (" + i + ")";
      name = truncate(base, MAX_SHEET_NAME - suffix.length()).stripTrailing() + suffix;
    }
    taken.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  private static String trimQuotes(String s) {
    return s.replaceAll("^['\\s]+|['\\s]+$", "");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
