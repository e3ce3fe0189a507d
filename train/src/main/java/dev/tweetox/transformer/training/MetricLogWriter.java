package dev.tweetox.transformer.training;

/**
 * Fills the {@link MetricLog}: a row every {@code logEvery} steps and at each validation. The throughput of a row
 * covers the steps since the previous row, not the validation time.
 */
final class MetricLogWriter implements TrainingListener {
  private final MetricLog log;
  private final int logEvery;
  private long windowStart;
  private int windowSamples;
  private double windowSeconds;

  MetricLogWriter(MetricLog log, int logEvery) {
    this.log = log;
    this.logEvery = logEvery;
  }

  @Override
  public void onStart(TrainingState state) {
    windowStart = System.nanoTime();
  }

  @Override
  public void onStep(Step step, TrainingControl run) {
    windowSamples += step.samples();
    windowSeconds = (System.nanoTime() - windowStart) / 1e9;
    if (!step.validates() && step.step() % logEvery == 0) {
      add(step, null);
    }
  }

  @Override
  public void onValidation(Step step, MetricLog.Validation val, boolean improved, TrainingControl run) {
    add(step, val);
  }

  private void add(Step step, MetricLog.Validation val) {
    log.add(new MetricLog.Row(step.step(), step.epochPos(), step.meanLoss(), val, step.learningRate(),
        windowSamples / windowSeconds, step.elapsedSeconds()));
    windowStart = System.nanoTime();
    windowSamples = 0;
  }

  @Override
  public void onFinish(TrainingState state) {
    log.flush();
  }
}
