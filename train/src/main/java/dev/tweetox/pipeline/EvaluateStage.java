package dev.tweetox.pipeline;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.report.PredictionsCsv;
import dev.tweetox.report.ReportPart;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 5 for one model: score the validation and test splits, write per-split plots and tables, the test
 * predictions and the model's entry in metrics.json.
 */
public final class EvaluateStage {
  private EvaluateStage() {}

  /** What evaluating one model produced. */
  public record ModelEvaluation(ModelKind model, Map<SplitPart, Evaluation> bySplit, ReportPart report) {}

  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, PreparedData data, RunDirectory dir,
      PrintWriter log) {
    return run(model, cleaner, data, dir, Map.of(), log);
  }

  /**
   * As {@link #run(TextClassifier, TextCleaner, PreparedData, RunDirectory, PrintWriter)}, with some splits' probabilities
   * given instead of predicted: the ensemble's validation rows are scored by its cross-fitted, out-of-fold
   * probabilities, because the stacker itself was fitted on them.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, PreparedData data, RunDirectory dir,
      Map<SplitPart, double[][]> given, PrintWriter log) {
    Map<SplitPart, List<Example>> sets = new LinkedHashMap<>();
    for (SplitPart split : SplitPart.HELD_OUT) {
      sets.put(split, data.split(split));
    }
    return run(model, cleaner, sets, given, data.labels(), dir.path(), log);
  }

  /**
   * Scores a model on held-out sets of cleaned examples and writes, into {@code outDir}, each set's plots, per-class
   * table and metrics.json entry, and {@code predictions_test_<model>.csv} for the test set. A run scores its val
   * and test splits; {@code tweetox evaluate --data} scores a whole file as its test set.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, Map<SplitPart, List<Example>> sets,
      LabelSet labels, Path outDir, PrintWriter log) {
    return run(model, cleaner, sets, Map.of(), labels, outDir, log);
  }

  private static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, Map<SplitPart, List<Example>> sets,
      Map<SplitPart, double[][]> given, LabelSet labels, Path outDir, PrintWriter log) {
    Map<SplitPart, Evaluation> bySplit = new LinkedHashMap<>();
    for (Map.Entry<SplitPart, List<Example>> set : sets.entrySet()) {
      SplitPart split = set.getKey();
      List<Example> examples = set.getValue();
      double[][] probs = given.containsKey(split) ? given.get(split) : model.predictProba(
          ModelInputs.forModel(model.kind(), cleaner, examples.stream().map(Example::text).toList()));
      int[] gold = PreparedData.labelsOf(examples);
      Evaluation e = Evaluation.of(gold, probs, labels);
      bySplit.put(split, e);
      if (split == SplitPart.TEST) {
        PredictionsCsv.write(outDir.resolve("predictions_test_" + model.kind() + ".csv"),
            examples.stream().map(Example::id).toList(), examples.stream().map(Example::rawText).toList(),
            gold, e.predicted(), probs, labels);
      }
      log.printf("%s %s%s: macro-F1 %.4f, accuracy %.4f, macro precision %.4f, macro recall %.4f%n", model.kind(),
          split.key(), given.containsKey(split) ? " (cross-fitted)" : "", e.macroF1(), e.accuracy(),
          e.macroPrecision(), e.macroRecall());
    }
    log.flush();
    ReportPart part = ReportWriter.writeModelReport(outDir, model.kind(), bySplit);
    return new ModelEvaluation(model.kind(), bySplit, part);
  }
}
