package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.TransformerModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerTrainerTest {
  @TempDir static Path shared;
  static Path bert;

  @BeforeAll
  static void writeBert() {
    Progress.setQuiet(true);
    bert = TinyTraining.writeRandomBert(shared.resolve("tiny-bert"), 11);
  }


  @Test
  void lossFallsAndTheTinyModelOverfits(@TempDir Path out) throws Exception {
    TransformerConfig cfg = TinyTraining.config(bert, 25, 3e-3, 0, false, 25);
    TransformerTrainer.Result r = TinyTraining.train(cfg, out, TinyTraining.options(), new StringWriter());

    assertThat(r.interrupted()).isFalse();
    assertThat(r.state().step()).isEqualTo(25 * 5);
    List<String> rows = Files.readAllLines(out.resolve(MetricLog.FILE));
    assertThat(rows.get(0)).isEqualTo(MetricLog.HEADER);
    double first = Double.parseDouble(rows.get(1).split(",")[2]);
    double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[2]);
    assertThat(last).isLessThan(first * 0.2);
    try (TransformerModel model = TransformerModel.load(r.modelDir())) {
      TrainingData d = TinyTraining.data();
      Evaluation e = Evaluation.of(d.trainLabels(), model.predictProba(d.trainTexts()), d.labels());
      assertThat(e.accuracy()).isEqualTo(1.0);
      // the saved best model reproduces the validation score it was chosen for
      assertThat(e.macroF1()).isEqualTo(r.state().bestMetric(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(model.labels()).isEqualTo(d.labels());
    }
  }

  @Test
  void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path a, @TempDir Path b) {
    TransformerConfig cfg = TinyTraining.config(bert, 3, 2e-3, 0, false, 10);
    TransformerTrainer.Options opt = TinyTraining.options().withCheckpointSteps(4);
    TransformerTrainer.Result whole = TinyTraining.train(cfg, a, opt, new StringWriter());

    TransformerTrainer.Result cut = TinyTraining.train(cfg, b, opt.withStopAfterSteps(11), new StringWriter());
    assertThat(cut.interrupted()).isTrue();
    assertThat(Checkpoints.read(b).orElseThrow().state().step()).isEqualTo(10); // eval at epoch end (step 10)
    StringWriter log = new StringWriter();
    TransformerTrainer.Result resumed = TinyTraining.train(cfg, b, opt, log);

    assertThat(log.toString()).contains("resuming from").contains("at step 10 (epoch 2, batch 0)");
    assertThat(resumed.state().step()).isEqualTo(whole.state().step()).isEqualTo(15);
    assertThat(resumed.state().bestMetric()).isEqualTo(whole.state().bestMetric());
    SafetensorsReader wa = SafetensorsReader.open(a.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    SafetensorsReader wb = SafetensorsReader.open(b.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    assertThat(wb.names()).isEqualTo(wa.names());
    for (String name : wa.names()) {
      assertThat(wb.read(name)).as(name).containsExactly(wa.read(name));
    }
    SafetensorsReader la = SafetensorsReader.open(a.resolve(Checkpoints.LAST).resolve(Checkpoints.TRAINABLE));
    SafetensorsReader lb = SafetensorsReader.open(b.resolve(Checkpoints.LAST).resolve(Checkpoints.TRAINABLE));
    for (String name : la.names()) {
      assertThat(lb.read(name)).as(name).containsExactly(la.read(name));
    }
  }

  @Test
  void aKilledRunWithCacheFilesResumesOnTheWrittenCacheAndEndsAsAnUninterruptedOne(@TempDir Path a,
      @TempDir Path b) throws Exception {
    TransformerConfig cfg = TinyTraining.config(bert, 3, 2e-3, 1, true, 10);
    TransformerTrainer.Options opt = TinyTraining.options().withCheckpointSteps(4);
    TransformerTrainer.Result whole = TinyTraining.train(cfg, a, opt.withCacheFiles(a, FrozenCache.Precision.FLOAT16),
        new StringWriter());

    StringWriter first = new StringWriter();
    TinyTraining.train(cfg, b, opt.withCacheFiles(b, FrozenCache.Precision.FLOAT16).withStopAfterSteps(7), first);
    assertThat(first.toString()).contains("frozen cache: building " + b.resolve("frozen-train.cache"))
        .contains("frozen cache: building " + b.resolve("frozen-val.cache"));
    long written = Files.getLastModifiedTime(b.resolve("frozen-train.cache")).toMillis();
    StringWriter log = new StringWriter();
    TransformerTrainer.Result resumed =
        TinyTraining.train(cfg, b, opt.withCacheFiles(b, FrozenCache.Precision.FLOAT16), log);

    assertThat(log.toString()).contains("frozen cache: reusing " + b.resolve("frozen-train.cache"))
        .contains("frozen cache: reusing " + b.resolve("frozen-val.cache"))
        .contains("reused the cached frozen outputs").doesNotContain("frozen cache: building");
    assertThat(Files.getLastModifiedTime(b.resolve("frozen-train.cache")).toMillis()).isEqualTo(written);
    assertThat(resumed.valCache().orElseThrow().reused()).isTrue();
    assertThat(resumed.state().step()).isEqualTo(whole.state().step());
    assertThat(resumed.state().bestMetric()).isEqualTo(whole.state().bestMetric());
    SafetensorsReader wa = SafetensorsReader.open(a.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    SafetensorsReader wb = SafetensorsReader.open(b.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    for (String name : wa.names()) {
      assertThat(wb.read(name)).as(name).containsExactly(wa.read(name));
    }
  }

  @Test
  void finishedRunIsReusedAndAnotherConfigIsRefused(@TempDir Path out) {
    TransformerConfig cfg = TinyTraining.config(bert, 1, 1e-3, 1, true, 1);
    TinyTraining.train(cfg, out, TinyTraining.options(), new StringWriter());
    StringWriter log = new StringWriter();
    TransformerTrainer.Result again = TinyTraining.train(cfg, out, TinyTraining.options(), log);
    assertThat(log.toString()).contains("already holds this finished training");
    assertThat(again.state().finished()).isTrue();

    TransformerConfig other = TinyTraining.config(bert, 2, 1e-3, 1, true, 1);
    assertThatThrownBy(() -> TinyTraining.train(other, out, TinyTraining.options(), new StringWriter()))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("checkpoint-last was written for another config or data");
  }

  @Test
  void midEpochValidationsCountWithinTheEpochAndNeverCrowdItsEnd(@TempDir Path a, @TempDir Path b) {
    // 40 tweets in batches of 8: 5 steps per epoch, 2 epochs
    assertThat(validationSteps(3, a)).containsExactly(3, 5, 8, 10);
    // step 4 of 5 is within half an interval (2 steps) of the epoch end: only the end is validated
    assertThat(validationSteps(4, b)).containsExactly(5, 10);
  }

  private static List<Integer> validationSteps(int evalEvery, Path out) {
    TransformerConfig cfg = TinyTraining.config(bert, 2, 1e-3, 0, false, 99).toBuilder().evalEvery(evalEvery).build();
    List<Integer> steps = new java.util.ArrayList<>();
    TransformerTrainer.train(cfg, 42, TinyTraining.data(), out, new PrintWriter(new StringWriter(), true),
        TinyTraining.options(), new TrainingListener() {
          @Override
          public void onValidation(Step step, MetricLog.Validation v, boolean improved, TrainingControl run) {
            steps.add(step.step());
          }
        });
    return steps;
  }

  @Test
  void tooManyFrozenLayersIsAnError(@TempDir Path out) {
    TransformerConfig cfg = TinyTraining.config(bert, 1, 1e-3, 3, true, 1);
    assertThatThrownBy(() -> TinyTraining.train(cfg, out, TinyTraining.options(), new StringWriter()))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("frozenLayers is 3 but")
        .hasMessageContaining("has 2 layers");
  }
}
