package dev.tweetox.predict;

import dev.tweetox.explain.ExplanationMethod;
import dev.tweetox.explain.WordScore;
import java.util.List;

/**
 * A prediction and the scores of its raw words for the predicted class.
 *
 * @param words every word of the raw text in order, with offsets into {@link Prediction#text()}
 */
public record Explanation(Prediction prediction, ExplanationMethod method, List<WordScore> words) {
  public Explanation {
    words = List.copyOf(words);
  }

  /** The words by decreasing score, at most {@code n}: what pushed the model towards its label most. */
  public List<WordScore> top(int n) {
    return words.stream().sorted((a, b) -> Double.compare(b.score(), a.score())).limit(n).toList();
  }
}
