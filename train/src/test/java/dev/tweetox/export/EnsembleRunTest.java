package dev.tweetox.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.eval.Metric;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tiny run trains the baseline, a tiny BERT and the ensemble (the default models): all three are in
 * metrics.json, the report and the bundle, and the ensemble predicts the same from the run and from the bundle.
 */
class EnsembleRunTest {
  static final List<String> TEXTS = List.of("what an amazing wonderful day!!", "i hate this, awful", "", "meh");

  @Test
  void allThreeModelsAreInMetricsAndTheReport() throws IOException {
    Path run = TinyRun.runDir();
    MetricsJson metrics = MetricsJson.load(run.resolve(RunDirectory.METRICS));
    assertThat(metrics.kinds()).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE);
    EnsembleFile file = EnsembleFile.read(run.resolve(ModelKind.ENSEMBLE.modelDir()));
    // the reported validation score is the cross-fitted one recorded at fit time, not the refit's
    assertThat(metrics.get(ModelKind.ENSEMBLE, SplitPart.VAL, Metric.MACRO_F1).getAsDouble())
        .isEqualTo(file.crossFittedValMacroF1());
    assertThat(metrics.get(ModelKind.ENSEMBLE, SplitPart.TEST, Metric.MACRO_F1)).isPresent();
    for (String f : List.of("confusion_ensemble_val.png", "roc_ensemble_test.png", "pr_ensemble_test.png",
        "classification_report_ensemble_test.csv", "predictions_test_ensemble.csv")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.readString(run.resolve("model_comparison_test.csv")).lines().findFirst().orElseThrow())
        .contains("ensemble");
    assertThat(Files.readString(run.resolve("report.html"))).contains("Confusion matrix - ensemble - val",
        "ROC curves - ensemble - test", "Precision-recall curves - ensemble - test");
  }

  @Test
  void bundleCarriesTheEnsembleAndPredictsAsTheRunDoes() {
    Path bundle = TinyRun.bundle();
    assertThat(bundle.resolve("ensemble/ensemble.json")).isRegularFile();
    assertThat(bundle.resolve(RunDirectory.METRICS)).isRegularFile();
    try (Predictor fromRun = Predictor.load(TinyRun.runDir(), Precision.FP32, Optional.of(ModelKind.ENSEMBLE));
        Predictor fromBundle = Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.ENSEMBLE));
        Predictor int8 = Predictor.load(bundle, Precision.INT8, Optional.of(ModelKind.ENSEMBLE))) {
      assertThat(fromBundle.kind()).isEqualTo(ModelKind.ENSEMBLE);
      List<Prediction> a = fromRun.predict(TEXTS);
      List<Prediction> b = fromBundle.predict(TEXTS);
      List<Prediction> c = int8.predict(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(b.get(i).probabilities()).as(TEXTS.get(i)).isEqualTo(a.get(i).probabilities());
        assertThat(c.get(i).probabilities().stream().mapToDouble(Double::doubleValue).sum())
            .isCloseTo(1.0, within(1e-9));
      }
    }
  }

  @Test
  void autoPicksTheSameModelFromTheRunAndFromTheBundle() {
    MetricsJson metrics = MetricsJson.load(TinyRun.runDir().resolve(RunDirectory.METRICS));
    try (Predictor fromRun = Predictor.load(TinyRun.runDir(), Precision.FP32);
        Predictor fromBundle = Predictor.load(TinyRun.bundle(), Precision.FP32)) {
      assertThat(fromBundle.kind()).isEqualTo(fromRun.kind());
      double best = metrics.get(fromRun.kind(), SplitPart.VAL, Metric.MACRO_F1).getAsDouble();
      for (ModelKind k : metrics.kinds()) {
        assertThat(metrics.get(k, SplitPart.VAL, Metric.MACRO_F1).getAsDouble()).as(k.key())
            .isLessThanOrEqualTo(best);
      }
    }
  }

  @Test
  void ensembleCommandRefitsFromSavedMembersAndEvaluateKeepsIt() throws IOException {
    Path copy = TinyRun.copy(TinyRun.runDir(), TinyRun.scratch("ensemble-refit"));
    RunDirectory dir = RunDirectory.existing(copy);
    EnsembleFile before = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE));
    dev.tweetox.io.AtomicFiles.deleteTree(dir.modelDir(ModelKind.ENSEMBLE));
    Files.delete(copy.resolve(RunDirectory.METRICS));
    var evals = Pipeline.ensemble(dir, "ensemble", new PrintWriter(new StringWriter()));
    assertThat(evals.keySet()).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE);
    EnsembleFile after = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE));
    assertThat(after.members()).isEqualTo(before.members());
    MetricsJson metrics = MetricsJson.load(copy.resolve(RunDirectory.METRICS));
    assertThat(metrics.get(ModelKind.ENSEMBLE, SplitPart.VAL, Metric.MACRO_F1).getAsDouble())
        .isEqualTo(after.crossFittedValMacroF1());
    String saved = Files.readString(dir.modelDir(ModelKind.ENSEMBLE).resolve(EnsembleFile.FILE));
    var again = Pipeline.evaluate(dir, "evaluate", new PrintWriter(new StringWriter()));
    assertThat(again.get(ModelKind.ENSEMBLE).bySplit().get(SplitPart.VAL).macroF1())
        .as("evaluate re-derives the same cross-fitted score").isEqualTo(after.crossFittedValMacroF1());
    assertThat(dir.modelDir(ModelKind.ENSEMBLE).resolve(EnsembleFile.FILE)).as("evaluate never refits")
        .hasContent(saved);
  }

  @Test
  void ensembleCommandOnARunWithOneModelSaysWhatToTrain() throws IOException {
    Path copy = TinyRun.copy(TinyRun.runDir(), TinyRun.scratch("ensemble-one-model"));
    RunDirectory dir = RunDirectory.existing(copy);
    dev.tweetox.io.AtomicFiles.deleteTree(dir.modelDir(ModelKind.TRANSFORMER));
    assertThatThrownBy(() -> Pipeline.ensemble(dir, "ensemble", new PrintWriter(new StringWriter())))
        .isInstanceOf(dev.tweetox.TweetoxException.class).hasMessageContaining("only a saved baseline to stack")
        .hasMessageContaining("two or more of [baseline, transformer, student]")
        .hasMessageContaining("tweetox train --run-dir " + dir);
  }
}
