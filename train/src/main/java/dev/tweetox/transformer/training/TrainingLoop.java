package dev.tweetox.transformer.training;

import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.config.TransformerConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * The epoch/step loop: one AdamW update per bucketed batch, a validation at each epoch end (and every
 * {@code evalEvery} steps within an epoch), and the state bookkeeping a resume needs. Everything else (progress,
 * metric log, best model, early stopping, checkpoints, pruning) is a {@link TrainingListener}.
 */
final class TrainingLoop {
  /**
   * What a run needs besides its listeners.
   *
   * @param update one optimizer step on a batch of training examples
   * @param validation scores the model on the validation set
   * @param who the model's name in the log
   * @param log where stop reasons go
   */
  record Setup(TransformerConfig cfg, long seed, TransformerTrainer.Options opt, LinearSchedule schedule,
      BatchStep update, Supplier<MetricLog.Validation> validation, String who, PrintWriter log) {}

  private final Setup setup;
  private final List<TrainingListener> listeners;

  TrainingLoop(Setup setup, List<TrainingListener> listeners) {
    this.setup = setup;
    this.listeners = List.copyOf(listeners);
  }

  /** Runs from {@code start} until the end, a stop, or the {@code stopAfterSteps} hook (which saves nothing). */
  TrainingState run(TrainingState start) {
    TransformerConfig cfg = setup.cfg();
    TrainingControl run = new TrainingControl(start, setup.who(), setup.log());
    long started = System.nanoTime();
    try {
      listeners.forEach(l -> l.onStart(start));
      while (run.state().epoch() < cfg.epochs() && !run.stopping()) {
        List<int[]> batches = LengthBatcher.epoch(setup.update().lengths(), cfg.batchSize(), setup.seed(),
            run.state().epoch(), setup.opt().chunkBatches());
        for (int b = run.state().batchInEpoch(); b < batches.size() && !run.stopping(); b++) {
          int killAt = setup.opt().stopAfterSteps();
          if (killAt > 0 && run.state().step() >= killAt) {
            return run.state(); // simulated kill: nothing is saved beyond the last checkpoint
          }
          double lr = setup.schedule().lr(run.state().step());
          double loss = setup.update().run(batches.get(b), lr);
          double elapsed = start.elapsedSeconds() + (System.nanoTime() - started) / 1e9;
          afterUpdate(run, batches.get(b).length, b + 1, batches.size(), loss, lr, elapsed);
        }
      }
      listeners.forEach(l -> l.onFinish(run.state()));
      return run.state();
    } finally {
      listeners.forEach(TrainingListener::close);
    }
  }

  /** Bookkeeping and hooks after the update on batch {@code done} (1-based) of {@code total} in the epoch. */
  private void afterUpdate(TrainingControl run, int samples, int done, int total, double loss, double lr,
      double elapsed) {
    TrainingState before = run.state();
    double lossSum = before.epochLossSum() + loss;
    run.set(before.stepped(done, lossSum, elapsed));
    boolean epochEnd = done == total;
    TrainingListener.Step step = new TrainingListener.Step(run.state().step(),
        before.epoch() + done / (double) total, samples, lossSum / done, lr, elapsed,
        epochEnd || midEpochValidation(done, total), epochEnd);
    listeners.forEach(l -> l.onStep(step, run));
    if (step.validates()) {
      MetricLog.Validation v = setup.validation().get();
      boolean improved = v.macroF1() > run.state().bestMetric();
      run.set(run.state().validated(v.macroF1()));
      listeners.forEach(l -> l.onValidation(step, v, improved, run));
    }
    if (epochEnd) {
      run.set(run.state().nextEpoch(setup.cfg().epochs()));
      listeners.forEach(l -> l.onEpochEnd(step, run));
    }
    listeners.forEach(l -> l.afterStep(step, run));
  }

  /**
   * Whether to validate after batch {@code done} of {@code total} besides the epoch end: every {@code evalEvery}
   * batches counted within the epoch, skipping one that would land within half an interval of the epoch end (whose
   * validation follows anyway). Counting per epoch keeps the points the same after a resume.
   */
  private boolean midEpochValidation(int done, int total) {
    int every = setup.cfg().evalEvery();
    return every > 0 && done % every == 0 && done < total && 2 * (total - done) >= every;
  }
}
