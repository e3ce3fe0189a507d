package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import dev.tweetox.predict.SavedModels;
import dev.tweetox.split.SplitPart;
import dev.tweetox.report.Table;
import dev.tweetox.run.Provenance;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole job as plain functions: the CLI, tests and any embedding service call these, never the other way round.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Split only: read, clean, split (or reuse the saved split) and export the split tables. */
  public static PreparedData split(TweetoxConfig cfg, RunDirectory dir, String command, PrintWriter log) {
    Provenance prov = Provenance.start(command, cfg.seed());
    PreparedData data = PrepareStage.run(cfg, dir, log);
    dir.writeConfig(cfg);
    dir.writeProvenance(withData(prov, cfg, data).finished());
    return data;
  }

  /** Trains every model in {@code cfg.models()}, evaluates them and writes the run report. */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> run(TweetoxConfig cfg, RunDirectory dir, String command,
      PrintWriter log) {
    Provenance prov = Provenance.start(command, cfg.seed());
    PreparedData data = PrepareStage.run(cfg, dir, log);
    dir.writeConfig(cfg);
    prov = withData(prov, cfg, data);
    dir.writeProvenance(prov);
    List<TextClassifier> models = new ArrayList<>();
    Map<ModelKind, double[][]> crossFittedVal = new EnumMap<>(ModelKind.class);
    List<ModelKind> kinds = new ArrayList<>(ModelKind.parseAll(cfg.models()));
    kinds.sort(Comparator.comparing(k -> k == ModelKind.ENSEMBLE)); // stacked after its members, whatever the order
    for (ModelKind kind : kinds) {
      if (kind == ModelKind.ENSEMBLE) {
        EnsembleStage.Fitted f = EnsembleStage.fit(cfg, dir, models, data.val(), data.labels(), log);
        models.add(f.model());
        crossFittedVal.put(kind, f.outOfFoldVal());
      } else {
        models.add(ScoreCache.of(train(kind, cfg, dir, data, log)));
      }
    }
    return evaluateAll(cfg, dir, data, prov, models, crossFittedVal, log);
  }

  /** Re-evaluates the models a finished run saved, on its saved split, and rewrites the report. */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluate(RunDirectory dir, String command,
      PrintWriter log) {
    return rescore(dir, command, false, log);
  }

  /**
   * Fits the ensemble from a finished run's saved baseline and transformer, without retraining them, then
   * re-evaluates every model and rewrites the report, as {@link #evaluate} does.
   */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> ensemble(RunDirectory dir, String command,
      PrintWriter log) {
    for (ModelKind member : EnsembleStage.MEMBERS) {
      if (!dir.hasModel(member)) {
        throw new TweetoxException(dir + " has no saved " + member + ", and the ensemble stacks the baseline and"
            + " the transformer; train it first (`tweetox " + (member == ModelKind.BASELINE ? "baseline" : "train")
            + " --run-dir " + dir + "`)");
      }
    }
    return rescore(dir, command, true, log);
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> rescore(RunDirectory dir, String command,
      boolean fitEnsemble, PrintWriter log) {
    TweetoxConfig cfg = dir.readConfig();
    Provenance prov = Provenance.start(command, cfg.seed());
    PreparedData data = PrepareStage.run(cfg, dir, log);
    if (!data.splitReused()) {
      throw new TweetoxException(dir + " had no saved split, so its models were not trained on this one;"
          + " train again with `tweetox run --run-dir " + dir + "`");
    }
    prov = withData(prov, cfg, data);
    List<TextClassifier> models = new ArrayList<>();
    // Re-scored as any user of the run would score it: the transformer on ONNX Runtime at fp32. The ensemble is
    // built over these same loaded members, so each is loaded and scored once.
    for (ModelKind kind : ModelKind.values()) {
      if (kind != ModelKind.ENSEMBLE && dir.hasModel(kind)) {
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
          ? EnsembleStage.fit(cfg, dir, models, data.val(), data.labels(), log)
          : EnsembleStage.load(cfg, dir, models, data.val(), data.labels());
      models.add(f.model());
      crossFittedVal.put(ModelKind.ENSEMBLE, f.outOfFoldVal());
    }
    return evaluateAll(cfg, dir, data, prov, models, crossFittedVal, log);
  }

  private static TextClassifier train(ModelKind kind, TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      PrintWriter log) {
    return switch (kind) {
      case BASELINE -> BaselineStage.train(cfg, dir, data, log);
      case TRANSFORMER -> TransformerStage.train(cfg, dir, data, log);
      case ENSEMBLE -> throw new IllegalStateException("the ensemble is fitted by EnsembleStage, after its members");
    };
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluateAll(TweetoxConfig cfg, RunDirectory dir,
      PreparedData data, Provenance prov, List<TextClassifier> models, Map<ModelKind, double[][]> crossFittedVal,
      PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    Map<ModelKind, EvaluateStage.ModelEvaluation> evals = new LinkedHashMap<>();
    List<Table> examples = new ArrayList<>();
    for (TextClassifier model : models) {
      Map<SplitPart, double[][]> given = crossFittedVal.containsKey(model.kind())
          ? Map.of(SplitPart.VAL, crossFittedVal.get(model.kind())) : Map.of();
      evals.put(model.kind(), EvaluateStage.run(model, cleaner, data, dir, given, log));
      Table t = InferenceExamples.table(new Predictor(model, cleaner));
      examples.add(t);
      log.println(t.toText());
    }
    ReportStage.write(cfg, dir, data, prov, List.copyOf(evals.values()), examples);
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
