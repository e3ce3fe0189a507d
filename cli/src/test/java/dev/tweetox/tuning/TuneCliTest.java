package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.cli.Main;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tweetox tune} end to end on the 60-tweet fixture: baseline grid, resume, status, tiny-BERT halving. */
class TuneCliTest {
  static final Path FIXTURE = Fixtures.path("pipeline/tweets60.csv");
  /** The tweets the tiny BERT's vocabulary was made from (with other text it sees mostly [UNK] and learns nothing). */
  static final Path TINY_VOCAB_TWEETS = Fixtures.path("training/tweets40.csv");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    Progress.setQuiet(true);
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void baselineGridTunesRetrainsResumesAndReportsStatus() throws Exception {
    Path space = tmp.resolve("space.yaml");
    Files.writeString(space, "model: baseline\nparameters:\n  c: [0.5, 4]\n  penalty: [l1, l2]\n");
    Path runDir = tmp.resolve("runs/t");
    List<String> a = new ArrayList<>(List.of("tune", "--model", "baseline", "--strategy", "grid", "--space",
        space.toString(), "--data", FIXTURE.toString(), "--run-dir", runDir.toString(), "--set", "baseline.folds=3",
        "--set", "baseline.minDf=1", "--quiet"));
    Run r = cli(a.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("tune baseline-grid: trial 3 complete");
    Path tuned = tmp.resolve("runs/t-tuned-baseline");
    assertThat(r.out().lines().reduce((x, y) -> y).orElseThrow()).isEqualTo(tuned.toAbsolutePath().toString());
    for (String f : List.of("tune_summary.csv", "tune_tables.xlsx", "baseline-grid_trials.csv",
        "baseline-grid_validations.csv", "baseline-grid_history.png", "baseline-grid_importance.png")) {
      assertThat(runDir.resolve("tune").resolve(f)).as(f).exists();
    }
    assertThat(runDir.resolve("tune.db")).exists();
    List<String> summary = Files.readAllLines(runDir.resolve("tune/tune_summary.csv"));
    assertThat(summary.get(0)).isEqualTo("study,model,strategy,done,trials,pruned,failed,best_trial,best_params,"
        + "best_val_macro_f1,best_test_macro_f1");
    assertThat(summary.get(1)).startsWith("baseline-grid,baseline,grid,4,4,0,0,");
    List<String> trials = Files.readAllLines(runDir.resolve("tune/baseline-grid_trials.csv"));
    assertThat(trials.get(0)).startsWith("trial,status,c,penalty,val_macro_f1,test_macro_f1,best_epoch,seconds");
    assertThat(trials).hasSize(5);
    assertThat(trials.subList(1, 5)).allSatisfy(l -> assertThat(l).contains(",complete,"));
    assertThat(tuned.resolve("metrics.json")).exists();
    assertThat(tuned.resolve("report.html")).exists();
    assertThat(Files.readString(tmp.resolve("runs/runs_log.csv"))).contains("t-tuned-baseline");

    // the same command again: every trial is done, none runs twice
    Run again = cli(a.toArray(String[]::new));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("baseline-grid: trial 0");

    Run status = cli("tune", "--status", "--run-dir", runDir.toString(), "--data", FIXTURE.toString());
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("baseline-grid (baseline, grid): 4/4 done -- 4 complete, 0 pruned, 0 failed,"
        + " 0 running, 0 pending; best trial");

    // the same study name with another space is refused
    Files.writeString(space, "model: baseline\nparameters:\n  c: [1]\n");
    Run other = cli(a.toArray(String[]::new));
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("study 'baseline-grid'").contains("was made with another search space");
  }

  @Test
  void tinyBertHalvingStudyRunsThroughTheCli() throws Exception {
    Path bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    Path space = tmp.resolve("space.json");
    Files.writeString(space, "{\"model\": \"transformer\", \"parameters\": {\"learningRate\": {\"min\": 1e-4,"
        + " \"max\": 1e-2, \"log\": true}, \"epochs\": [3]}}");
    Path runDir = tmp.resolve("runs/b");
    Run r = cli("tune", "--model", "transformer", "--strategy", "halving", "--trials", "2", "--eta", "2",
        "--space", space.toString(), "--data", TINY_VOCAB_TWEETS.toString(), "--run-dir", runDir.toString(),
        "--no-retrain", "--set", "transformer.weights=" + bert, "--set", "transformer.maxLength=16",
        "--set", "transformer.frozenLayers=1", "--set", "transformer.batchSize=8", "--set", "transformer.patience=9",
        "--set", "data.textColumn=text", "--set", "data.labelColumn=sentiment", "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<TrialRecord> trials = StudyStore.open(null, runDir).trials("transformer-halving");
    assertThat(trials).hasSize(2).allSatisfy(t -> assertThat(t.done()).isTrue());
    TrialRecord first = trials.get(0);
    assertThat(first.status()).isEqualTo(TrialStatus.COMPLETE); // alone at every rung
    assertThat(Path.of(first.checkpoint()).resolve("model.safetensors")).exists();
    // test macro-F1 only for the best trial, scored after the study; the second trial reused the frozen cache
    TrialRecord best = TuneReport.best(trials).orElseThrow();
    assertThat(best.testValue()).isBetween(0.0, 1.0);
    assertThat(trials).filteredOn(t -> t.number() != best.number()).allSatisfy(t ->
        assertThat(t.testValue()).isNull());
    assertThat(r.out()).contains("reused the cached frozen outputs");
    assertThat(runDir.resolve("tune/trials/transformer-halving/trial-0/checkpoint-last")).doesNotExist();
    assertThat(runDir.resolve("tune/transformer-halving_history.png")).exists();
  }

  @Test
  void badTuneOptionsAreOneLineErrors() {
    Run preset = cli("run", "--preset", "huge", "--quiet");
    assertThat(preset.code()).isEqualTo(2);
    assertThat(preset.err()).contains("--preset 'huge' is not one of quick, default, best, full");
    Run strategy = cli("tune", "--strategy", "bayes", "--data", FIXTURE.toString(), "--run-dir",
        tmp.resolve("r").toString(), "--quiet");
    assertThat(strategy.code()).isEqualTo(2);
    assertThat(strategy.err()).contains("--strategy 'bayes' is not one of grid, random, halving");
    Run db = cli("tune", "--model", "baseline", "--storage", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=pw",
        "--data", FIXTURE.toString(), "--run-dir", tmp.resolve("r").toString(), "--quiet");
    assertThat(db.code()).isEqualTo(2);
    assertThat(db.err()).contains("cannot open the study store jdbc:postgresql://127.0.0.1:1/x?user=u&password=***");
  }
}
