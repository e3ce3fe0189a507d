package dev.tweetox.tuning;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.training.Checkpoints;
import dev.tweetox.transformer.training.FrozenCachePool;
import dev.tweetox.transformer.training.TrainingData;
import dev.tweetox.transformer.training.TransformerTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fine-tunes BERT with a trial's parameters on the tuning subset, reporting validation macro-F1 after every
 * validation (epoch ends; with a halving budget in samples, also every {@code minResource} samples) so the study can
 * prune it. A retried trial resumes from its own {@code checkpoint-last}. The best epoch's model stays in
 * {@code <trialDir>/model}. Trials with the same frozen part share its cached output through one
 * {@link FrozenCachePool}. Test macro-F1 is computed only for a study's best trial ({@link #testScore}): scoring
 * every trial's model on the test split would cost minutes each and is never used for selection.
 */
public final class TransformerObjective implements Objective {
  private final TransformerConfig base;
  private final TuneData data;
  private final long seed;
  private final Halving schedule;
  private final PrintWriter log;
  private final FrozenCachePool caches;

  /**
   * @param schedule the study's halving schedule, or null
   * @param caches frozen-layer caches shared by this worker's trials
   */
  public TransformerObjective(TransformerConfig base, TuneData data, long seed, Halving schedule, PrintWriter log,
      FrozenCachePool caches) {
    this.base = base;
    this.data = data;
    this.seed = seed;
    this.schedule = schedule;
    this.log = log;
    this.caches = caches;
  }

  @Override
  public TrialOutcome run(int number, Map<String, Object> params, Path trialDir, Reporter reporter) {
    TransformerConfig c = TrialConfigs.transformer(base, params);
    boolean samples = schedule != null && schedule.resource() == Halving.Resource.SAMPLES;
    int evalEvery = samples ? (int) Math.max(1, Math.ceil(schedule.minResource() / c.batchSize())) : c.evalEvery();
    TransformerConfig cfg = TrialConfigs.forTrial(c, evalEvery, data.trainTexts().size());
    TrialPruning pruning = new TrialPruning(reporter, samples ? cfg.batchSize() : 0);
    TrainingData td = new TrainingData(data.trainTexts(), data.trainLabels(), data.valTexts(), data.valLabels(),
        data.labels());
    TransformerTrainer.Result r = TransformerTrainer.train(cfg, seed, td, trialDir, log,
        TransformerTrainer.Options.defaults().withCachePool(caches), pruning);
    int stepsPerEpoch = (r.trainExamples() + cfg.batchSize() - 1) / cfg.batchSize();
    double bestEpoch = r.state().bestStep() / (double) stepsPerEpoch;
    String model = r.modelDir().toString();
    // the trial is over: its resumable state is no longer needed, only the best model
    deleteTree(trialDir.resolve(Checkpoints.LAST));
    if (pruning.pruned()) {
      return TrialOutcome.pruned(r.state().bestMetric(), bestEpoch, model);
    }
    return TrialOutcome.complete(r.state().bestMetric(), null, bestEpoch, model);
  }

  @Override
  public Double testScore(TrialRecord trial) {
    if (trial.checkpoint() == null) {
      return null;
    }
    try (TransformerModel m = TransformerModel.load(Path.of(trial.checkpoint()), base.evalBatchSize())) {
      return Evaluation.of(data.testLabels(), m.predictProba(data.testTexts()), data.labels()).macroF1();
    }
  }

  static void deleteTree(Path dir) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
