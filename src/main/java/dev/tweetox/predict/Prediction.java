package dev.tweetox.predict;

import java.util.List;

/**
 * One text's predicted class and the model's own class probabilities (never adjusted by rules).
 *
 * @param label the predicted class name
 * @param labelValue the predicted class as written in the training data, e.g. {@code -1} or {@code negative}
 * @param probabilities one per class, in the order of {@link Predictor#labels()}
 */
public record Prediction(String text, int index, String label, String labelValue, List<Double> probabilities) {
  public Prediction {
    probabilities = List.copyOf(probabilities);
  }

  public double confidence() {
    return probabilities.get(index);
  }
}
