package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import dev.tweetox.predict.SavedModels;
import dev.tweetox.report.Table;
import dev.tweetox.run.Provenance;
import dev.tweetox.run.Rerun;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.RunLock;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageLedger;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole job as plain functions: the CLI, tests and any embedding service call these, never the other way round.
 * Each takes the run directory's lock for its duration, and each stage is skipped when its manifest in
 * {@code <runDir>/stages/} shows it already done for the same inputs (see {@link StageLedger}).
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * What a run did.
   *
   * @param evaluations each model's evaluation; empty when the evaluation was up to date and skipped
   * @param ranSeconds the stages that ran (were not skipped), with their seconds
   */
  public record Result(Map<ModelKind, EvaluateStage.ModelEvaluation> evaluations, Map<Stage, Double> ranSeconds) {}

  /** Split only: read, clean, split (or reuse the saved split) and export the split tables. */
  public static PreparedData split(TweetoxConfig cfg, RunDirectory dir, String command, PrintWriter log) {
    return split(cfg, dir, command, Rerun.CHANGED, log);
  }

  public static PreparedData split(TweetoxConfig cfg, RunDirectory dir, String command, Rerun rerun,
      PrintWriter log) {
    try (RunLock lock = RunLock.acquire(dir, log)) {
      Provenance prov = Provenance.start(command, cfg.seed());
      PreparedData data = PrepareStage.run(cfg, dir, new StageLedger(dir, rerun, log), log);
      dir.writeConfig(cfg);
      dir.writeProvenance(withData(prov, cfg, data).finished());
      return data;
    }
  }

  /** Trains every model in {@code cfg.models()}, evaluates them and writes the run report. */
  public static Result run(TweetoxConfig cfg, RunDirectory dir, String command, PrintWriter log) {
    return run(cfg, dir, command, Rerun.CHANGED, log);
  }

  /** As {@link #run(TweetoxConfig, RunDirectory, String, PrintWriter)}, redoing also what {@code rerun} asks. */
  public static Result run(TweetoxConfig cfg, RunDirectory dir, String command, Rerun rerun, PrintWriter log) {
    try (RunLock lock = RunLock.acquire(dir, log)) {
      StageLedger ledger = new StageLedger(dir, rerun, log);
      Provenance prov = Provenance.start(command, cfg.seed());
      PreparedData data = PrepareStage.run(cfg, dir, ledger, log);
      Decision.flagClass(cfg.decision().flagClass(), data.labels()); // a bad decision.flagClass fails before training
      dir.writeConfig(cfg);
      prov = withData(prov, cfg, data);
      dir.writeProvenance(prov);
      Map<ModelKind, Supplier<TextClassifier>> models = new LinkedHashMap<>();
      for (ModelKind kind : ModelKind.parseAll(cfg.models())) {
        models.put(kind, ModelStages.trainOrSkip(kind, cfg, dir, data, ledger, log));
      }
      Map<String, String> inputs = StageInputs.evaluate(cfg, data);
      Map<ModelKind, EvaluateStage.ModelEvaluation> evals = Map.of();
      if (!ledger.check(Stage.EVALUATE, inputs).upToDate()) {
        long t0 = System.nanoTime();
        List<TextClassifier> loaded = models.values().stream().map(Supplier::get).toList();
        evals = evaluateAll(cfg, dir, data, prov, loaded, ledger.inputsKey(Stage.EVALUATE, inputs), log);
        ledger.finish(Stage.EVALUATE, inputs, ReportStage.outputs(dir), (System.nanoTime() - t0) / 1e9);
      } else {
        dir.writeProvenance(prov.finished());
        log.println("report: " + dir.resolve("report.html"));
        log.flush();
      }
      return new Result(evals, ledger.ranSeconds());
    }
  }

  /**
   * Re-evaluates the models a finished run saved, on its saved split, and rewrites the report. It always redoes the
   * evaluation (that is what it is for) and records it as the run's evaluate stage.
   */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluate(RunDirectory dir, String command,
      PrintWriter log) {
    try (RunLock lock = RunLock.acquire(dir, log)) {
      TweetoxConfig cfg = dir.readConfig();
      Provenance prov = Provenance.start(command, cfg.seed());
      StageLedger ledger = new StageLedger(dir, Rerun.CHANGED, log);
      PreparedData data = PrepareStage.run(cfg, dir, ledger, log);
      if (!data.splitReused()) {
        throw new TweetoxException(dir + " had no saved split, so its models were not trained on this one;"
            + " train again with `tweetox run --run-dir " + dir + "`");
      }
      prov = withData(prov, cfg, data);
      List<TextClassifier> models = new ArrayList<>();
      // Re-scored as any user of the run would score it: the transformer on ONNX Runtime at fp32.
      for (ModelKind kind : SavedModels.available(dir)) {
        ledger.adopt(Stage.train(kind));
        models.add(SavedModels.load(dir, Optional.of(kind), Precision.FP32,
            Runtime.getRuntime().availableProcessors()));
      }
      if (models.isEmpty()) {
        throw new TweetoxException(dir + " holds no trained model; run `tweetox run --run-dir " + dir + "` first");
      }
      Map<String, String> inputs = StageInputs.evaluate(cfg, data);
      ledger.invalidate(Stage.EVALUATE);
      long t0 = System.nanoTime();
      Map<ModelKind, EvaluateStage.ModelEvaluation> evals = evaluateAll(cfg, dir, data, prov, models,
          ledger.inputsKey(Stage.EVALUATE, inputs), log);
      ledger.finish(Stage.EVALUATE, inputs, ReportStage.outputs(dir), (System.nanoTime() - t0) / 1e9);
      return evals;
    }
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluateAll(TweetoxConfig cfg, RunDirectory dir,
      PreparedData data, Provenance prov, List<TextClassifier> models, String ledgerKey, PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    Map<ModelKind, EvaluateStage.ModelEvaluation> evals = new LinkedHashMap<>();
    List<Table> examples = new ArrayList<>();
    for (TextClassifier model : models) {
      evals.put(model.kind(), EvaluateStage.run(model, cleaner, data, dir, cfg.decision(), log));
      OperatingPoint op = OperatingPoint.read(dir.modelDir(model.kind()), model.labels());
      Table t = InferenceExamples.table(new Predictor(model, cleaner, op));
      examples.add(t);
      log.println(t.toText());
    }
    ReportStage.write(cfg, dir, data, prov, List.copyOf(evals.values()), examples, ledgerKey);
    dir.writeProvenance(prov.finished());
    log.println("report: " + dir.resolve("report.html"));
    log.flush();
    return evals;
  }

  private static Provenance withData(Provenance prov, TweetoxConfig cfg, PreparedData data) {
    Map<String, Object> cleaning = dev.tweetox.config.ConfigLoader.json().convertValue(cfg.cleaning(),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    return prov.withData(data.source(), data.fingerprint(), cleaning);
  }
}
