package dev.tweetox.pipeline;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
    };
  }

  static TextClassifier train(ModelKind kind, TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      PrintWriter log) {
    return switch (kind) {
      case BASELINE -> BaselineStage.train(cfg, dir, data, log);
      case TRANSFORMER -> TransformerStage.train(cfg, dir, data, log);
      case STUDENT -> StudentStage.train(cfg, dir, data, log);
    };
  }

  static TextClassifier load(ModelKind kind, RunDirectory dir) {
    return switch (kind) {
      case BASELINE -> BaselineStage.load(dir);
      case TRANSFORMER -> TransformerStage.load(dir);
      case STUDENT -> StudentStage.load(dir);
    };
  }

  /** The files whose hashes the manifest keeps (checkpoints and caches are working state, not outputs). */
  static List<Path> outputs(ModelKind kind, RunDirectory dir) {
    return switch (kind) {
      case BASELINE -> List.of(BaselineStage.modelDir(dir), dir.resolve(BaselineStage.GRID_CSV),
          dir.resolve(BaselineStage.FOLDS_CSV));
      case TRANSFORMER -> List.of(TransformerStage.modelDir(dir), dir.stageDir(kind).resolve(MetricLog.FILE));
      case STUDENT -> List.of(dir.modelDir(kind), dir.stageDir(kind).resolve(MetricLog.FILE));
    };
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
