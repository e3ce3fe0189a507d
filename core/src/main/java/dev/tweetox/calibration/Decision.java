package dev.tweetox.calibration;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import java.util.List;
import java.util.Locale;

/**
 * When a prediction is flagged for a moderator: the calibrated probability of {@code flagClass} is at least
 * {@code threshold}. Independent of the argmax label, so a tweet can be flagged as negative while its label is
 * neutral, and the other way round.
 *
 * @param flagIndex the flag class's index in the model's label set
 */
public record Decision(int flagIndex, String flagClass, double threshold) {
  /** The threshold of a model saved before operating points existed, which has none chosen on validation. */
  public static final double FALLBACK_THRESHOLD = 0.5;

  /** Class names taken as "the class to flag" when {@code decision.flagClass} is empty, in this order. */
  static final List<String> FLAG_WORDS = List.of("negative", "toxic", "offensive", "hateful", "hate", "abusive");

  public Decision {
    if (flagIndex < 0) {
      throw new IllegalArgumentException("flag class index must be at least 0, got " + flagIndex);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
    }
  }

  /** Whether a calibrated probability row is flagged. */
  public boolean flags(double[] probs) {
    return probs[flagIndex] >= threshold;
  }

  /** The flag class with the {@value #FALLBACK_THRESHOLD} threshold, for models without a chosen one. */
  public static Decision fallback(LabelSet labels) {
    int k = flagClass("", labels);
    return new Decision(k, labels.name(k), FALLBACK_THRESHOLD);
  }

  /**
   * The index of the class to flag. {@code configured} (a class name or value, any case) wins; when empty: the
   * first class named, case-insensitively, one of {@link #FLAG_WORDS} ("negative" for sentiment data,
   * "offensive" for tweeteval-offensive), else the last class (for 0/1 labels, 1).
   *
   * @throws TweetoxException naming {@code decision.flagClass} and the classes when it is not one of them
   */
  public static int flagClass(String configured, LabelSet labels) {
    if (configured != null && !configured.isBlank()) {
      try {
        return labels.indexOf(configured, "config decision.flagClass");
      } catch (TweetoxException e) {
        throw new TweetoxException("config decision.flagClass: '" + configured + "' is not a class of this data;"
            + " use one of " + labels.names(), e);
      }
    }
    for (String word : FLAG_WORDS) {
      for (int k = 0; k < labels.size(); k++) {
        if (labels.name(k).toLowerCase(Locale.ROOT).equals(word)) {
          return k;
        }
      }
    }
    return labels.size() - 1;
  }
}
