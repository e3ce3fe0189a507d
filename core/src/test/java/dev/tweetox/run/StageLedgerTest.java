package dev.tweetox.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageLedgerTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private static final Stage BASELINE = Stage.train(ModelKind.BASELINE);
  private static final Map<String, String> IN = Map.of("data", "108245f1aa", "config", "3c9a1b2eff", "code", "c0de");

  private StageLedger ledger(Rerun rerun) {
    return new StageLedger(new RunDirectory(tmp), rerun, new PrintWriter(out));
  }

  private void finishBaseline(StageLedger l) throws IOException {
    Files.createDirectories(tmp.resolve("baseline"));
    Files.writeString(tmp.resolve("baseline/model.json"), "{\"w\":[1,2,3]}");
    l.finish(BASELINE, IN, List.of(tmp.resolve("baseline")), 1.5);
  }

  @Test
  void aMatchingStageIsSkippedWithOneLineSayingWhy() throws IOException {
    finishBaseline(ledger(Rerun.CHANGED));
    StageLedger.Decision d = ledger(Rerun.CHANGED).check(BASELINE, IN);
    assertThat(d.upToDate()).isTrue();
    assertThat(out.toString()).isEqualTo("baseline: up to date (data 108245f1, config 3c9a1b2e), skipped\n");
  }

  @Test
  void aChangedInputRedoesTheStageAndRemovesItsManifestFirst() throws IOException {
    finishBaseline(ledger(Rerun.CHANGED));
    StageLedger.Decision d = ledger(Rerun.CHANGED).check(BASELINE, Map.of("data", "108245f1aa", "config",
        "77aa0012", "code", "c0de"));
    assertThat(d.upToDate()).isFalse();
    assertThat(d.stale()).isTrue();
    assertThat(out.toString()).contains("baseline: config changed (3c9a1b2e -> 77aa0012), redoing");
    assertThat(Files.exists(StageManifest.file(new RunDirectory(tmp), BASELINE))).isFalse();
  }

  @Test
  void aTruncatedOutputIsRedoneNeverTakenAsDone() throws IOException {
    finishBaseline(ledger(Rerun.CHANGED));
    Files.writeString(tmp.resolve("baseline/model.json"), "{\"w\":[1,");
    assertThat(ledger(Rerun.CHANGED).check(BASELINE, IN).upToDate()).isFalse();
    assertThat(out.toString()).contains("output baseline/model.json no longer matches its hash");
  }

  @Test
  void aStageDownstreamOfARedoneStageIsRedone() throws IOException {
    StageLedger first = ledger(Rerun.CHANGED);
    finishBaseline(first);
    first.finish(Stage.EVALUATE, IN, List.of(), 0.1);
    StageLedger second = ledger(new Rerun(false, Optional.of(BASELINE)));
    assertThat(second.check(Stage.PREPARE, IN).upToDate()).isFalse(); // no manifest: runs, quietly
    assertThat(second.check(BASELINE, IN).upToDate()).isFalse();
    finishBaseline(second);
    assertThat(second.check(Stage.EVALUATE, IN).upToDate()).isFalse();
    assertThat(out.toString()).contains("baseline: redoing (--redo baseline)")
        .contains("evaluate: redoing (--redo baseline)");
  }

  @Test
  void aStageDownstreamOfAChangedStageIsRedoneEvenIfItsOwnInputsMatch() throws IOException {
    StageLedger first = ledger(Rerun.CHANGED);
    finishBaseline(first);
    first.finish(Stage.EVALUATE, IN, List.of(), 0.1);
    StageLedger second = ledger(Rerun.CHANGED);
    Map<String, String> changed = Map.of("data", "108245f1aa", "config", "77aa0012", "code", "c0de");
    assertThat(second.check(BASELINE, changed).upToDate()).isFalse();
    Files.writeString(tmp.resolve("baseline/model.json"), "{\"w\":[1,2,3]}"); // same bytes as before
    second.finish(BASELINE, changed, List.of(tmp.resolve("baseline")), 1.0);
    assertThat(second.check(Stage.EVALUATE, IN).upToDate()).isFalse();
    assertThat(out.toString()).contains("evaluate: redoing because baseline was redone");
  }

  @Test
  void aManifestThatDoesNotParseNamesItsFileAndTheWayOut() throws IOException {
    Path m = StageManifest.file(new RunDirectory(tmp), BASELINE);
    Files.createDirectories(m.getParent());
    Files.writeString(m, "{\"version\": 7, \"hashes\": []}");
    assertThatThrownBy(() -> ledger(Rerun.CHANGED).check(BASELINE, IN)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining(m.toString()).hasMessageContaining("--force").hasMessageContaining("fresh --run-dir");
    assertThat(ledger(new Rerun(true, Optional.empty())).check(BASELINE, IN).upToDate()).isFalse();
  }

  @Test
  void stageNamesParseAndFollowTheModelKinds() {
    assertThat(Stage.keys()).containsExactly("prepare", "baseline", "transformer", "student", "ensemble", "evaluate");
    assertThat(Stage.parse("Transformer")).isEqualTo(Stage.train(ModelKind.TRANSFORMER));
    assertThat(Stage.EVALUATE.dependsOn(BASELINE)).isTrue();
    assertThat(Stage.train(ModelKind.TRANSFORMER).dependsOn(BASELINE)).isFalse();
    // the ensemble stacks the run's other models, so it is redone when any is; a member never depends on it
    assertThat(Stage.train(ModelKind.ENSEMBLE).dependsOn(BASELINE)).isTrue();
    assertThat(Stage.train(ModelKind.ENSEMBLE).dependsOn(Stage.train(ModelKind.TRANSFORMER))).isTrue();
    assertThat(BASELINE.dependsOn(Stage.train(ModelKind.ENSEMBLE))).isFalse();
    assertThat(Stage.EVALUATE.dependsOn(Stage.train(ModelKind.ENSEMBLE))).isTrue();
    // the student learns from the transformer, and from nothing else trained
    assertThat(Stage.train(ModelKind.STUDENT).dependsOn(Stage.train(ModelKind.TRANSFORMER))).isTrue();
    assertThat(Stage.train(ModelKind.STUDENT).dependsOn(BASELINE)).isFalse();
    assertThat(Stage.train(ModelKind.ENSEMBLE).dependsOn(Stage.train(ModelKind.STUDENT))).isTrue();
    assertThat(Stage.train(ModelKind.STUDENT).dependsOn(Stage.train(ModelKind.ENSEMBLE))).isFalse();
    assertThatThrownBy(() -> Stage.parse("frobnicate"))
        .hasMessageContaining("prepare, baseline, transformer, student, ensemble, evaluate");
  }
}
