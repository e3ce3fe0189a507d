package dev.tweetox.pipeline;

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
import java.util.Map;

/**
 * Stage 5 for one model: score the validation and test splits, write per-split plots and tables, the test
 * predictions, the test error analysis and the model's entry in metrics.json.
 */
public final class EvaluateStage {
  private EvaluateStage() {}

  /** What evaluating one model produced. */
  public record ModelEvaluation(ModelKind model, Map<SplitPart, Evaluation> bySplit, ReportPart report) {}

  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, PreparedData data, RunDirectory dir,
      PrintWriter log) {
    Map<SplitPart, List<Example>> sets = new LinkedHashMap<>();
    for (SplitPart split : SplitPart.HELD_OUT) {
      sets.put(split, data.split(split));
    }
    return run(model, cleaner, sets, data.labels(), dir.path(), log);
  }

  /**
   * Scores a model on held-out sets of cleaned examples and writes, into {@code outDir}, each set's plots, per-class
   * table and metrics.json entry, and for the test set {@code predictions_test_<model>.csv} and the error analysis
   * ({@link ErrorReport}). A run scores its val
   * and test splits; {@code tweetox evaluate --data} scores a whole file as its test set.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, Map<SplitPart, List<Example>> sets,
      LabelSet labels, Path outDir, PrintWriter log) {
    Map<SplitPart, Evaluation> bySplit = new LinkedHashMap<>();
    for (Map.Entry<SplitPart, List<Example>> set : sets.entrySet()) {
      SplitPart split = set.getKey();
      List<Example> examples = set.getValue();
      List<String> texts = ModelInputs.forModel(model.kind(), cleaner, examples.stream().map(Example::text).toList());
      double[][] probs = model.predictProba(texts);
      int[] gold = PreparedData.labelsOf(examples);
      Evaluation e = Evaluation.of(gold, probs, labels);
      bySplit.put(split, e);
      if (split == SplitPart.TEST) {
        PredictionsCsv.write(outDir.resolve("predictions_test_" + model.kind() + ".csv"),
            examples.stream().map(Example::id).toList(), examples.stream().map(Example::rawText).toList(),
            gold, e.predicted(), probs, labels);
      }
      log.printf("%s %s: macro-F1 %.4f, accuracy %.4f, macro precision %.4f, macro recall %.4f%n", model.kind(),
          split.key(), e.macroF1(), e.accuracy(), e.macroPrecision(), e.macroRecall());
    }
    log.flush();
    ReportPart part = ReportWriter.writeModelReport(outDir, model.kind(), bySplit);
    if (bySplit.containsKey(SplitPart.TEST)) {
      part = withErrorAnalysis(part, model, cleaner, sets.get(SplitPart.TEST), bySplit.get(SplitPart.TEST), outDir);
    }
    return new ModelEvaluation(model.kind(), bySplit, part);
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
