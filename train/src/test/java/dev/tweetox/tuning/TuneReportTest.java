package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuneReportTest {
  static TrialRecord t(int n, TrialStatus status, Double value, Map<String, Object> params) {
    return new TrialRecord(n, params, status, "w", 1, 0L, 1000L, value, null, 1.0, null, null);
  }

  @Test
  void bestPrefersCompleteTrials() {
    List<TrialRecord> trials = List.of(t(0, TrialStatus.PRUNED, 0.9, Map.of()), t(1, TrialStatus.COMPLETE, 0.7,
        Map.of()), t(2, TrialStatus.COMPLETE, 0.8, Map.of()), t(3, TrialStatus.FAILED, null, Map.of()));
    assertThat(TuneReport.best(trials).orElseThrow().number()).isEqualTo(2);
    assertThat(TuneReport.best(trials.subList(0, 1)).orElseThrow().number()).isZero();
    assertThat(TuneReport.best(List.of())).isEmpty();
  }

  @Test
  void importanceIsTheShareOfVarianceExplainedByEachParameter() {
    // penalty explains everything (l1 -> 0.6, l2 -> 0.8); c is balanced across both, explains nothing
    List<TrialRecord> trials = List.of(
        t(0, TrialStatus.COMPLETE, 0.6, Map.of("c", 1.0, "penalty", "l1")),
        t(1, TrialStatus.COMPLETE, 0.6, Map.of("c", 2.0, "penalty", "l1")),
        t(2, TrialStatus.COMPLETE, 0.8, Map.of("c", 1.0, "penalty", "l2")),
        t(3, TrialStatus.COMPLETE, 0.8, Map.of("c", 2.0, "penalty", "l2")));
    Map<String, Double> imp = TuneReport.importance(trials);
    assertThat(imp.get("penalty")).isCloseTo(1.0, within(1e-12));
    assertThat(imp.get("c")).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void halvingImportanceComparesTrialsAtTheSameRung() {
    // by best value, the long-trained l2 trial looks better only because it trained longer; at rung 0 l1 leads
    List<TrialRecord> trials = List.of(
        t(0, TrialStatus.COMPLETE, 0.9, Map.of("penalty", "l2")),
        t(1, TrialStatus.PRUNED, 0.7, Map.of("penalty", "l1")),
        t(2, TrialStatus.FAILED, null, Map.of("penalty", "l1")));
    List<TrialRecord> atRung = TuneReport.atRung(trials, Map.of(0, 0.6, 1, 0.7));
    assertThat(atRung).extracting(TrialRecord::number).containsExactly(0, 1);
    assertThat(atRung).extracting(TrialRecord::value).containsExactly(0.6, 0.7);
    assertThat(TuneReport.atRung(trials, Map.of())).isSameAs(trials);
  }

  @Test
  void trialsTableHasOneColumnPerParameter() {
    var table = TuneReport.trialsTable("s", List.of(t(0, TrialStatus.COMPLETE, 0.5, Map.of("c", 1.0,
        "penalty", "l2"))));
    assertThat(table.columns()).startsWith("trial", "status", "c", "penalty", "val_macro_f1", "test_macro_f1");
    assertThat(table.rows().get(0)).startsWith(0, "complete", 1.0, "l2", 0.5, "");
  }
}
