package dev.tweetox.report;

import dev.tweetox.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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

  /** The time written into every workbook: the start of 2026, UTC. */
  static final Date FIXED_TIME = new Date(1767225600000L);

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
      // POI stamps the creation time into the core properties and every zip entry: fixed here, so the same tables
      // give the same bytes (bundles are compared by checksum).
      workbook.getProperties().getCoreProperties().setCreated(Optional.of(FIXED_TIME));
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      workbook.write(raw);
      AtomicFiles.writeBytes(file, withFixedEntryTimes(raw.toByteArray()));
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

  /** The same zip with every entry's time set to {@link #FIXED_TIME}; entries, order and contents unchanged. */
  static byte[] withFixedEntryTimes(byte[] zip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(FIXED_TIME.getTime());
        z.putNextEntry(copy);
        in.transferTo(z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
