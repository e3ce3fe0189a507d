package dev.tweetox.eval;

import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What "the strongest model" ({@value ModelKind#AUTO}) means, in one place for prediction, serving, evaluation and
 * Spark: the saved model with the best validation macro-F1 in the run's {@code metrics.json} (the ensemble's is
 * cross-fitted, so it wins only if it truly beats the transformer on held-out rows). When the metrics cannot decide
 * (no file, or a saved model without a validation score), a fixed order is used: transformer, baseline, then the
 * ensemble, which is never preferred without evidence. Ties keep the fixed order.
 */
public final class ModelRanking {
  /** The order used when metrics are missing, and for ties. */
  static final List<ModelKind> FIXED_ORDER = List.of(ModelKind.TRANSFORMER, ModelKind.BASELINE, ModelKind.ENSEMBLE);

  private ModelRanking() {}

  /** The given kinds, strongest first. */
  public static List<ModelKind> rank(Collection<ModelKind> available, Optional<MetricsJson> metrics) {
    Comparator<ModelKind> fixed = Comparator.comparingInt(ModelRanking::fixedRank);
    boolean scored = metrics.isPresent() && !available.isEmpty()
        && available.stream().allMatch(k -> valMacroF1(metrics.get(), k).isPresent());
    if (!scored) {
      return available.stream().distinct().sorted(fixed).toList();
    }
    Comparator<ModelKind> byScore = Comparator.comparingDouble(k -> -valMacroF1(metrics.get(), k).getAsDouble());
    return available.stream().distinct().sorted(byScore.thenComparing(fixed)).toList();
  }

  /** The {@code metrics.json} in a run directory or bundle, if it has one. */
  public static Optional<MetricsJson> metricsIn(Path dir) {
    Path file = dir.resolve(RunDirectory.METRICS);
    return Files.isRegularFile(file) ? Optional.of(MetricsJson.load(file)) : Optional.empty();
  }

  private static OptionalDouble valMacroF1(MetricsJson metrics, ModelKind kind) {
    return metrics.get(kind, SplitPart.VAL, Metric.MACRO_F1);
  }

  private static int fixedRank(ModelKind k) {
    int i = FIXED_ORDER.indexOf(k);
    return i >= 0 ? i : FIXED_ORDER.size() + k.ordinal(); // a kind added later: after these, in declaration order
  }
}
