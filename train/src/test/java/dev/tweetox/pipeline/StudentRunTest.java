package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.TinyBertDirectory;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.eval.Metric;
import dev.tweetox.eval.ModelRanking;
import dev.tweetox.export.BundleExporter;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny teacher-to-student run: a 2-layer hidden-32 random BERT fine-tuned as the teacher, a 1-layer hidden-16
 * random BERT distilled from it. The student is evaluated and reported, exported as a bundle of its own sizes, and
 * served by {@link Predictor} from the run and from the bundle, in float32 and int8. The ensemble stacks all three.
 */
class StudentRunTest {
  static final List<String> TEXTS = List.of("I love this, best day ever", "worst service I have ever had",
      "the meeting is at 3pm", "");
  @TempDir static Path tmp;
  static Path runDir;
  static Map<ModelKind, EvaluateStage.ModelEvaluation> evals;
  static StringWriter log = new StringWriter();

  @BeforeAll
  static void run() {
    Progress.setQuiet(true);
    Path teacher = TinyTraining.writeRandomBert(tmp.resolve("teacher-weights"), 3);
    Vocabulary vocab = Vocabulary.load(Fixtures.path("training/vocab.txt"));
    BertConfig small = new BertConfig(vocab.size(), 16, 1, 2, 32, 64, 2, 1e-12f, 0f, 0f, 0);
    Path student = tmp.resolve("student-weights");
    HfBertDirectory.write(student, small, vocab, TinyBertDirectory.tensors(small, 9), List.of(), Map.of());
    TweetoxConfig cfg = config(teacher, student, "models=baseline,transformer,ensemble,student");
    runDir = tmp.resolve("runs/tiny");
    evals = Pipeline.run(cfg, RunDirectory.resolve(runDir, cfg), "test", new PrintWriter(log)).evaluations();
  }

  static TweetoxConfig config(Path teacher, Path student, String... more) {
    List<String> overrides = new java.util.ArrayList<>(List.of("name=tiny",
        "data.path=" + Fixtures.path("pipeline/tweets60.csv"), "baseline.folds=3", "baseline.c=1",
        "baseline.penalty=l2", "baseline.classWeight=none", "baseline.minDf=1", "transformer.weights=" + teacher,
        "transformer.maxLength=16", "transformer.frozenLayers=1", "transformer.epochs=2",
        "student.weights=" + student, "student.maxLength=16", "student.batchSize=8", "student.epochs=2",
        "student.learningRate=0.001", "student.temperature=2", "student.alpha=0.7"));
    overrides.addAll(List.of(more));
    return ConfigLoader.load(TweetoxConfig.defaults(), null, overrides);
  }

  @Test
  void theStudentIsTrainedFromTheTeachersSoftLabelsAndEvaluatedLikeTheOthers() throws Exception {
    assertThat(evals).containsKeys(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.STUDENT);
    assertThat(log.toString()).contains("student: teacher soft labels for").contains("student: best val macro-F1")
        .contains("student: step 6 (epoch 1.00) val macro-F1"); // the trainer's own lines name the student too
    RunDirectory dir = RunDirectory.existing(runDir);
    assertThat(dir.hasModel(ModelKind.STUDENT)).isTrue();
    assertThat(Files.isRegularFile(dir.stageDir(ModelKind.STUDENT).resolve(TeacherLabels.FILE))).isTrue();
    HfBertDirectory.Contents c = HfBertDirectory.read(dir.modelDir(ModelKind.STUDENT));
    assertThat(c.config().hidden()).isEqualTo(16);
    assertThat(c.config().layers()).isEqualTo(1);
    JsonNode metrics = ConfigLoader.json().readTree(dir.resolve(RunDirectory.METRICS).toFile());
    double f1 = metrics.path("student").path("test").path(Metric.MACRO_F1.key()).asDouble(-1);
    assertThat(f1).isBetween(0.0, 1.0);
    assertThat(evals.get(ModelKind.STUDENT).bySplit().get(SplitPart.TEST).macroF1()).isCloseTo(f1, within(1e-9));
    assertThat(Files.readString(dir.resolve("report.html"))).contains("student");
  }

  @Test
  void theStudentBundleHasItsOwnSizesAndServesInFp32AndInt8() throws Exception {
    Path bundle = tmp.resolve("bundle-student");
    BundleExporter.Result r = BundleExporter.export(runDir, bundle,
        new BundleExporter.Options(false, "other", ModelKind.STUDENT), new PrintWriter(new StringWriter()));
    assertThat(r.int8Written()).isTrue();
    assertThat(HfBertDirectory.read(bundle).config().hidden()).isEqualTo(16);
    assertThat(BundleManifest.read(bundle).model()).isEqualTo(ModelKind.STUDENT);
    assertThat(Files.readString(bundle.resolve(Bundle.CARD_JSON))).contains("\"model_type\" : \"student\"");

    List<Prediction> fromRun;
    try (Predictor p = Predictor.load(runDir, Precision.FP32, Optional.of(ModelKind.STUDENT))) {
      assertThat(p.kind()).isEqualTo(ModelKind.STUDENT);
      fromRun = p.predict(TEXTS);
    }
    // fp32 "auto" ranks the bundle's models by validation (here the baseline may win over the tiny student)
    try (Predictor p = Predictor.load(bundle, Precision.FP32)) {
      assertThat(p.kind()).isEqualTo(ModelRanking.rank(List.of(ModelKind.STUDENT, ModelKind.BASELINE),
          ModelRanking.metricsIn(bundle)).get(0));
    }
    try (Predictor p = Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.STUDENT))) {
      assertThat(p.kind()).isEqualTo(ModelKind.STUDENT);
      List<Prediction> fromBundle = p.predict(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        for (int k = 0; k < 3; k++) {
          assertThat(fromBundle.get(i).probabilities().get(k))
              .isCloseTo(fromRun.get(i).probabilities().get(k), within(1e-6));
        }
      }
    }
    try (Predictor p = Predictor.load(bundle, Precision.INT8)) {
      assertThat(p.kind()).isEqualTo(ModelKind.STUDENT);
      List<Prediction> int8 = p.predict(TEXTS);
      assertThat(int8).hasSize(TEXTS.size());
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(int8.get(i).probabilities().stream().mapToDouble(Double::doubleValue).sum())
            .isCloseTo(1.0, within(1e-5));
        assertThat(int8.get(i).probabilities().get(0)).isCloseTo(fromRun.get(i).probabilities().get(0),
            within(0.05));
      }
    }
    assertThatThrownBy(() -> Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.TRANSFORMER)))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("holds the student")
        .hasMessageContaining("--model-type student");
  }

  @Test
  void theEnsembleStacksTheStudentTooAndIsLeftOutOfABundleWithOneBert() throws Exception {
    RunDirectory dir = RunDirectory.existing(runDir);
    assertThat(evals).containsKey(ModelKind.ENSEMBLE);
    assertThat(dev.tweetox.ensemble.EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE)).members())
        .containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.STUDENT);
    try (Predictor p = Predictor.load(runDir, Precision.FP32, Optional.of(ModelKind.ENSEMBLE))) {
      assertThat(p.kind()).isEqualTo(ModelKind.ENSEMBLE);
      for (Prediction pred : p.predict(TEXTS)) {
        assertThat(pred.probabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
      }
    }
    for (ModelKind bert : List.of(ModelKind.TRANSFORMER, ModelKind.STUDENT)) {
      Path bundle = tmp.resolve("bundle-one-bert-" + bert);
      StringWriter out = new StringWriter();
      BundleExporter.export(runDir, bundle, new BundleExporter.Options(false, "other", bert), new PrintWriter(out));
      assertThat(out.toString()).contains("the ensemble stacks [baseline, transformer, student]")
          .contains("it is left out").contains("--model-type ensemble");
      assertThat(bundle.resolve(Bundle.ENSEMBLE_DIR)).doesNotExist();
      assertThat(bundle.resolve(Bundle.BASELINE_DIR)).isDirectory();
      assertThatThrownBy(() -> Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.ENSEMBLE)))
          .isInstanceOf(TweetoxException.class).hasMessageContaining("has no " + Bundle.ENSEMBLE_DIR + "/");
    }
  }

  @Test
  void unlabelledTweetsJoinTheStudentsTrainingWithoutTheLabelledOnes() throws Exception {
    Path file = tmp.resolve("unlabelled.txt");
    // three new tweets, a repeat, a blank line (a .txt skips it) and a tweet of the labelled data (in some split)
    Files.writeString(file, "what a lovely morning\nthe bus is late again\nmeeting moved to 4pm\n"
        + "what a lovely morning\n \nclass is so happy and wonderful !! #13\n");
    TweetoxConfig cfg = config(TinyTraining.writeRandomBert(tmp.resolve("teacher-u"), 3),
        tmp.resolve("student-weights"), "models=baseline,transformer,student", "student.unlabeled=" + file);
    StringWriter out = new StringWriter();
    Path dir = tmp.resolve("runs/tiny-unlabelled");
    Pipeline.run(cfg, RunDirectory.resolve(dir, cfg), "test", new PrintWriter(out));

    RunDirectory run = RunDirectory.existing(dir);
    assertThat(run.hasModel(ModelKind.STUDENT)).isTrue();
    long labelled = Files.readAllLines(dir.resolve("train_ids.csv")).size() - 1;
    assertThat(out.toString()).contains("student: 3 unlabelled tweets from unlabelled.txt (5 read; dropped 0 empty"
        + " and 2 repeated or already in the labelled splits)")
        .contains("student: teacher soft labels for " + (labelled + 3) + " training tweets");
    assertThat(Files.readString(dev.tweetox.run.StageManifest.file(run, dev.tweetox.run.Stage.train(
        ModelKind.STUDENT)))).contains("\"unlabeled\"");

    assertThatThrownBy(() -> config(tmp, tmp, "models=baseline,transformer", "student.unlabeled=" + file))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("student.unlabeled")
        .hasMessageContaining("add student to the models");
  }

  @Test
  void aStudentWithoutATeacherInTheRunIsAClearError() {
    assertThatThrownBy(() -> config(tmp, tmp, "models=baseline,student")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("models").hasMessageContaining("list transformer before it");
    assertThatThrownBy(() -> config(tmp, tmp, "models=student,transformer")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("list transformer before it");
    // a teacher directory instead: fine without a transformer in the run
    assertThat(config(tmp, tmp, "models=student", "student.teacher=" + tmp).models()).containsExactly("student");
  }
}
