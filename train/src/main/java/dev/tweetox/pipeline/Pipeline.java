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
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.util.ArrayList;
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
    Decision.flagClass(cfg.decision().flagClass(), data.labels()); // a bad decision.flagClass fails before training
    dir.writeConfig(cfg);
    prov = withData(prov, cfg, data);
    dir.writeProvenance(prov);
    List<TextClassifier> models = new ArrayList<>();
    for (ModelKind kind : ModelKind.parseAll(cfg.models())) {
      models.add(train(kind, cfg, dir, data, log));
    }
    return evaluateAll(cfg, dir, data, prov, models, log);
  }

  /** Re-evaluates the models a finished run saved, on its saved split, and rewrites the report. */
  public static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluate(RunDirectory dir, String command,
      PrintWriter log) {
    TweetoxConfig cfg = dir.readConfig();
    Provenance prov = Provenance.start(command, cfg.seed());
    PreparedData data = PrepareStage.run(cfg, dir, log);
    if (!data.splitReused()) {
      throw new TweetoxException(dir + " had no saved split, so its models were not trained on this one;"
          + " train again with `tweetox run --run-dir " + dir + "`");
    }
    prov = withData(prov, cfg, data);
    List<TextClassifier> models = new ArrayList<>();
    // Re-scored as any user of the run would score it: the transformer on ONNX Runtime at fp32.
    for (ModelKind kind : SavedModels.available(dir)) {
      models.add(SavedModels.load(dir, Optional.of(kind), Precision.FP32,
          Runtime.getRuntime().availableProcessors()));
    }
    if (models.isEmpty()) {
      throw new TweetoxException(dir + " holds no trained model; run `tweetox run --run-dir " + dir + "` first");
    }
    return evaluateAll(cfg, dir, data, prov, models, log);
  }

  private static TextClassifier train(ModelKind kind, TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      PrintWriter log) {
    return switch (kind) {
      case BASELINE -> BaselineStage.train(cfg, dir, data, log);
      case TRANSFORMER -> TransformerStage.train(cfg, dir, data, log);
      case STUDENT -> StudentStage.train(cfg, dir, data, log);
    };
  }

  private static Map<ModelKind, EvaluateStage.ModelEvaluation> evaluateAll(TweetoxConfig cfg, RunDirectory dir,
      PreparedData data, Provenance prov, List<TextClassifier> models, PrintWriter log) {
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
