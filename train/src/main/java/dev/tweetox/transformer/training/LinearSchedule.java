package dev.tweetox.transformer.training;

/**
 * Learning rate rising linearly from 0 to {@code peak} over {@code warmupSteps}, then falling linearly to 0 at
 * {@code totalSteps} (the schedule of BERT and Hugging Face's {@code get_linear_schedule_with_warmup}).
 * {@code step} counts optimizer updates from 0. Unlike Hugging Face's, whose first update has rate 0, warmup
 * here reaches {@code peak} at its last step, so no update is wasted: {@code lr(0) = peak / (warmupSteps + 1)}.
 */
public record LinearSchedule(double peak, int warmupSteps, int totalSteps) {
  public LinearSchedule {
    if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps, totalSteps >= 1; got "
          + warmupSteps + ", " + totalSteps);
    }
  }

  public static LinearSchedule of(double peak, double warmupRatio, int totalSteps) {
    return new LinearSchedule(peak, (int) Math.ceil(warmupRatio * totalSteps), totalSteps);
  }

  public double lr(int step) {
    if (step < warmupSteps) {
      return peak * (step + 1) / (double) (warmupSteps + 1);
    }
    return peak * Math.max(0.0, (totalSteps - step) / (double) Math.max(1, totalSteps - warmupSteps));
  }
}
