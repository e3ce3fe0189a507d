package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.RunsLog;
import dev.tweetox.run.Rerun;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageManifest;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns in one run directory redo exactly the stages whose inputs changed (and what depends on them), what --force
 * and --redo ask for, and any stage whose outputs no longer match its manifest; the rest are skipped.
 */
class StageSkipTest {
  private static final Stage PREPARE = Stage.PREPARE;
  private static final Stage BASELINE = Stage.train(ModelKind.BASELINE);
  private static final Stage TRANSFORMER = Stage.train(ModelKind.TRANSFORMER);
  private static final Stage EVALUATE = Stage.EVALUATE;
  @TempDir static Path tmp;
  private static Path bert;
  private StringWriter out;

  private static Path base;

  /** One finished run; each test works on a copy of it. */
  @BeforeAll
  static void firstRun() {
    Progress.setQuiet(true);
    bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    base = tmp.resolve("base/runs/stages");
    TweetoxConfig cfg = config();
    Pipeline.Result r = Pipeline.run(cfg, RunDirectory.resolve(base, cfg), "test",
        new PrintWriter(new StringWriter()));
    assertThat(r.ranSeconds().keySet()).containsExactlyInAnyOrder(PREPARE, BASELINE, TRANSFORMER, EVALUATE);
  }

  private static TweetoxConfig config(String... extra) {
    List<String> keys = new ArrayList<>(List.of("name=stages", "data.path=" + Fixtures.path("pipeline/tweets60.csv"),
        "baseline.folds=2", "baseline.c=1", "baseline.penalty=l2", "baseline.classWeight=none,balanced",
        "baseline.minDf=1", "transformer.weights=" + bert, "transformer.maxLength=16", "transformer.trainFraction=1",
        "transformer.frozenLayers=1", "transformer.epochs=1"));
    keys.addAll(List.of(extra));
    return ConfigLoader.load(TweetoxConfig.defaults(), null, keys);
  }

  private Set<Stage> runWith(Path dir, Rerun rerun, String... extra) {
    out = new StringWriter();
    TweetoxConfig cfg = config(extra);
    return Pipeline.run(cfg, RunDirectory.resolve(dir, cfg), "test", rerun, new PrintWriter(out)).ranSeconds()
        .keySet();
  }

  private Set<Stage> run(Path dir, String... extra) {
    return runWith(dir, Rerun.CHANGED, extra);
  }

  /** A copy of the finished run, without the runs log beside it. */
  private static Path fresh(String name) {
    Path to = tmp.resolve("runs").resolve(name);
    try (var walk = Files.walk(base)) {
      for (Path p : walk.toList()) {
        Path dst = to.resolve(base.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return to;
  }

  @Test
  void aSecondRunSkipsEveryStageWithOneLineEach() {
    Path dir = fresh("again");
    assertThat(run(dir)).isEmpty();
    assertThat(out.toString()).containsPattern("prepare: up to date \\(data [0-9a-f]{8}, config [0-9a-f]{8}\\),"
        + " skipped").contains("baseline: up to date (").contains("transformer: up to date (")
        .contains("evaluate: up to date (").doesNotContain("resuming");
  }

  @Test
  void aChangedConfigKeyRedoesExactlyTheStagesThatReadItAndWhatFollows() {
    Path dir = fresh("changed");
    assertThat(run(dir, "baseline.c=2")).containsExactlyInAnyOrder(BASELINE, EVALUATE);
    assertThat(out.toString()).contains("baseline: config changed (").contains("transformer: up to date");
    assertThat(run(dir, "baseline.c=2", "transformer.learningRate=3e-3"))
        .containsExactlyInAnyOrder(TRANSFORMER, EVALUATE);
    assertThat(run(dir, "baseline.c=2", "transformer.learningRate=3e-3", "cleaning.stem=true"))
        .containsExactlyInAnyOrder(PREPARE, BASELINE, TRANSFORMER, EVALUATE);
  }

  @Test
  void forceRedoesEverythingAndRedoRedoesOneStageAndWhatFollowsIt() {
    Path dir = fresh("force");
    assertThat(runWith(dir, new Rerun(true, Optional.empty())))
        .containsExactlyInAnyOrder(PREPARE, BASELINE, TRANSFORMER, EVALUATE);
    assertThat(out.toString()).contains("transformer: redoing (--force)").doesNotContain("resuming");
    assertThat(runWith(dir, new Rerun(false, Optional.of(BASELINE)))).containsExactlyInAnyOrder(BASELINE, EVALUATE);
    assertThat(runWith(dir, new Rerun(false, Optional.of(EVALUATE)))).containsExactly(EVALUATE);
    assertThat(runWith(dir, new Rerun(false, Optional.of(PREPARE))))
        .containsExactlyInAnyOrder(PREPARE, BASELINE, TRANSFORMER, EVALUATE);
  }

  @Test
  void aRedoneReportWithTheSameInputsReplacesItsRunsLogRow() {
    Path dir = fresh("ledger/run");
    runWith(dir, new Rerun(false, Optional.of(EVALUATE)));
    assertThat(RunsLog.read(dir.resolveSibling("runs_log.csv"))).hasSize(1);
    run(dir, "baseline.c=3");
    assertThat(RunsLog.read(dir.resolveSibling("runs_log.csv"))).hasSize(2);
  }

  @Test
  void aCorruptedOutputIsRedoneNotLoaded() throws IOException {
    Path dir = fresh("corrupt");
    Path model = dir.resolve("transformer/model/model.safetensors");
    assertThat(model).exists();
    byte[] bytes = Files.readAllBytes(model);
    Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(run(dir)).containsExactlyInAnyOrder(TRANSFORMER, EVALUATE);
    assertThat(out.toString()).contains("transformer: output transformer/model/model.safetensors no longer matches"
        + " its hash (truncated or edited), redoing").doesNotContain("resuming")
        .doesNotContain("already holds this finished training");
    assertThat(Files.size(model)).isEqualTo(bytes.length);
  }

  @Test
  void aManifestFromAnotherVersionStopsTheRunWithTheFileAndTheWayOut() throws IOException {
    Path dir = fresh("alien");
    Path manifest = StageManifest.file(new RunDirectory(dir), BASELINE);
    Files.writeString(manifest, "stage: baseline\nhashes: [1, 2]\n");
    assertThatThrownBy(() -> run(dir)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining(manifest.toString()).hasMessageContaining("--force")
        .hasMessageContaining("fresh --run-dir");
    assertThat(runWith(dir, new Rerun(true, Optional.empty()))).contains(BASELINE);
    assertThat(run(dir)).isEmpty();
  }
}
