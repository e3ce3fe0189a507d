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
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
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
      // Loaded at most once and scored at most once per text list: the ensemble and the evaluation share them.
      Map<ModelKind, Supplier<TextClassifier>> members = new LinkedHashMap<>();
      Optional<Supplier<EnsembleStage.Fitted>> ensemble = Optional.empty();
      List<ModelKind> kinds = new ArrayList<>(ModelKind.parseAll(cfg.models()));
      kinds.sort(Comparator.comparing(k -> !k.members().isEmpty())); // stacked after its members, whatever the order
      for (ModelKind kind : kinds) {
        if (kind == ModelKind.ENSEMBLE) {
          ensemble = Optional.of(EnsembleStage.fitOrSkip(cfg, dir, data, ledger, loader(members), log));
        } else {
          Supplier<TextClassifier> trained = ModelStages.trainOrSkip(kind, cfg, dir, data, ledger, log);
          members.put(kind, Lazy.of(() -> ScoreCache.of(trained.get())));
        }
      }
      Map<String, String> inputs = StageInputs.evaluate(cfg, data);
      Map<ModelKind, EvaluateStage.ModelEvaluation> evals = Map.of();
      if (!ledger.check(Stage.EVALUATE, inputs).upToDate()) {
        long t0 = System.nanoTime();
        List<TextClassifier> loaded = new ArrayList<>(loader(members).get());
        Map<ModelKind, double[][]> crossFittedVal = new EnumMap<>(ModelKind.class);
        ensemble.map(Supplier::get).ifPresent(f -> {
          loaded.add(f.model());
          crossFittedVal.put(ModelKind.ENSEMBLE, f.outOfFoldVal());
        });
        evals = evaluateAll(cfg, dir, data, prov, loaded, crossFittedVal, ledger.inputsKey(Stage.EVALUATE, inputs),
            log);
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
   * evaluation (that is what it is for) and records it as the run's evaluate stage; a saved ensemble is re-scored,
   * not refitted.
   */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluate(RunDirectory dir, String command,
      PrintWriter log) {
    return rescore(dir, command, false, log);
  }

  /**
   * Fits the ensemble over a finished run's saved models (two or more of the baseline, the transformer and the
   * student), without retraining them, then
   * re-evaluates every model and rewrites the report, as {@link #evaluate} does.
   */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> ensemble(RunDirectory dir, String command,
      PrintWriter log) {
    List<ModelKind> saved = ModelKind.stackable(Arrays.stream(ModelKind.values()).filter(dir::hasModel).toList());
    if (saved.size() < ModelKind.MIN_MEMBERS) {
      throw new TweetoxException(dir + " has " + (saved.isEmpty() ? "no saved model" : "only a saved " + saved.get(0))
          + " to stack, and the ensemble stacks two or more of " + ModelKind.ENSEMBLE.members() + "; train another"
          + " first (`tweetox " + (saved.contains(ModelKind.BASELINE) ? "train" : "baseline") + " --run-dir " + dir
          + "`)");
    }
    return rescore(dir, command, true, log);
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> rescore(RunDirectory dir, String command,
      boolean fitEnsemble, PrintWriter log) {
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
      // Re-scored as any user of the run would score it: the transformer on ONNX Runtime at fp32. The ensemble is
      // built over these same loaded members, so each is loaded and scored once.
      for (ModelKind kind : ModelKind.values()) {
        if (kind.members().isEmpty() && dir.hasModel(kind)) {
          ledger.adopt(Stage.train(kind));
          models.add(ScoreCache.of(SavedModels.load(dir, Optional.of(kind), Precision.FP32,
              Runtime.getRuntime().availableProcessors())));
        }
      }
      if (models.isEmpty()) {
        throw new TweetoxException(dir + " holds no trained model; run `tweetox run --run-dir " + dir + "` first");
      }
      Map<ModelKind, double[][]> crossFittedVal = new EnumMap<>(ModelKind.class);
      if (fitEnsemble || dir.hasModel(ModelKind.ENSEMBLE)) {
        EnsembleStage.Fitted f = fitEnsemble
            ? EnsembleStage.refit(cfg, dir, data, ledger, List.copyOf(models), log)
            : EnsembleStage.load(cfg, dir, List.copyOf(models), data.val(), data.labels());
        if (!fitEnsemble) {
          ledger.adopt(Stage.train(ModelKind.ENSEMBLE));
        }
        models.add(f.model());
        crossFittedVal.put(ModelKind.ENSEMBLE, f.outOfFoldVal());
      }
      Map<String, String> inputs = StageInputs.evaluate(cfg, data);
      ledger.invalidate(Stage.EVALUATE);
      long t0 = System.nanoTime();
      Map<ModelKind, EvaluateStage.ModelEvaluation> evals = evaluateAll(cfg, dir, data, prov, models,
          crossFittedVal, ledger.inputsKey(Stage.EVALUATE, inputs), log);
      ledger.finish(Stage.EVALUATE, inputs, ReportStage.outputs(dir), (System.nanoTime() - t0) / 1e9);
      return evals;
    }
  }

  /** Every member model, each loaded (or trained) once. */
  private static Supplier<List<TextClassifier>> loader(Map<ModelKind, Supplier<TextClassifier>> members) {
    return () -> members.values().stream().map(Supplier::get).toList();
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluateAll(TweetoxConfig cfg, RunDirectory dir,
      PreparedData data, Provenance prov, List<TextClassifier> models, Map<ModelKind, double[][]> crossFittedVal,
      String ledgerKey, PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    Map<ModelKind, EvaluateStage.ModelEvaluation> evals = new LinkedHashMap<>();
    List<Table> examples = new ArrayList<>();
    for (TextClassifier model : models) {
      Map<SplitPart, double[][]> given = crossFittedVal.containsKey(model.kind())
          ? Map.of(SplitPart.VAL, crossFittedVal.get(model.kind())) : Map.of();
      evals.put(model.kind(), EvaluateStage.run(model, cleaner, data, dir, cfg.decision(), given, log));
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
