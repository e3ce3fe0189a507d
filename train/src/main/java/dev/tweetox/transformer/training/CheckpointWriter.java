package dev.tweetox.transformer.training;

import dev.tweetox.bert.safetensors.TensorSource;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Writes {@code checkpoint-last} after each validation, at the end, every {@code checkpointSteps} steps and at
 * least every {@code checkpointSeconds}. Runs after the other listeners of a step, so it saves what they decided
 * (a stop included).
 */
final class CheckpointWriter implements TrainingListener {
  private final Path outDir;
  private final TensorSource trainable;
  private final Supplier<TensorSource> optimizer;
  private final MetricLog metrics;
  private final double everySeconds;
  private final int everySteps;
  private long last;

  /**
   * @param optimizer the optimizer's state (and any other training state, such as a weight average) at the moment
   *     of writing
   * @param metrics flushed first, so the log on disk covers every step a resume keeps
   */
  CheckpointWriter(Path outDir, TensorSource trainable, Supplier<TensorSource> optimizer, MetricLog metrics,
      double everySeconds,
      int everySteps) {
    this.outDir = outDir;
    this.trainable = trainable;
    this.optimizer = optimizer;
    this.metrics = metrics;
    this.everySeconds = everySeconds;
    this.everySteps = everySteps;
  }

  @Override
  public void onStart(TrainingState state) {
    last = System.nanoTime();
  }

  @Override
  public void afterStep(Step step, TrainingControl run) {
    boolean timeUp = (System.nanoTime() - last) / 1e9 >= everySeconds;
    boolean stepDue = everySteps > 0 && step.step() % everySteps == 0;
    if (step.validates() || timeUp || stepDue || run.stopping()) {
      metrics.flush();
      Checkpoints.write(outDir, run.state(), trainable, optimizer.get());
      last = System.nanoTime();
    }
  }
}
