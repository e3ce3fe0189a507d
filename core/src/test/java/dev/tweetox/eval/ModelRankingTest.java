package dev.tweetox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.model.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelRankingTest {
  static final List<ModelKind> ALL = List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE);

  static Optional<MetricsJson> val(double baseline, double transformer, double ensemble) {
    Map<String, Map<String, Map<String, Double>>> m = new LinkedHashMap<>();
    m.put("baseline", Map.of("val", Map.of("macro_f1", baseline), "test", Map.of("macro_f1", 0.99)));
    m.put("transformer", Map.of("val", Map.of("macro_f1", transformer)));
    m.put("ensemble", Map.of("val", Map.of("macro_f1", ensemble)));
    return Optional.of(MetricsJson.of(m));
  }

  @Test
  void ensembleIsChosenOnlyWhenItWinsOnValidation() {
    assertThat(ModelRanking.rank(ALL, val(0.73, 0.786, 0.790)))
        .containsExactly(ModelKind.ENSEMBLE, ModelKind.TRANSFORMER, ModelKind.BASELINE);
    assertThat(ModelRanking.rank(ALL, val(0.73, 0.786, 0.780)).get(0)).isEqualTo(ModelKind.TRANSFORMER);
    assertThat(ModelRanking.rank(ALL, val(0.73, 0.786, 0.786)).get(0)).as("a tie is no win")
        .isEqualTo(ModelKind.TRANSFORMER);
  }

  @Test
  void withoutMetricsTheFixedOrderPutsTheEnsembleLast() {
    assertThat(ModelRanking.rank(ALL, Optional.empty()))
        .containsExactly(ModelKind.TRANSFORMER, ModelKind.BASELINE, ModelKind.ENSEMBLE);
    Map<String, Map<String, Map<String, Double>>> partial = Map.of("ensemble", Map.of("val", Map.of("macro_f1", 0.9)));
    assertThat(ModelRanking.rank(ALL, Optional.of(MetricsJson.of(partial))).get(0))
        .as("a model without a val score leaves the metrics undecided").isEqualTo(ModelKind.TRANSFORMER);
  }

  @Test
  void theTestSplitNeverDecides() {
    // the baseline's test score (0.99) is the highest number in the file; only val counts
    assertThat(ModelRanking.rank(List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER), val(0.70, 0.786, 0))
        .get(0)).isEqualTo(ModelKind.TRANSFORMER);
  }
}
