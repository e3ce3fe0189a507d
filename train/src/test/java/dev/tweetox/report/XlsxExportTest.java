package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxExportTest {
  @TempDir Path dir;

  @Test
  void writesOneSheetPerTableWithNumericCells() throws Exception {
    Path file = dir.resolve("tables.xlsx");
    Table report = Tables.classificationReport("baseline - test - per class", Fixtures.threeClass());
    Table other = new Table("notes: [draft]", List.of("k", "v"), List.of(Arrays.asList("x", "y")));
    XlsxExport.write(file, List.of(report, other));

    try (InputStream in = Files.newInputStream(file); Workbook wb = new XSSFWorkbook(in)) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
      Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("baseline - test - per class");
      assertThat(wb.getSheetAt(1).getSheetName()).isEqualTo("notes_ _draft_");
      Row header = sheet.getRow(0);
      assertThat(header.getCell(1).getStringCellValue()).isEqualTo("precision");
      assertThat(wb.getFontAt(header.getCell(1).getCellStyle().getFontIndex()).getBold()).isTrue();
      Row a = sheet.getRow(1);
      assertThat(a.getCell(0).getStringCellValue()).isEqualTo("a");
      assertThat(a.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(a.getCell(2).getNumericCellValue()).isEqualTo(2.0 / 3);
      assertThat(a.getCell(4).getNumericCellValue()).isEqualTo(3.0);
      Row accuracy = sheet.getRow(4);
      assertThat(accuracy.getCell(0).getStringCellValue()).isEqualTo("accuracy");
      assertThat(accuracy.getCell(1)).isNull();
      assertThat(accuracy.getCell(3).getNumericCellValue()).isEqualTo(0.5);
      assertThat(sheet.getLastRowNum()).isEqualTo(6);
    }
  }

  @Test
  void sanitisesSheetNamesToExcelRules() {
    Set<String> taken = new HashSet<>();
    assertThat(XlsxExport.sheetName("a/b\\c?d*e[f]g:h", taken)).isEqualTo("a_b_c_d_e_f_g_h");
    String longTitle = "classification report - transformer - validation";
    assertThat(XlsxExport.sheetName(longTitle, taken)).isEqualTo("classification report - transfo").hasSize(31);
    assertThat(XlsxExport.sheetName(longTitle, taken)).isEqualTo("classification report - tra (2)").hasSize(31);
    assertThat(XlsxExport.sheetName("CLASSIFICATION REPORT - TRANSFORMER", taken)).endsWith("(3)");
    assertThat(XlsxExport.sheetName("'quoted'", taken)).isEqualTo("quoted");
    assertThat(XlsxExport.sheetName("   ", taken)).isEqualTo("Sheet");
  }
}
