package dev.tweetox.tuning;

import dev.tweetox.io.AtomicFiles;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.training.Checkpoints;
import dev.tweetox.transformer.training.TrainingData;
import dev.tweetox.transformer.training.TransformerTrainer;
import dev.tweetox.transformer.training.ValidationListener;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fine-tunes BERT with a trial's parameters on the tuning subset, reporting validation macro-F1 after every
 * validation (epoch ends; with a halving budget in samples, also every {@code minResource} samples) so the study can
 * prune it. A retried trial resumes from its own {@code checkpoint-last}. The best epoch's model stays in
 * {@code <trialDir>/model}; its test macro-F1 is recorded for the strategy summary.
 */
public final class TransformerObjective implements Objective {
  private final TransformerConfig base;
  private final TuneData data;
  private final long seed;
  private final Halving schedule;
  private final PrintWriter log;

  /** @param schedule the study's halving schedule, or null */
  public TransformerObjective(TransformerConfig base, TuneData data, long seed, Halving schedule, PrintWriter log) {
    this.base = base;
    this.data = data;
    this.seed = seed;
    this.schedule = schedule;
    this.log = log;
  }

  @Override
  public TrialOutcome run(int number, Map<String, Object> params, Path trialDir, Reporter reporter) {
    TransformerConfig c = TrialConfigs.transformer(base, params);
    boolean samples = schedule != null && schedule.resource() == Halving.Resource.SAMPLES;
    int evalEvery = samples ? (int) Math.max(1, Math.ceil(schedule.minResource() / c.batchSize())) : c.evalEvery();
    TransformerConfig cfg = TrialConfigs.forTrial(c, evalEvery);
    boolean[] pruned = {false};
    ValidationListener listener = (step, epoch, v) -> {
      double budget = samples ? (double) step * cfg.batchSize() : epoch;
      pruned[0] = !reporter.report(step, epoch, budget, v.macroF1(), v.accuracy(), v.loss());
      return pruned[0];
    };
    TrainingData td = new TrainingData(data.trainTexts(), data.trainLabels(), data.valTexts(), data.valLabels(),
        data.labels());
    TransformerTrainer.Result r = TransformerTrainer.train(cfg, seed, td, trialDir, log,
        TransformerTrainer.Options.defaults(), listener);
    int stepsPerEpoch = (r.trainExamples() + cfg.batchSize() - 1) / cfg.batchSize();
    double bestEpoch = r.state().bestStep() / (double) stepsPerEpoch;
    String model = r.modelDir().toString();
    // the trial is over: its resumable state is no longer needed, only the best model
    deleteTree(trialDir.resolve(Checkpoints.LAST));
    if (pruned[0]) {
      return TrialOutcome.pruned(r.state().bestMetric(), bestEpoch, model);
    }
    try (TransformerModel m = TransformerModel.load(r.modelDir(), cfg.evalBatchSize())) {
      double test = Evaluation.of(data.testLabels(), m.predictProba(data.testTexts()), data.labels()).macroF1();
      return TrialOutcome.complete(r.state().bestMetric(), test, bestEpoch, model);
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
