package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.config.StudentConfig;
import dev.tweetox.config.TeacherPrecision;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.onnx.OnnxBertModel;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.Distillation;
import dev.tweetox.transformer.training.Subsets;
import dev.tweetox.transformer.training.TrainingData;
import dev.tweetox.transformer.training.TransformerTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Stage 5 (when asked): distil the fine-tuned transformer into a small BERT. The teacher labels the training split
 * on ONNX Runtime (float32 logits, softened at the configured temperature); the student then trains on those soft
 * labels and the gold labels, early-stopping on validation macro-F1, and is kept under {@code <runDir>/student/model}
 * as a Hugging Face directory like the transformer.
 */
public final class StudentStage {
  private StudentStage() {}

  public static OnnxBertModel train(TweetoxConfig cfg, RunDirectory dir, PreparedData data, PrintWriter log) {
    StudentConfig sc = cfg.student();
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    List<String> allTexts = texts(cleaner, data.train());
    int[] allLabels = PreparedData.labelsOf(data.train());
    int[] subset = Subsets.stratified(allLabels, sc.trainFraction(), cfg.seed());
    List<String> trainTexts = new ArrayList<>(Arrays.stream(subset).mapToObj(allTexts::get).toList());
    int[] trainLabels = Arrays.stream(subset).map(i -> allLabels[i]).toArray();
    if (sc.hasUnlabeled()) {
      // no gold label (-1): these rows learn from the teacher's soft labels alone
      trainTexts.addAll(ModelInputs.forModel(ModelKind.STUDENT, cleaner,
          UnlabeledTweets.load(cfg, data, cleaner, log)));
      trainLabels = Arrays.copyOf(trainLabels, trainTexts.size());
      Arrays.fill(trainLabels, subset.length, trainLabels.length, -1);
    }
    TrainingData td = new TrainingData(trainTexts, trainLabels, texts(cleaner, data.val()),
        PreparedData.labelsOf(data.val()), data.labels());
    int threads = sc.threads() == 0 ? Runtime.getRuntime().availableProcessors() : sc.threads();
    long t0 = System.nanoTime();
    float[][] logits = TeacherLabels.logits(teacherDir(sc, dir), sc.teacherPrecision() == TeacherPrecision.INT8,
        trainTexts, data.labels(), dir.stageDir(ModelKind.STUDENT), threads, log);
    Distillation distillation = new Distillation(Distillation.softLabels(logits, sc.temperature()),
        sc.temperature(), sc.alpha());
    log.printf(Locale.ROOT, "student: teacher soft labels for %d training tweets (T = %.2f) in %.0f s%n",
        logits.length, sc.temperature(), (System.nanoTime() - t0) / 1e9);
    log.flush();
    long t1 = System.nanoTime();
    TransformerTrainer.Result r = TransformerTrainer.train(sc.training(), cfg.seed(), td,
        dir.stageDir(ModelKind.STUDENT), log, TransformerTrainer.Options.defaults().withDistillation(distillation));
    log.printf(Locale.ROOT, "student: best val macro-F1 %.4f at step %d of %d; trained in %.0f s; saved to %s%n",
        r.state().bestMetric(), r.state().bestStep(), r.state().step(), (System.nanoTime() - t1) / 1e9,
        r.modelDir());
    log.flush();
    return OnnxBertModel.load(r.modelDir(), false, OnnxBertModel.DEFAULT_BATCH, threads, ModelKind.STUDENT);
  }

  /** The run's trained student on ONNX Runtime at fp32, as evaluation scores it. */
  public static OnnxBertModel load(RunDirectory dir) {
    return OnnxBertModel.load(dir.modelDir(ModelKind.STUDENT), false, OnnxBertModel.DEFAULT_BATCH,
        Runtime.getRuntime().availableProcessors(), ModelKind.STUDENT);
  }

  /** The teacher's folder: the run's transformer, or the directory {@code student.teacher} names. */
  static Path teacherDir(StudentConfig sc, RunDirectory dir) {
    Path teacher = sc.teacherIsRun() ? TransformerStage.modelDir(dir) : Path.of(sc.teacher());
    if (!Files.isRegularFile(teacher.resolve(HfBertDirectory.CONFIG))) {
      throw new TweetoxException(sc.teacherIsRun()
          ? "student: the run has no fine-tuned transformer (" + teacher.resolve(HfBertDirectory.CONFIG)
              + " is missing); train it first with --models transformer,student"
          : "student.teacher: " + teacher + " has no " + HfBertDirectory.CONFIG + "; give a fine-tuned BERT"
              + " directory (a run's transformer/model or an export bundle)");
    }
    return teacher;
  }

  private static List<String> texts(TextCleaner cleaner, List<Example> examples) {
    return ModelInputs.forModel(ModelKind.STUDENT, cleaner, examples.stream().map(Example::text).toList());
  }
}
