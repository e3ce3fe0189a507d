package dev.tweetox.eval;

import dev.tweetox.TweetoxException;
import dev.tweetox.calibration.Thresholds;
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
  MACRO_AP("macro_average_precision", "Macro average precision", Evaluation::macroAveragePrecision),
  /** Expected calibration error, 15 equal-width bins of top-class confidence; lower is better. */
  ECE("ece", "ECE (15 bins)", Evaluation::ece),
  /** Multi-class Brier score (sum over classes, 0 to 2); lower is better. */
  BRIER("brier", "Brier score", Evaluation::brier),
  ECE_UNCALIBRATED("ece_uncalibrated", "ECE before calibration", Evaluation::eceUncalibrated),
  BRIER_UNCALIBRATED("brier_uncalibrated", "Brier score before calibration", Evaluation::brierUncalibrated),
  /** The flag class's precision when flagging at the decision's threshold; NaN without a decision. */
  FLAG_PRECISION("flag_precision", "Flag precision", e -> e.flagMetric(Thresholds.Point::precision)),
  FLAG_RECALL("flag_recall", "Flag recall", e -> e.flagMetric(Thresholds.Point::recall)),
  FLAG_F1("flag_f1", "Flag F1", e -> e.flagMetric(Thresholds.Point::f1));

  /** The calibration measures, where lower is better; all the others are higher-is-better. */
  public static final List<Metric> CALIBRATION = List.of(ECE, ECE_UNCALIBRATED, BRIER, BRIER_UNCALIBRATED);

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
