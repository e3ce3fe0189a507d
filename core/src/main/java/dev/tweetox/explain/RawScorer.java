package dev.tweetox.explain;

import java.util.List;

/**
 * Class probabilities of raw texts, cleaned exactly as the model's predictions are (a {@code Predictor}'s own
 * path, or cleaning plus {@code TextClassifier.predictProba}); one row per text, in order.
 */
@FunctionalInterface
public interface RawScorer {
  double[][] probabilities(List<String> rawTexts);
}
