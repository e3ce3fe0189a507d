package dev.tweetox.transformer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.io.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The epoch/step loop: one AdamW update per bucketed batch, evaluation at epoch ends (and every
 * {@code evalEvery} steps within an epoch), best-model saving, early stopping, the metric log and periodic
 * resumable checkpoints.
 * Patience counts evaluations without a better validation macro-F1 (epochs, when {@code evalEvery} is 0).
 */
final class TrainingLoop {
  /** Things the loop calls back into: saving the best model and reading the trainable parameters. */
  interface Hooks {
    void saveBest();

    TensorSource trainable();
  }

  private final TransformerConfig cfg;
  private final long seed;
  private final ForwardPath train;
  private final int[] trainLabels;
  private final ForwardPath val;
  private final int[] valLabels;
  private final LabelSet labels;
  private final AdamW optimizer;
  private final LinearSchedule schedule;
  private final float[] classWeights;
  private final NDManager root;
  private final Path outDir;
  private final PrintWriter log;
  private final TransformerTrainer.Options opt;
  private final Hooks hooks;
  private final MetricLog metrics;
  private final ValidationListener listener;

  TrainingLoop(TransformerConfig cfg, long seed, ForwardPath train, int[] trainLabels, ForwardPath val,
      int[] valLabels, LabelSet labels, AdamW optimizer, LinearSchedule schedule, float[] classWeights,
      NDManager root, Path outDir, PrintWriter log, TransformerTrainer.Options opt, Hooks hooks, int resumeStep,
      ValidationListener listener) {
    this.cfg = cfg;
    this.seed = seed;
    this.train = train;
    this.trainLabels = trainLabels;
    this.val = val;
    this.valLabels = valLabels;
    this.labels = labels;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.classWeights = classWeights;
    this.root = root;
    this.outDir = outDir;
    this.log = log;
    this.opt = opt;
    this.hooks = hooks;
    this.metrics = MetricLog.open(outDir.resolve(MetricLog.FILE), resumeStep);
    this.listener = listener;
  }

  /** Runs from {@code s} until the end, an early stop, or the {@code stopAfterSteps} hook (which saves nothing). */
  TrainingState run(TrainingState s) {
    long started = System.nanoTime();
    double baseElapsed = s.elapsedSeconds();
    long lastCheckpoint = started;
    int stepsPerEpoch = (train.lengths().length + cfg.batchSize() - 1) / cfg.batchSize();
    long windowStart = started;
    int windowSamples = 0;
    try (Progress progress = Progress.start("fine-tuning", (long) cfg.epochs() * stepsPerEpoch, "steps")) {
      progress.step(s.step());
      while (s.epoch() < cfg.epochs() && !s.finished()) {
        List<int[]> batches = LengthBatcher.epoch(train.lengths(), cfg.batchSize(), seed, s.epoch(),
            opt.chunkBatches());
        int done = s.batchInEpoch();
        double lossSum = s.epochLossSum();
        for (int b = done; b < batches.size(); b++) {
          if (opt.stopAfterSteps() > 0 && s.step() >= opt.stopAfterSteps()) {
            return s; // simulated kill: nothing is saved beyond the last checkpoint
          }
          double lr = schedule.lr(s.step());
          double loss = step(batches.get(b), lr);
          lossSum += loss;
          windowSamples += batches.get(b).length;
          double elapsed = baseElapsed + (System.nanoTime() - started) / 1e9;
          s = new TrainingState(s.fingerprint(), s.step() + 1, s.epoch(), b + 1, lossSum, s.bestMetric(),
              s.bestStep(), s.evalsWithoutImprovement(), elapsed, false);
          double meanLoss = lossSum / (b + 1);
          progress.step();
          progress.message(String.format(Locale.ROOT, "loss %.4f lr %.2e", meanLoss, lr));
          boolean epochEnd = b + 1 == batches.size();
          boolean evalNow = epochEnd || midEpochValidation(b + 1, batches.size());
          double epochPos = s.epoch() + (b + 1) / (double) batches.size();
          if (evalNow || s.step() % opt.logEvery() == 0) {
            double windowSecs = (System.nanoTime() - windowStart) / 1e9;
            MetricLog.Validation v = evalNow ? Scoring.validate(val, valLabels, labels, cfg.evalBatchSize(), root)
                : null;
            metrics.add(new MetricLog.Row(s.step(), epochPos, meanLoss, v, lr, windowSamples / windowSecs,
                elapsed));
            windowStart = System.nanoTime();
            windowSamples = 0;
            if (v != null) {
              s = afterEval(s, v, epochPos);
              if (!s.finished() && listener.stopAfter(s.step(), epochPos, v)) {
                log.printf(Locale.ROOT, "transformer: stopped after step %d by the tuner (pruned)%n", s.step());
                log.flush();
                s = new TrainingState(s.fingerprint(), s.step(), s.epoch(), s.batchInEpoch(), s.epochLossSum(),
                    s.bestMetric(), s.bestStep(), s.evalsWithoutImprovement(), s.elapsedSeconds(), true);
              }
            }
          }
          if (epochEnd) {
            s = new TrainingState(s.fingerprint(), s.step(), s.epoch() + 1, 0, 0, s.bestMetric(), s.bestStep(),
                s.evalsWithoutImprovement(), s.elapsedSeconds(), s.finished() || s.epoch() + 1 >= cfg.epochs());
          }
          boolean timeUp = (System.nanoTime() - lastCheckpoint) / 1e9 >= opt.checkpointSeconds();
          boolean stepDue = opt.checkpointSteps() > 0 && s.step() % opt.checkpointSteps() == 0;
          if (evalNow || timeUp || stepDue || s.finished()) {
            metrics.flush();
            Checkpoints.write(outDir, s, hooks.trainable(), optimizer.state());
            lastCheckpoint = System.nanoTime();
          }
          if (s.finished()) {
            break;
          }
        }
      }
    }
    metrics.flush();
    return s;
  }

  /**
   * Whether to validate after batch {@code done} of {@code total} besides the epoch end: every {@code evalEvery}
   * batches counted within the epoch, skipping one that would land within half an interval of the epoch end (whose
   * validation follows anyway). Counting per epoch keeps the points the same after a resume.
   */
  private boolean midEpochValidation(int done, int total) {
    int every = cfg.evalEvery();
    return every > 0 && done % every == 0 && done < total && 2 * (total - done) >= every;
  }

  private TrainingState afterEval(TrainingState s, MetricLog.Validation v, double epochPos) {
    boolean better = v.macroF1() > s.bestMetric();
    log.printf(Locale.ROOT, "transformer: step %d (epoch %.2f) val macro-F1 %.4f, accuracy %.4f, loss %.4f%s%n",
        s.step(), epochPos, v.macroF1(), v.accuracy(), v.loss(), better ? " (best so far)" : "");
    log.flush();
    if (better) {
      hooks.saveBest();
      return new TrainingState(s.fingerprint(), s.step(), s.epoch(), s.batchInEpoch(), s.epochLossSum(),
          v.macroF1(), s.step(), 0, s.elapsedSeconds(), false);
    }
    int stale = s.evalsWithoutImprovement() + 1;
    boolean stop = stale >= cfg.patience();
    if (stop) {
      log.printf(Locale.ROOT, "transformer: early stop, no better val macro-F1 in %d evaluations (best %.4f at"
          + " step %d)%n", stale, s.bestMetric(), s.bestStep());
      log.flush();
    }
    return new TrainingState(s.fingerprint(), s.step(), s.epoch(), s.batchInEpoch(), s.epochLossSum(),
        s.bestMetric(), s.bestStep(), stale, s.elapsedSeconds(), stop);
  }

  /** One update; returns the batch loss. */
  private double step(int[] batch, double lr) {
    double loss;
    try (NDManager m = root.newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = train.logits(m, batch, true);
        int[] gold = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
          gold[i] = trainLabels[batch[i]];
        }
        NDArray l = Losses.crossEntropy(m, logits, gold, classWeights);
        gc.backward(l);
        loss = l.getFloat();
      }
      double scale = 1;
      if (cfg.maxGradNorm() > 0) {
        double norm = optimizer.gradNorm();
        if (norm > cfg.maxGradNorm()) {
          scale = cfg.maxGradNorm() / (norm + 1e-6);
        }
      }
      optimizer.step(lr, scale);
    }
    return loss;
  }
}
