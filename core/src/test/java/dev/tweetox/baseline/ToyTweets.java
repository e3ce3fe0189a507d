package dev.tweetox.baseline;

import dev.tweetox.data.LabelSet;
import dev.tweetox.features.TfidfSettings;
import java.util.ArrayList;
import java.util.List;

/** Tiny deterministic corpora for the baseline tests. */
final class ToyTweets {
  static final LabelSet SENTIMENT = LabelSet.sentiment();
  static final LabelSet BINARY = LabelSet.explicit(List.of("not-offensive", "offensive"));
  /** Word unigrams and bigrams plus char_wb 2-4, no pruning: small and fast. */
  static final TfidfSettings SETTINGS = new TfidfSettings(1, 2, 2, 4, 1, 1.0, true, 0);

  private static final String[] NEG = {"hate", "awful", "terrible", "sad", "worst"};
  private static final String[] NEU = {"meeting", "noon", "bus", "report", "monday"};
  private static final String[] POS = {"love", "great", "happy", "best", "awesome"};
  private static final String[] FILLER = {"today", "really", "this", "so", "the day", "again"};

  private ToyTweets() {}

  /** A separable three-class set: each class has its own vocabulary plus shared filler. */
  record Data(List<String> texts, int[] y) {}

  static Data sentiment(int perClass) {
    List<String> texts = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    String[][] vocab = {NEG, NEU, POS};
    for (int i = 0; i < perClass; i++) {
      for (int c = 0; c < 3; c++) {
        texts.add(vocab[c][i % 5] + " " + FILLER[i % FILLER.length] + " " + vocab[c][(i + 2) % 5]);
        ys.add(c);
      }
    }
    return new Data(texts, ys.stream().mapToInt(Integer::intValue).toArray());
  }
}
