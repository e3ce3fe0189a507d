package dev.tweetox.report;

import dev.tweetox.eval.ClassMetrics;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the report's standard tables from evaluations. */
public final class Tables {
  private Tables() {}

  /**
   * sklearn's classification report: one row per class (precision, recall, f1, support), then accuracy, macro avg
   * and weighted avg.
   */
  public static Table classificationReport(String title, Evaluation e) {
    List<List<Object>> rows = new ArrayList<>();
    for (ClassMetrics c : e.perClass()) {
      rows.add(Arrays.asList(c.name(), c.precision(), c.recall(), c.f1(), c.support()));
    }
    rows.add(Arrays.asList("accuracy", null, null, e.accuracy(), e.size()));
    rows.add(Arrays.asList("macro avg", e.macroPrecision(), e.macroRecall(), e.macroF1(), e.size()));
    rows.add(Arrays.asList("weighted avg", e.weightedPrecision(), e.weightedRecall(), e.weightedF1(), e.size()));
    return new Table(title, List.of("class", "precision", "recall", "f1", "support"), rows);
  }

  /** Validation against test per metric, with delta = test - val (a large drop hints at tuning on val). */
  public static Table valVsTest(String title, Evaluation val, Evaluation test, List<Metric> metrics) {
    List<List<Object>> rows = new ArrayList<>();
    for (Metric m : metrics) {
      double v = val.get(m);
      double t = test.get(m);
      rows.add(List.of(m.key(), v, t, t - v));
    }
    return new Table(title, List.of("metric", "val", "test", "delta"), rows);
  }

  /**
   * One column per model, one row per metric. Takes metric maps keyed like {@link Evaluation#summary()} and
   * metrics.json, so models evaluated in different runs can be compared; a missing value is an empty cell.
   */
  public static Table modelComparison(String title, Map<String, Map<String, Double>> scoresByModel,
      List<Metric> metrics) {
    List<String> columns = new ArrayList<>();
    columns.add("metric");
    columns.addAll(scoresByModel.keySet());
    List<List<Object>> rows = new ArrayList<>();
    for (Metric m : metrics) {
      List<Object> row = new ArrayList<>();
      row.add(m.key());
      scoresByModel.values().forEach(scores -> row.add(scores.get(m.key())));
      rows.add(row);
    }
    return new Table(title, columns, rows);
  }

  /** {@link #modelComparison(String, Map, List)} for evaluations at hand. */
  public static Table compareEvaluations(String title, Map<String, Evaluation> byModel, List<Metric> metrics) {
    return modelComparison(title, summaries(byModel), metrics);
  }

  static Map<String, Map<String, Double>> summaries(Map<String, Evaluation> byModel) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    byModel.forEach((model, e) -> out.put(model, e.summary()));
    return out;
  }
}
