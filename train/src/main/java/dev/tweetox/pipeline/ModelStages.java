package dev.tweetox.pipeline;

import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageLedger;
import dev.tweetox.transformer.training.Checkpoints;
import dev.tweetox.transformer.training.MetricLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The training stage of each model kind behind the skip check: what it reads, what it writes, how it trains, how a
 * skipped stage's model is loaded, and what a redo clears first. One switch per question, so a new kind is one case.
 */
final class ModelStages {
  private ModelStages() {}

  /** Trains the kind, or skips it when its manifest matches; the model is loaded only if evaluation needs it. */
  static Supplier<TextClassifier> trainOrSkip(ModelKind kind, TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      StageLedger ledger, PrintWriter log) {
    Stage stage = Stage.train(kind);
    Map<String, String> inputs = StageInputs.train(kind, cfg, data);
    StageLedger.Decision d = ledger.check(stage, inputs);
    if (d.upToDate()) {
      return () -> load(kind, dir);
    }
    if (d.stale()) {
      clear(kind, dir);
    }
    dropOperatingPoint(kind, dir);
    long t0 = System.nanoTime();
    TextClassifier model = train(kind, cfg, dir, data, log);
    ledger.finish(stage, inputs, outputs(kind, dir), (System.nanoTime() - t0) / 1e9);
    return () -> model;
  }

  static Object configSection(ModelKind kind, TweetoxConfig cfg) {
    return switch (kind) {
      case BASELINE -> cfg.baseline();
      case TRANSFORMER -> cfg.transformer();
      case STUDENT -> cfg.student();
      case ENSEMBLE -> ModelKind.stackable(ModelKind.parseAll(cfg.models())).stream().map(ModelKind::key)
          .toList(); // its members are its only settings
    };
  }

  static TextClassifier train(ModelKind kind, TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      PrintWriter log) {
    return switch (kind) {
      case BASELINE -> BaselineStage.train(cfg, dir, data, log);
      case TRANSFORMER -> TransformerStage.train(cfg, dir, data, log);
      case STUDENT -> StudentStage.train(cfg, dir, data, log);
      case ENSEMBLE -> throw new IllegalStateException("the ensemble is fitted by EnsembleStage, after its members");
    };
  }

  static TextClassifier load(ModelKind kind, RunDirectory dir) {
    return switch (kind) {
      case BASELINE -> BaselineStage.load(dir);
      case TRANSFORMER -> TransformerStage.load(dir);
      case STUDENT -> StudentStage.load(dir);
      case ENSEMBLE -> throw new IllegalStateException("the ensemble is loaded by EnsembleStage, over its members");
    };
  }

  /** The files whose hashes the manifest keeps (checkpoints and caches are working state, not outputs). */
  static List<Path> outputs(ModelKind kind, RunDirectory dir) {
    return switch (kind) {
      case BASELINE -> concat(modelFiles(BaselineStage.modelDir(dir)), dir.resolve(BaselineStage.GRID_CSV),
          dir.resolve(BaselineStage.FOLDS_CSV));
      case TRANSFORMER -> concat(modelFiles(TransformerStage.modelDir(dir)),
          dir.stageDir(kind).resolve(MetricLog.FILE));
      case STUDENT -> concat(modelFiles(dir.modelDir(kind)), dir.stageDir(kind).resolve(MetricLog.FILE));
      case ENSEMBLE -> modelFiles(dir.modelDir(kind));
    };
  }

  /**
   * The model folder's files but its {@code calibration.json}: the evaluate stage writes that one, so it belongs to
   * evaluate's run of the model, not to the training stage (else each evaluation would look like a changed model).
   */
  private static List<Path> modelFiles(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(modelDir)) {
      return walk.filter(Files::isRegularFile).filter(f -> !f.equals(modelDir.resolve(OperatingPoint.FILE)))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + modelDir + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> concat(List<Path> files, Path... more) {
    return Stream.concat(files.stream(), Stream.of(more)).toList();
  }

  /** A retrained model must not be served with the old model's temperature and threshold until evaluate refits. */
  static void dropOperatingPoint(ModelKind kind, RunDirectory dir) {
    try {
      Files.deleteIfExists(dir.modelDir(kind).resolve(OperatingPoint.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the outdated " + dir.modelDir(kind).resolve(OperatingPoint.FILE)
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Before redoing a stage whose earlier results came from other inputs (or are damaged): the transformer would
   * otherwise resume from, or reuse, the old checkpoint. With no manifest at all the stage resumes as before.
   */
  static void clear(ModelKind kind, RunDirectory dir) {
    if (kind.isBert()) {
      // the student's teacher_logits.bin stays: it is keyed by the teacher and the texts it labelled
      Path stageDir = dir.stageDir(kind);
      Checkpoints.delete(stageDir);
      try {
        AtomicFiles.deleteTree(dir.modelDir(kind));
        java.nio.file.Files.deleteIfExists(stageDir.resolve(MetricLog.FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not clear " + stageDir + " before retraining: " + e.getMessage(), e);
      }
    }
  }
}
