package dev.tweetox.eval;

import dev.tweetox.TweetoxException;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The scalar metrics of an {@link Evaluation}, each with the stable key used in metrics.json, runs_log.csv and
 * report tables.
 */
public enum Metric {
  ACCURACY("accuracy", "Accuracy", Evaluation::accuracy),
  MACRO_PRECISION("macro_precision", "Macro precision", Evaluation::macroPrecision),
  MACRO_RECALL("macro_recall", "Macro recall", Evaluation::macroRecall),
  MACRO_F1("macro_f1", "Macro F1", Evaluation::macroF1),
  WEIGHTED_PRECISION("weighted_precision", "Weighted precision", Evaluation::weightedPrecision),
  WEIGHTED_RECALL("weighted_recall", "Weighted recall", Evaluation::weightedRecall),
  WEIGHTED_F1("weighted_f1", "Weighted F1", Evaluation::weightedF1),
  MACRO_ROC_AUC("macro_roc_auc", "Macro ROC AUC", Evaluation::macroRocAuc),
  MACRO_AP("macro_average_precision", "Macro average precision", Evaluation::macroAveragePrecision);

  /** The four headline metrics the notebook compares models on. */
  public static final List<Metric> HEADLINE = List.of(ACCURACY, MACRO_PRECISION, MACRO_RECALL, MACRO_F1);

  private final String key;
  private final String displayName;
  private final ToDoubleFunction<Evaluation> extractor;

  Metric(String key, String displayName, ToDoubleFunction<Evaluation> extractor) {
    this.key = key;
    this.displayName = displayName;
    this.extractor = extractor;
  }

  /** The snake_case key written to metrics.json, e.g. {@code macro_f1}. */
  public String key() {
    return key;
  }

  /** A label for charts and tables, e.g. "Macro F1". */
  public String displayName() {
    return displayName;
  }

  public double value(Evaluation evaluation) {
    return extractor.applyAsDouble(evaluation);
  }

  /**
   * The metric with this key.
   *
   * @throws TweetoxException listing the known keys
   */
  public static Metric fromKey(String key) {
    return Arrays.stream(values())
        .filter(m -> m.key.equals(key))
        .findFirst()
        .orElseThrow(() -> new TweetoxException("unknown metric '" + key + "'; known metrics are "
            + Arrays.stream(values()).map(Metric::key).toList()));
  }
}
