package dev.tweetox.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.ClassMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Scores of predictions against gold labels from counts aggregated on the cluster (a {@code groupBy} of gold and
 * predicted label), so no row comes to the driver. sklearn's conventions as in {@code dev.tweetox.eval.Evaluation}:
 * ratios with a zero denominator are 0, macro averages are over every class of the bundle.
 *
 * @param confusion rows gold, columns predicted, in the bundle's class order
 * @param nullText rows left out because their text was null (no prediction)
 * @param unknownLabel rows left out because their gold label was null or not one of the bundle's classes
 */
public record ScoreMetrics(LabelSet labels, long[][] confusion, long nullText, long unknownLabel) {
  /** Aggregates a scored DataFrame: gold column (any type, read as text) against the predicted-label column. */
  public static ScoreMetrics of(Dataset<Row> scored, String goldCol, String predictedCol, LabelSet labels) {
    int k = labels.size();
    long[][] counts = new long[k][k];
    long nullText = 0;
    long unknown = 0;
    List<Row> cells = scored.groupBy(functions.col(goldCol).cast("string").as("g"), functions.col(predictedCol)
        .as("p")).count().collectAsList();
    for (Row r : cells) {
      long n = r.getLong(2);
      if (r.isNullAt(1)) {
        nullText += n;
        continue;
      }
      int g;
      try {
        g = r.isNullAt(0) ? -1 : labels.indexOf(r.getString(0), "gold");
      } catch (TweetoxException e) {
        g = -1;
      }
      if (g < 0) {
        unknown += n;
        continue;
      }
      int p = labels.names().indexOf(r.getString(1));
      counts[g][p] += n;
    }
    return new ScoreMetrics(labels, counts, nullText, unknown);
  }

  /** Rows that have both a gold label and a prediction. */
  public long evaluated() {
    long n = 0;
    for (long[] row : confusion) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  public double accuracy() {
    long correct = 0;
    for (int c = 0; c < confusion.length; c++) {
      correct += confusion[c][c];
    }
    return ratio(correct, evaluated());
  }

  public List<ClassMetrics> perClass() {
    List<ClassMetrics> out = new ArrayList<>();
    for (int c = 0; c < confusion.length; c++) {
      long tp = confusion[c][c];
      long gold = 0;
      long predicted = 0;
      for (int j = 0; j < confusion.length; j++) {
        gold += confusion[c][j];
        predicted += confusion[j][c];
      }
      long fp = predicted - tp;
      long fn = gold - tp;
      out.add(new ClassMetrics(labels.name(c), ratio(tp, tp + fp), ratio(tp, tp + fn),
          ratio(2.0 * tp, 2.0 * tp + fp + fn), (int) Math.min(Integer.MAX_VALUE, gold)));
    }
    return out;
  }

  public double macroF1() {
    return perClass().stream().mapToDouble(ClassMetrics::f1).average().orElse(0);
  }

  public double macroPrecision() {
    return perClass().stream().mapToDouble(ClassMetrics::precision).average().orElse(0);
  }

  public double macroRecall() {
    return perClass().stream().mapToDouble(ClassMetrics::recall).average().orElse(0);
  }

  /** metrics.json: totals, accuracy, macro scores, per-class scores and the confusion matrix. */
  public String toJson(String model, String precision) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("model", model);
    root.put("precision", precision);
    root.put("evaluated", evaluated());
    root.put("skipped_null_text", nullText);
    root.put("skipped_unknown_label", unknownLabel);
    root.put("accuracy", accuracy());
    root.put("macro_f1", macroF1());
    root.put("macro_precision", macroPrecision());
    root.put("macro_recall", macroRecall());
    ArrayNode classes = root.putArray("per_class");
    for (ClassMetrics c : perClass()) {
      classes.addObject().put("label", c.name()).put("precision", c.precision()).put("recall", c.recall())
          .put("f1", c.f1()).put("support", c.support());
    }
    ObjectNode cm = root.putObject("confusion_matrix");
    cm.put("rows", "gold").put("columns", "predicted");
    ArrayNode names = cm.putArray("labels");
    labels.names().forEach(names::add);
    ArrayNode matrix = cm.putArray("counts");
    for (long[] row : confusion) {
      ArrayNode r = matrix.addArray();
      for (long v : row) {
        r.add(v);
      }
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double ratio(double num, double den) {
    return den == 0 ? 0.0 : num / den;
  }
}
