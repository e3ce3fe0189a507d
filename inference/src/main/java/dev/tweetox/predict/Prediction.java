package dev.tweetox.predict;

import java.util.List;

/**
 * One text's predicted class, its calibrated class probabilities (the model's own, temperature-scaled when the
 * model has a calibration; never adjusted by rules) and whether it is flagged for a moderator.
 *
 * @param label the predicted class name
 * @param labelValue the predicted class as written in the training data, e.g. {@code -1} or {@code negative}
 * @param probabilities one per class, in the order of {@link Predictor#labels()}
 * @param latencyMillis wall time of the {@link Predictor#predict} call that produced this prediction (cleaning and
 *     model, for the whole batch it was part of); 0 when not measured
 * @param flagged the flag class's probability reached the {@link Predictor#decision()} threshold
 */
public record Prediction(String text, int index, String label, String labelValue, List<Double> probabilities,
    double latencyMillis, boolean flagged) {
  public Prediction {
    probabilities = List.copyOf(probabilities);
  }

  /** A prediction that is not flagged, as before flags existed. */
  public Prediction(String text, int index, String label, String labelValue, List<Double> probabilities,
      double latencyMillis) {
    this(text, index, label, labelValue, probabilities, latencyMillis, false);
  }

  /** A prediction without a latency, as before latencies were recorded. */
  public Prediction(String text, int index, String label, String labelValue, List<Double> probabilities) {
    this(text, index, label, labelValue, probabilities, 0, false);
  }

  public double confidence() {
    return probabilities.get(index);
  }
}
