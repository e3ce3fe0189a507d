package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.Metric;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's entry point for reports. Each step writes its files into the run directory and returns a
 * {@link ReportPart}; {@link #writeSummary} then folds the parts into report.html and tables.xlsx.
 *
 * <pre>{@code
 * ReportPart data = ReportWriter.writeDataReport(runDir, labels, countsBySplit);
 * ReportPart base = ReportWriter.writeModelReport(runDir, BASELINE, Map.of(VAL, val, TEST, test));
 * ReportPart cmp = ReportWriter.writeComparison(runDir, TEST, Map.of(BASELINE, test, TRANSFORMER, bertTest));
 * ReportWriter.writeSummary(runDir, "tweetox run", provenance, List.of(data, base, cmp));
 * }</pre>
 *
 * File names and captions use the model's and split's keys, e.g. {@code confusion_baseline_test.png}.
 */
public final class ReportWriter {
  public static final String HTML_REPORT = "report.html";
  public static final String TABLES_XLSX = "tables.xlsx";

  private ReportWriter() {}

  /**
   * For each split: confusion_, roc_ and pr_{@code <model>_<split>}.png and classification_report_{@code
   * <model>_<split>}.csv, and the split's summary merged into metrics.json. With both the val and test splits, also
   * val_vs_test_{@code <model>}.csv.
   */
  public static ReportPart writeModelReport(Path runDir, ModelKind kind, Map<SplitPart, Evaluation> bySplit) {
    return writeModelReport(runDir, kind, bySplit, Plots.DEFAULT);
  }

  public static ReportPart writeModelReport(Path runDir, ModelKind kind, Map<SplitPart, Evaluation> bySplit,
      Plots plots) {
    Parts out = new Parts();
    String model = kind.key();
    bySplit.forEach((part, e) -> {
      String split = part.key();
      String stem = model + "_" + split;
      out.table(runDir, classificationReportFile(kind, part),
          Tables.classificationReport(model + " - " + split + " - per class", e));
      out.figure(runDir, "confusion_" + stem + ".png", "Confusion matrix - " + model + " - " + split,
          plots.confusionMatrix(e, model, split));
      out.figure(runDir, "roc_" + stem + ".png", "ROC curves - " + model + " - " + split,
          plots.rocCurves(e, model, split));
      out.figure(runDir, "pr_" + stem + ".png", "Precision-recall curves - " + model + " - " + split,
          plots.prCurves(e, model, split));
      MetricsJson.update(runDir.resolve(RunDirectory.METRICS), kind, part, e.summary());
    });
    if (bySplit.containsKey(SplitPart.VAL) && bySplit.containsKey(SplitPart.TEST)) {
      out.table(runDir, "val_vs_test_" + model + ".csv", Tables.valVsTest(
          "val vs test - " + model, bySplit.get(SplitPart.VAL), bySplit.get(SplitPart.TEST),
          List.of(Metric.values())));
    }
    out.files.add(runDir.resolve(RunDirectory.METRICS));
    return out.part(model);
  }

  /** The per-class table of one model on one split, e.g. {@code classification_report_baseline_test.csv}. */
  public static String classificationReportFile(ModelKind kind, SplitPart part) {
    return "classification_report_" + kind.key() + "_" + part.key() + ".csv";
  }

  /**
   * Compares models on one split: model_comparison_{@code <split>}.csv and .png, and analysis_grid_{@code
   * <split>}.png (the notebook's 2x2 overview).
   */
  public static ReportPart writeComparison(Path runDir, SplitPart part, Map<ModelKind, Evaluation> byKind) {
    return writeComparison(runDir, part, byKind, Plots.DEFAULT);
  }

  public static ReportPart writeComparison(Path runDir, SplitPart part, Map<ModelKind, Evaluation> byKind,
      Plots plots) {
    Parts out = new Parts();
    String split = part.key();
    Map<String, Evaluation> byModel = new LinkedHashMap<>(); // the tables and charts label models by key
    byKind.forEach((kind, e) -> byModel.put(kind.key(), e));
    out.table(runDir, "model_comparison_" + split + ".csv",
        Tables.compareEvaluations("model comparison - " + split, byModel, List.of(Metric.values())));
    out.figure(runDir, "model_comparison_" + split + ".png", "Model comparison - " + split,
        plots.modelComparison(Tables.summaries(byModel), Metric.HEADLINE, "Model comparison - " + split));
    out.figure(runDir, "analysis_grid_" + split + ".png", "Overview - " + split,
        plots.analysisGrid(split, byModel, Metric.HEADLINE));
    return out.part("Model comparison - " + split);
  }

  /** class_distribution.png and class_counts.csv: examples per class in each split. */
  public static ReportPart writeDataReport(Path runDir, LabelSet labels, Map<String, int[]> countsBySplit) {
    List<String> columns = new ArrayList<>(List.of("class"));
    columns.addAll(countsBySplit.keySet());
    List<List<Object>> rows = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      List<Object> row = new ArrayList<>(List.of(labels.name(c)));
      for (int[] counts : countsBySplit.values()) {
        row.add(counts[c]);
      }
      rows.add(row);
    }
    Parts out = new Parts();
    out.figure(runDir, "class_distribution.png", "Class distribution",
        Plots.DEFAULT.classDistribution(labels, countsBySplit));
    out.table(runDir, "class_counts.csv", new Table("class counts", columns, rows));
    return out.part("Data");
  }

  /**
   * report.html (self-contained: provenance, then each part's tables and figures) and tables.xlsx (every part's
   * tables, one sheet each).
   */
  public static void writeSummary(Path runDir, String title, Map<String, String> provenance, List<ReportPart> parts) {
    HtmlReport.Builder html = HtmlReport.builder(title).provenance(provenance);
    List<Table> tables = new ArrayList<>();
    for (ReportPart part : parts) {
      part.appendTo(html);
      tables.addAll(part.tables());
    }
    html.build().write(runDir.resolve(HTML_REPORT));
    XlsxExport.write(runDir.resolve(TABLES_XLSX), tables);
  }

  /** Accumulates one part's outputs, writing each file as it goes. */
  private static final class Parts {
    final List<Table> tables = new ArrayList<>();
    final List<Figure> figures = new ArrayList<>();
    final List<Path> files = new ArrayList<>();

    void table(Path dir, String fileName, Table table) {
      Path file = dir.resolve(fileName);
      table.writeCsv(file);
      tables.add(table);
      files.add(file);
    }

    void figure(Path dir, String fileName, String caption, byte[] png) {
      Path file = dir.resolve(fileName);
      Plots.write(file, png);
      figures.add(new Figure(caption, fileName, png));
      files.add(file);
    }

    ReportPart part(String heading) {
      return new ReportPart(heading, tables, figures, files);
    }
  }
}
