package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.ensemble.EnsembleModel;
import dev.tweetox.ensemble.Stacker;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageLedger;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stage 4b: stack the run's other models ({@link ModelKind#stackable}: the baseline, the transformer and, when the
 * run trains one, the student). The stacker is fitted on the validation split's member
 * probabilities only ({@link #fit} is never given the test split), its honest validation score is cross-fitted
 * (see {@link Stacker}), and {@code ensemble/ensemble.json} records it beside the members it references.
 */
public final class EnsembleStage {
  private EnsembleStage() {}

  /**
   * The ensemble and its cross-fitted validation probabilities, which stand in for its own validation predictions.
   */
  public record Fitted(EnsembleModel model, double[][] outOfFoldVal) {}

  /**
   * Fits the stacker on the members' validation probabilities and saves it.
   *
   * @param models the run's models: every stackable one among them is stacked, at least two
   * @param val the validation split: the only data the stacker sees
   */
  public static Fitted fit(TweetoxConfig cfg, RunDirectory dir, List<TextClassifier> models, List<Example> val,
      LabelSet labels, PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    List<ModelKind> kinds = ModelKind.stackable(models.stream().map(TextClassifier::kind).toList());
    if (kinds.size() < ModelKind.MIN_MEMBERS) {
      throw new TweetoxException("the ensemble stacks two or more of " + ModelKind.ENSEMBLE.members() + ", but "
          + dir + " has only " + kinds + "; train another with `tweetox run --run-dir " + dir
          + " --models baseline,transformer,ensemble`");
    }
    List<TextClassifier> members = members(models, kinds, dir);
    List<double[][]> probs = memberProbs(members, cleaner, val);
    long t0 = System.nanoTime();
    Stacker.Fit fit = Stacker.fit(probs, PreparedData.labelsOf(val), labels, cfg.seed());
    EnsembleFile file = new EnsembleFile(kinds, labels.names(), fit.model(), fit.c(), Stacker.FOLDS, cfg.seed(),
        fit.crossFittedMacroF1());
    file.write(dir.modelDir(ModelKind.ENSEMBLE));
    log.printf(Locale.ROOT, "ensemble: stacker over %s fitted on %d validation tweets (C=%s by %d-fold CV),"
        + " cross-fitted val macro-F1 %.4f, in %.1f s; saved to %s%n", kinds, val.size(), fit.c(), Stacker.FOLDS,
        fit.crossFittedMacroF1(), (System.nanoTime() - t0) / 1e9, dir.modelDir(ModelKind.ENSEMBLE));
    log.flush();
    return new Fitted(new EnsembleModel(file, members, cleaner), fit.outOfFold());
  }

  /**
   * The ensemble's stage of a run: fitted now, after its members, unless its manifest shows it fitted on the same
   * members and inputs; then it is loaded only if the evaluation needs it.
   *
   * @param members the run's member models, loaded (or trained) on first use
   */
  static Supplier<Fitted> fitOrSkip(TweetoxConfig cfg, RunDirectory dir, PreparedData data, StageLedger ledger,
      Supplier<List<TextClassifier>> members, PrintWriter log) {
    Stage stage = Stage.train(ModelKind.ENSEMBLE);
    Map<String, String> inputs = StageInputs.train(ModelKind.ENSEMBLE, cfg, data);
    if (ledger.check(stage, inputs).upToDate()) {
      return () -> load(cfg, dir, members.get(), data.val(), data.labels());
    }
    ModelStages.dropOperatingPoint(ModelKind.ENSEMBLE, dir);
    long t0 = System.nanoTime();
    Fitted f = fit(cfg, dir, members.get(), data.val(), data.labels(), log);
    ledger.finish(stage, inputs, ModelStages.outputs(ModelKind.ENSEMBLE, dir), (System.nanoTime() - t0) / 1e9);
    return () -> f;
  }

  /** {@code tweetox ensemble --run-dir}: refits from a finished run's saved members and records the stage. */
  static Fitted refit(TweetoxConfig cfg, RunDirectory dir, PreparedData data, StageLedger ledger,
      List<TextClassifier> members, PrintWriter log) {
    Stage stage = Stage.train(ModelKind.ENSEMBLE);
    ledger.invalidate(stage);
    ModelStages.dropOperatingPoint(ModelKind.ENSEMBLE, dir);
    long t0 = System.nanoTime();
    Fitted f = fit(cfg, dir, members, data.val(), data.labels(), log);
    ledger.finish(stage, StageInputs.train(ModelKind.ENSEMBLE, cfg, data), ModelStages.outputs(ModelKind.ENSEMBLE,
        dir), (System.nanoTime() - t0) / 1e9);
    return f;
  }

  /**
   * The saved ensemble over already loaded members, for re-scoring a finished run; its cross-fitted validation
   * probabilities are recomputed from the members' validation probabilities (same folds and seed as its fit).
   */
  public static Fitted load(TweetoxConfig cfg, RunDirectory dir, List<TextClassifier> models, List<Example> val,
      LabelSet labels) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    EnsembleFile file = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE));
    List<TextClassifier> members = members(models, file.members(), dir);
    double[][] oof = Stacker.crossFitted(memberProbs(members, cleaner, val), PreparedData.labelsOf(val), labels,
        file.folds(), file.seed());
    return new Fitted(new EnsembleModel(file, members, cleaner), oof);
  }

  private static List<TextClassifier> members(List<TextClassifier> models, List<ModelKind> kinds, RunDirectory dir) {
    List<TextClassifier> out = new ArrayList<>();
    for (ModelKind kind : kinds) {
      out.add(models.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow(() -> new TweetoxException(
          "the ensemble stacks " + kinds + ", but " + dir + " has no " + kind + "; train it again, or fit the"
              + " ensemble again with `tweetox ensemble --run-dir " + dir + "`")));
    }
    return out;
  }

  private static List<double[][]> memberProbs(List<TextClassifier> members, TextCleaner cleaner, List<Example> val) {
    List<String> texts = val.stream().map(Example::text).toList();
    List<double[][]> probs = new ArrayList<>();
    for (TextClassifier m : members) {
      probs.add(m.predictProba(ModelInputs.forModel(m.kind(), cleaner, texts)));
    }
    return probs;
  }
}
