package dev.tweetox.pipeline;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.report.PredictionsCsv;
import dev.tweetox.report.ReportPart;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.run.RunDirectory;
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
  public record ModelEvaluation(String model, Map<String, Evaluation> bySplit, ReportPart report) {}

  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, PreparedData data, RunDirectory dir,
      PrintWriter log) {
    Map<String, List<Example>> sets = new LinkedHashMap<>();
    sets.put("val", data.val());
    sets.put("test", data.test());
    return run(model, cleaner, sets, data.labels(), dir.path(), "test", log);
  }

  /**
   * Scores a model on named sets of cleaned examples and writes, into {@code outDir}, each set's plots, per-class
   * table and metrics.json entry, and {@code predictions_<set>_<model>.csv} for the set {@code predictionsFor}.
   * A run scores its val and test splits; {@code tweetox evaluate --data} scores one file.
   */
  public static ModelEvaluation run(TextClassifier model, TextCleaner cleaner, Map<String, List<Example>> sets,
      LabelSet labels, Path outDir, String predictionsFor, PrintWriter log) {
    Map<String, Evaluation> bySplit = new LinkedHashMap<>();
    for (Map.Entry<String, List<Example>> set : sets.entrySet()) {
      String split = set.getKey();
      List<Example> examples = set.getValue();
      List<String> texts = ModelInputs.forModel(model.kind(), cleaner, examples.stream().map(Example::text).toList());
      double[][] probs = model.predictProba(texts);
      int[] gold = PreparedData.labelsOf(examples);
      Evaluation e = Evaluation.of(gold, probs, labels);
      bySplit.put(split, e);
      if (split.equals(predictionsFor)) {
        PredictionsCsv.write(outDir.resolve("predictions_" + split + "_" + model.kind() + ".csv"),
            examples.stream().map(Example::id).toList(), examples.stream().map(Example::rawText).toList(),
            gold, e.predicted(), probs, labels);
      }
      log.printf("%s %s: macro-F1 %.4f, accuracy %.4f, macro precision %.4f, macro recall %.4f%n", model.kind(),
          split, e.macroF1(), e.accuracy(), e.macroPrecision(), e.macroRecall());
    }
    log.flush();
    ReportPart part = ReportWriter.writeModelReport(outDir, model.kind().key(), bySplit);
    return new ModelEvaluation(model.kind().key(), bySplit, part);
  }
}
