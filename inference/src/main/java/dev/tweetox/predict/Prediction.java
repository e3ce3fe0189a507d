package dev.tweetox.predict;

import java.util.List;

/**
 * One text's predicted class and the model's own class probabilities (never adjusted by rules).
 *
 * @param label the predicted class name
 * @param labelValue the predicted class as written in the training data, e.g. {@code -1} or {@code negative}
 * @param probabilities one per class, in the order of {@link Predictor#labels()}
 * @param latencyMillis wall time of the {@link Predictor#predict} call that produced this prediction (cleaning and
 *     model, for the whole batch it was part of); 0 when not measured
 */
public record Prediction(String text, int index, String label, String labelValue, List<Double> probabilities,
    double latencyMillis) {
  public Prediction {
    probabilities = List.copyOf(probabilities);
  }

  /** A prediction without a latency, as before latencies were recorded. */
  public Prediction(String text, int index, String label, String labelValue, List<Double> probabilities) {
    this(text, index, label, labelValue, probabilities, 0);
  }

  public double confidence() {
    return probabilities.get(index);
  }
}
