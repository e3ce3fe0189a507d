package dev.tweetox.pipeline;

import dev.tweetox.calibration.Calibrator;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.DecisionConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.ErrorAnalysis;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.explain.Explainer;
import dev.tweetox.explain.WordScore;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.report.CalibrationReport;
import dev.tweetox.report.ErrorReport;
import dev.tweetox.report.PredictionsCsv;
import dev.tweetox.report.ReportPart;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.report.Table;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 5 for one model: score the validation and test splits, fit the calibration and the flag threshold on
 * validation (saved as the model's {@value OperatingPoint#FILE}), write per-split plots and tables, the test
 * predictions (calibrated), the test error analysis and the model's entry in metrics.json.
 */
public final class EvaluateStage {
  private EvaluateStage() {}

  /** What evaluating one model produced; the evaluations are of the calibrated probabilities. */
  public record ModelEvaluation(ModelKind model, Map<SplitPart, Evaluation> bySplit, ReportPart report) {}

  /**
   * Scores a run's model on its val and test splits, fits its temperature and flag threshold on val, saves them
   * beside the model (so {@code predict}, {@code serve} and bundles use them) and reports before and after.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, PreparedData data, RunDirectory dir,
      DecisionConfig decision, PrintWriter log) {
    Map<SplitPart, List<Example>> sets = new LinkedHashMap<>();
    for (SplitPart split : SplitPart.HELD_OUT) {
      sets.put(split, data.split(split));
    }
    Map<SplitPart, double[][]> raw = score(model, cleaner, sets);
    Calibrator.Fitted fitted = Calibrator.fit(raw.get(SplitPart.VAL), PreparedData.labelsOf(sets.get(SplitPart.VAL)),
        data.labels(), decision);
    fitted.operatingPoint().write(dir.modelDir(model.kind()));
    log.printf(Locale.ROOT, "%s: temperature %.4f fitted on val; flag %s at p >= %.4f (%s)%n", model.kind(),
        fitted.operatingPoint().calibration().temperature(), fitted.operatingPoint().decision().flagClass(),
        fitted.operatingPoint().decision().threshold(), CalibrationReport.rule(fitted.valChoice()));
    return evaluate(model, cleaner, sets, raw, data.labels(), fitted.operatingPoint(), Optional.of(fitted),
        dir.path(), log);
  }

  /**
   * Scores a model on held-out sets of cleaned examples with a given operating point (nothing is fitted) and writes,
   * into {@code outDir}, each set's plots, per-class table and metrics.json entry, and for the test set
   * {@code predictions_test_<model>.csv} and the error analysis ({@link ErrorReport}). {@code tweetox evaluate
   * --data} scores a whole file as its test set this way, with the model's saved calibration.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, Map<SplitPart, List<Example>> sets,
      LabelSet labels, OperatingPoint operatingPoint, Path outDir, PrintWriter log) {
    return evaluate(model, cleaner, sets, score(model, cleaner, sets), labels, operatingPoint, Optional.empty(),
        outDir, log);
  }

  private static Map<SplitPart, double[][]> score(TextClassifier model, TextCleaner cleaner,
      Map<SplitPart, List<Example>> sets) {
    Map<SplitPart, double[][]> out = new LinkedHashMap<>();
    sets.forEach((split, examples) -> out.put(split, model.predictProba(
        ModelInputs.forModel(model.kind(), cleaner, examples.stream().map(Example::text).toList()))));
    return out;
  }

  private static ModelEvaluation evaluate(TextClassifier model, TextCleaner cleaner, Map<SplitPart, List<Example>> sets,
      Map<SplitPart, double[][]> raw, LabelSet labels, OperatingPoint op, Optional<Calibrator.Fitted> fitted,
      Path outDir, PrintWriter log) {
    ModelKind kind = model.kind();
    Map<SplitPart, Evaluation> bySplit = new LinkedHashMap<>();
    for (Map.Entry<SplitPart, List<Example>> set : sets.entrySet()) {
      SplitPart split = set.getKey();
      List<Example> examples = set.getValue();
      double[][] probs = op.calibration().apply(raw.get(split));
      int[] gold = PreparedData.labelsOf(examples);
      Evaluation e = Evaluation.of(gold, probs, labels, raw.get(split), op.decision());
      bySplit.put(split, e);
      if (split == SplitPart.TEST) {
        PredictionsCsv.write(outDir.resolve("predictions_test_" + kind + ".csv"),
            examples.stream().map(Example::id).toList(), examples.stream().map(Example::rawText).toList(),
            gold, e.predicted(), probs, labels);
      }
      log.printf(Locale.ROOT, "%s %s: macro-F1 %.4f, accuracy %.4f, macro precision %.4f, macro recall %.4f%n", kind,
          split.key(), e.macroF1(), e.accuracy(), e.macroPrecision(), e.macroRecall());
      log.printf(Locale.ROOT, "%s %s: ECE %.4f -> %.4f, Brier %.4f -> %.4f (before -> after calibration); flag %s:"
              + " precision %.4f, recall %.4f%n", kind, split.key(), e.eceUncalibrated(), e.ece(),
          e.brierUncalibrated(), e.brier(), op.decision().flagClass(), e.flagOutcome().orElseThrow().precision(),
          e.flagOutcome().orElseThrow().recall());
    }
    log.flush();
    ReportPart part = ReportWriter.writeModelReport(outDir, kind, bySplit);
    ReportPart calibration = CalibrationReport.write(outDir, kind, bySplit, op, fitted);
    List<Table> tables = new ArrayList<>(part.tables());
    tables.addAll(calibration.tables());
    List<dev.tweetox.report.Figure> figures = new ArrayList<>(part.figures());
    figures.addAll(calibration.figures());
    List<Path> files = new ArrayList<>(part.files());
    files.addAll(calibration.files());
    part = new ReportPart(part.heading(), tables, figures, files);
    if (bySplit.containsKey(SplitPart.TEST)) {
      part = withErrorAnalysis(part, model, cleaner, sets.get(SplitPart.TEST), bySplit.get(SplitPart.TEST), outDir);
    }
    return new ModelEvaluation(kind, bySplit, part);
  }

  /**
   * Adds the test error analysis to the model's report part. Only the listed mistakes (at most 20 per class) are
   * explained, so occlusion costs a transformer at most that many tweets times their words in extra rows.
   */
  private static ReportPart withErrorAnalysis(ReportPart part, TextClassifier model, TextCleaner cleaner,
      List<Example> test, Evaluation e, Path outDir) {
    List<ErrorAnalysis.Mistake> mistakes = ErrorReport.mistakes(e);
    Explainer explainer = Explainer.forModel(model, cleaner);
    List<List<WordScore>> words = new ArrayList<>(mistakes.size());
    int chunk = 10;
    try (Progress bar = Progress.start("explain " + model.kind() + " mistakes", mistakes.size(), "tweets")) {
      for (int from = 0; from < mistakes.size(); from += chunk) {
        List<ErrorAnalysis.Mistake> some = mistakes.subList(from, Math.min(mistakes.size(), from + chunk));
        words.addAll(explainer.explain(some.stream().map(m -> test.get(m.row()).rawText()).toList(),
            some.stream().mapToInt(ErrorAnalysis.Mistake::predicted).toArray()));
        bar.step(some.size());
      }
    }
    ReportPart errors = ErrorReport.write(outDir, model.kind(), SplitPart.TEST, e,
        test.stream().map(Example::id).toList(), test.stream().map(Example::rawText).toList(), mistakes, words,
        explainer.method().key());
    List<Table> tables = new ArrayList<>(part.tables());
    tables.addAll(errors.tables());
    List<Path> files = new ArrayList<>(part.files());
    files.addAll(errors.files());
    return new ReportPart(part.heading(), tables, part.figures(), files);
  }
}
