package dev.tweetox.explain;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.baseline.BaselineTrainer;
import dev.tweetox.baseline.ClassWeighting;
import dev.tweetox.baseline.LrParams;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import java.util.ArrayList;
import java.util.List;

/** Small baselines trained on a separable toy corpus of raw tweets, for the explanation tests. */
final class ToyBaseline {
  static final String[] NEG = {"hate", "awful", "terrible", "sad", "worst", "angry"};
  static final String[] NEU = {"meeting", "noon", "bus", "report", "monday", "train"};
  static final String[] POS = {"love", "great", "happy", "best", "awesome", "glad"};
  static final String[] FILLER = {"today", "really", "this", "so", "the day", "again", "@bob", "http://t.co/x"};

  private ToyBaseline() {}

  record Data(List<String> raw, int[] y) {}

  /** Three classes, each with its own words plus shared filler; a tweet has two class words and one filler. */
  static Data sentiment(int perClass) {
    List<String> texts = new ArrayList<>();
    int[] y = new int[perClass * 3];
    String[][] vocab = {NEG, NEU, POS};
    for (int i = 0; i < perClass; i++) {
      for (int c = 0; c < 3; c++) {
        texts.add(vocab[c][i % 6] + " " + FILLER[(i + c) % FILLER.length] + " " + vocab[c][(i + 2) % 6]);
        y[texts.size() - 1] = c;
      }
    }
    return new Data(texts, y);
  }

  static BaselineModel fit(Data d, LabelSet labels, TextCleaner cleaner, TfidfSettings settings) {
    List<String> cleaned = d.raw().stream().map(cleaner::clean).toList();
    return BaselineTrainer.fitOne(ModelInputs.forModel(ModelKind.BASELINE, cleaner, cleaned), d.y(), labels,
        settings, new LrParams(4.0, Penalty.L2, ClassWeighting.NONE), 1e-6, 7);
  }
}
