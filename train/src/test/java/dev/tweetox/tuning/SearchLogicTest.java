package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.model.ModelKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchLogicTest {
  @TempDir Path tmp;

  @Test
  void notebookGridCoversEveryCombinationOnce() {
    List<Map<String, Object>> grid = Strategy.GRID.configurations(SearchSpace.notebookGrid(), 0, 1);
    assertThat(grid).hasSize(8).doesNotHaveDuplicates();
    assertThat(grid).allSatisfy(c -> assertThat(c.get("learningRate")).isEqualTo(3e-5));
    assertThat(grid.stream().map(c -> c.get("batchSize")).collect(Collectors.toSet())).containsExactlyInAnyOrder(8, 16);
    assertThat(grid.stream().map(c -> c.get("weightDecay")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(0.0, 0.01);
    assertThat(grid.stream().map(c -> c.get("epochs")).collect(Collectors.toSet())).containsExactlyInAnyOrder(2, 3);
    // key order: batchSize varies slowest, weightDecay fastest
    assertThat(grid.get(0)).isEqualTo(Map.of("batchSize", 8, "epochs", 2, "learningRate", 3e-5, "weightDecay", 0.0));
    assertThat(grid.get(1)).isEqualTo(Map.of("batchSize", 8, "epochs", 2, "learningRate", 3e-5, "weightDecay", 0.01));
  }

  @Test
  void randomSequenceIsReproducibleAndInRange() {
    SearchSpace space = SearchSpace.notebookRandom();
    List<Map<String, Object>> a = Strategy.RANDOM.configurations(space, 8, 42);
    List<Map<String, Object>> b = Strategy.RANDOM.configurations(space, 8, 42);
    List<Map<String, Object>> c = Strategy.RANDOM.configurations(space, 8, 43);
    assertThat(a).isEqualTo(b).hasSize(8).isNotEqualTo(c);
    // a longer study starts with the same trials
    assertThat(Strategy.RANDOM.configurations(space, 12, 42).subList(0, 8)).isEqualTo(a);
    for (Map<String, Object> t : a) {
      assertThat((Double) t.get("learningRate")).isBetween(2e-5, 5e-5);
      assertThat((Double) t.get("weightDecay")).isBetween(0.0, 0.1);
      assertThat((Integer) t.get("epochs")).isBetween(2, 4);
      assertThat(List.of(8, 12, 16, 24, 32)).contains((Integer) t.get("batchSize"));
    }
    assertThat(a.stream().map(t -> t.get("epochs")).collect(Collectors.toSet())).hasSizeGreaterThan(1);
  }

  @Test
  void halvingKeepsTheTopThirdAtEachRung() {
    Halving h = new Halving(Halving.Resource.EPOCHS, 1, 3);
    assertThat(h.rungAt(0.5)).isEqualTo(-1);
    assertThat(h.rungAt(1)).isZero();
    assertThat(h.rungAt(2.9)).isZero();
    assertThat(h.rungAt(3)).isEqualTo(1);
    assertThat(h.rungAt(9)).isEqualTo(2);
    assertThat(h.promotes(0.5, List.of(0.5))).isTrue(); // alone at the rung
    assertThat(h.promotes(0.4, List.of(0.5, 0.4))).isFalse(); // fewer than eta: only the best goes on
    assertThat(h.promotes(0.6, List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6))).isTrue(); // top 2 of 6
    assertThat(h.promotes(0.5, List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6))).isTrue();
    assertThat(h.promotes(0.4, List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6))).isFalse();
  }

  @Test
  void halvingStudyPromotesTheBestTrialsAndPrunesTheRest() {
    // lr values in ascending distance from 3e-5: quality falls with trial number after the first
    SearchSpace space = SearchSpace.fromJson("{\"model\": \"transformer\", \"parameters\": {"
        + "\"learningRate\": {\"values\": [3e-5, 1e-4, 1e-5, 3e-4, 3e-6, 1e-3, 1e-6, 3e-3, 1e-2]},"
        + " \"epochs\": {\"values\": [9]}}}");
    StudySettings s = new StudySettings("h", ModelKind.TRANSFORMER, Strategy.GRID, 0, 1, 1.0,
        new Halving(Halving.Resource.EPOCHS, 1, 3));
    // the study's trials are made in grid order (a known order of qualities); its worker judges them with the
    // halving schedule of the same name
    StudySettings halving = new StudySettings("h", ModelKind.TRANSFORMER, Strategy.HALVING, 9, 1, 1.0,
        s.halving());
    StudyStore store = StudyStore.open(null, tmp);
    store.openStudy(s, space);
    StringWriter out = new StringWriter();
    new TuneWorker(store, halving, new FakeObjective(0, null), tmp, "w", 60_000, new PrintWriter(out)).run();
    List<TrialRecord> trials = store.trials("h");
    assertThat(trials).hasSize(9);
    // trial 0 (best lr) runs to the end; the later, worse ones are cut at rung 0 (epoch 1) once 3+ have reported
    assertThat(trials.get(0).status()).isEqualTo(TrialStatus.COMPLETE);
    assertThat(trials.get(0).bestEpoch()).isEqualTo(9.0);
    assertThat(trials.stream().filter(t -> t.status().equals(TrialStatus.PRUNED)).map(TrialRecord::number).toList())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(trials.get(1).bestEpoch()).isEqualTo(1.0);
    assertThat(store.metrics("h")).hasSize(9 + 8);
  }
}
