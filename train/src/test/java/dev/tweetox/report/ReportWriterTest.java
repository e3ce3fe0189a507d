package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.model.ModelKind;
import dev.tweetox.split.SplitPart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path runDir;

  @Test
  void writesModelFilesComparisonAndSummary() throws Exception {
    Plots small = Plots.ofSize(200, 160);
    Map<SplitPart, Evaluation> baseline = new LinkedHashMap<>();
    baseline.put(SplitPart.VAL, Fixtures.perfect());
    baseline.put(SplitPart.TEST, Fixtures.threeClass());
    ReportPart base = ReportWriter.writeModelReport(runDir, ModelKind.BASELINE, baseline, small);
    ReportPart bert = ReportWriter.writeModelReport(runDir, ModelKind.TRANSFORMER,
        Map.of(SplitPart.TEST, Fixtures.perfect()), small);
    Map<ModelKind, Evaluation> onTest = new LinkedHashMap<>();
    onTest.put(ModelKind.BASELINE, Fixtures.threeClass());
    onTest.put(ModelKind.TRANSFORMER, Fixtures.perfect());
    ReportPart cmp = ReportWriter.writeComparison(runDir, SplitPart.TEST, onTest, small);
    ReportPart data = ReportWriter.writeDataReport(runDir, Fixtures.ABC, Map.of("test", new int[] {3, 3, 2}));
    ReportWriter.writeSummary(runDir, "run <42>", Map.of("seed", "42"), List.of(data, base, bert, cmp));

    try (Stream<Path> files = Files.list(runDir)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).containsExactlyInAnyOrder(
          "confusion_baseline_val.png", "roc_baseline_val.png", "pr_baseline_val.png",
          "classification_report_baseline_val.csv",
          "confusion_baseline_test.png", "roc_baseline_test.png", "pr_baseline_test.png",
          "classification_report_baseline_test.csv", "val_vs_test_baseline.csv",
          "confusion_transformer_test.png", "roc_transformer_test.png", "pr_transformer_test.png",
          "classification_report_transformer_test.csv",
          "model_comparison_test.csv", "model_comparison_test.png", "analysis_grid_test.png",
          "class_distribution.png", "class_counts.csv",
          "metrics.json", "report.html", "tables.xlsx");
    }
    assertThat(base.tables()).hasSize(3);
    assertThat(base.figures()).extracting(Figure::fileName).startsWith("confusion_baseline_val.png");
    assertThat(base.files()).contains(runDir.resolve("val_vs_test_baseline.csv"), runDir.resolve("metrics.json"));

    Map<String, Map<String, Map<String, Double>>> metrics = MetricsJson.read(runDir.resolve("metrics.json"));
    assertThat(metrics.keySet()).containsExactly("baseline", "transformer");
    assertThat(metrics.get("baseline").get("test")).containsEntry("accuracy", 0.5).containsEntry("f1_b", 0.4);
    assertThat(metrics.get("baseline").get("val")).containsEntry("macro_f1", 1.0);

    assertThat(Files.readString(runDir.resolve("val_vs_test_baseline.csv")))
        .startsWith("metric,val,test,delta\naccuracy,1.0,0.5,-0.5\n");

    String html = Files.readString(runDir.resolve("report.html"));
    assertThat(html).contains("<title>run &lt;42&gt;</title>").contains("<h2>baseline</h2>")
        .contains("<h2>Model comparison - test</h2>").contains("<dt>seed</dt><dd>42</dd>");
    assertThat(html.split("data:image/png;base64,", -1)).hasSize(1 + 3 + 3 + 3 + 2 + 1);

    try (InputStream in = Files.newInputStream(runDir.resolve("tables.xlsx")); Workbook wb = new XSSFWorkbook(in)) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1 + 3 + 1 + 1);
      assertThat(wb.getSheetName(0)).isEqualTo("class counts");
      assertThat(wb.getSheetName(1)).isEqualTo("baseline - val - per class");
    }
  }
}
