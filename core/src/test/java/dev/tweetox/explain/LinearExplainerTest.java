package dev.tweetox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.baseline.LinearModel;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.ConflictPolicy;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.features.SparseMatrix;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearExplainerTest {
  static final TextCleaner CLEANER = new TextCleaner(CleaningConfig.defaults());
  static final LabelSet SENTIMENT = LabelSet.sentiment();
  /** Word 1-2 grams and char_wb 2-4 grams, as the shipped baseline can have. */
  static final TfidfSettings WORDS_AND_CHARS = new TfidfSettings(1, 2, 2, 4, 1, 1.0, true, 0);

  static double sum(List<WordScore> words) {
    return words.stream().mapToDouble(WordScore::score).sum();
  }

  /** The class's decision function computed directly from the vectorizer and the weights, not by the explainer. */
  static double decision(BaselineModel m, TextCleaner cleaner, String raw, int cls) {
    String input = ModelInputs.forModel(ModelKind.BASELINE, cleaner, List.of(cleaner.clean(raw))).get(0);
    SparseMatrix x = m.vectorizer().transform(List.of(input));
    LinearModel lin = m.linear();
    int fn = lin.decisionFunctions() == 1 ? 0 : cls;
    double d = lin.bias(fn);
    for (int p = x.rowStart(0); p < x.rowEnd(0); p++) {
      d += x.value(p) * lin.weights(fn)[x.col(p)];
    }
    return lin.decisionFunctions() == 1 && cls == 0 ? -d : d;
  }

  static double bias(BaselineModel m, int cls) {
    LinearModel lin = m.linear();
    return lin.decisionFunctions() == 1 ? (cls == 1 ? lin.bias(0) : -lin.bias(0)) : lin.bias(cls);
  }

  @Test
  void wordScoresSumToTheClassLogitMinusItsBiasForEveryClass() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, WORDS_AND_CHARS);
    LinearExplainer ex = new LinearExplainer(m, CLEANER);
    String raw = "I HATE   @bob's mondays 😡😡 http://t.co/abc #awful &amp; sooooo sad!!";
    for (int cls = 0; cls < 3; cls++) {
      List<WordScore> words = ex.explain(List.of(raw), new int[] {cls}).get(0);
      double d = decision(m, CLEANER, raw, cls);
      assertThat(sum(words) + bias(m, cls)).isCloseTo(d, within(1e-9));
      assertThat(ex.logit(raw, cls)).isCloseTo(d, within(1e-9));
    }
  }

  @Test
  void wordsAreTheRawTextsOwnCharacters() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, WORDS_AND_CHARS);
    String raw = "  I HATE @bob 😡awful  http://t.co/abc ";
    List<WordScore> words = new LinearExplainer(m, CLEANER).explain(List.of(raw), new int[] {0}).get(0);
    assertThat(words).extracting(WordScore::word)
        .containsExactly("I", "HATE", "@bob", "😡", "awful", "http://t.co/abc");
    words.forEach(w -> assertThat(raw.substring(w.start(), w.end())).isEqualTo(w.word()));
    WordScore hate = words.get(1);
    assertThat(hate.start()).isEqualTo(4);
    assertThat(hate.end()).isEqualTo(8);
    assertThat(hate.score()).as("'hate' is a negative word").isPositive();
  }

  @Test
  void withWordUnigramsOnlyEachWordScoresItsTfidfValueTimesItsWeight() {
    TfidfSettings unigrams = new TfidfSettings(1, 1, 0, 0, 1, 1.0, false, 0);
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, unigrams);
    String raw = "Love the BUS today";
    int pos = 2;
    List<WordScore> words = new LinearExplainer(m, CLEANER).explain(List.of(raw), new int[] {pos}).get(0);
    SparseMatrix x = m.vectorizer().transform(List.of(CLEANER.clean(raw)));
    double[] w = m.linear().weights(pos);
    for (WordScore word : words) {
      int col = m.vectorizer().wordBlock().column(word.word().toLowerCase(java.util.Locale.ROOT));
      double expected = col < 0 ? 0 : x.get(0, col) * w[col];
      assertThat(word.score()).as(word.word()).isCloseTo(expected, within(1e-12));
    }
    assertThat(words).extracting(WordScore::word).containsExactly("Love", "the", "BUS", "today");
  }

  @Test
  void aRepeatedWordSharesItsFeatureAndABigramIsSharedByItsTwoWords() {
    TfidfSettings bigrams = new TfidfSettings(1, 2, 0, 0, 1, 1.0, false, 0);
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, bigrams);
    List<WordScore> w = new LinearExplainer(m, CLEANER).explain(List.of("sad sad"), new int[] {0}).get(0);
    assertThat(w.get(0).score()).isCloseTo(w.get(1).score(), within(1e-12));
    assertThat(sum(w) + bias(m, 0)).isCloseTo(decision(m, CLEANER, "sad sad", 0), within(1e-12));
  }

  @Test
  void twoClassModelsExplainClassZeroWithTheNegatedLogit() {
    LabelSet binary = LabelSet.explicit(List.of("not-offensive", "offensive"));
    ToyBaseline.Data d = ToyBaseline.sentiment(20);
    int[] y = new int[d.y().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = d.y()[i] == 0 ? 1 : 0;
    }
    BaselineModel m = ToyBaseline.fit(new ToyBaseline.Data(d.raw(), y), binary, CLEANER, WORDS_AND_CHARS);
    LinearExplainer ex = new LinearExplainer(m, CLEANER);
    String raw = "worst bus ever";
    List<WordScore> off = ex.explain(List.of(raw), new int[] {1}).get(0);
    List<WordScore> not = ex.explain(List.of(raw), new int[] {0}).get(0);
    for (int i = 0; i < off.size(); i++) {
      assertThat(not.get(i).score()).isCloseTo(-off.get(i).score(), within(1e-12));
    }
    assertThat(sum(off) + bias(m, 1)).isCloseTo(decision(m, CLEANER, raw, 1), within(1e-12));
    // the logit matches the model's own probability: p1 = sigmoid(d)
    double p1 = m.predictProba(List.of(CLEANER.clean(raw)))[0][1];
    assertThat(1 / (1 + Math.exp(-ex.logit(raw, 1)))).isCloseTo(p1, within(1e-12));
  }

  @Test
  void stopwordsTheModelNeverSeesScoreZeroAndTheSumStaysExact() {
    CleaningConfig d = CleaningConfig.defaults();
    TextCleaner stemming = new TextCleaner(new CleaningConfig(d.unescapeHtml(), d.urls(), d.mentions(),
        d.hashtags(), d.controlChars(), d.collapseWhitespace(), d.capElongation(), d.lowercase(), true, true,
        d.dropDuplicates(), ConflictPolicy.DROP, d.emojiToWords()));
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, stemming, WORDS_AND_CHARS);
    String raw = "the meetings were the worst";
    List<WordScore> w = new LinearExplainer(m, stemming).explain(List.of(raw), new int[] {1}).get(0);
    assertThat(w).extracting(WordScore::word).containsExactly("the", "meetings", "were", "the", "worst");
    assertThat(w.get(0).score()).isZero();
    assertThat(w.get(3).score()).isZero();
    assertThat(w.get(1).score()).as("'meetings' stems to the neutral 'meet'").isNotZero();
    assertThat(sum(w) + bias(m, 1)).isCloseTo(decision(m, stemming, raw, 1), within(1e-12));
  }

  @Test
  void aThirdRepeatedEmojiThatCleaningDropsScoresZero() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, WORDS_AND_CHARS);
    String raw = "sad 😡 😡 😡 bus";
    List<WordScore> w = new LinearExplainer(m, CLEANER).explain(List.of(raw), new int[] {0}).get(0);
    assertThat(w).extracting(WordScore::word).containsExactly("sad", "😡", "😡", "😡", "bus");
    assertThat(w.get(3).score()).isZero();
    assertThat(sum(w) + bias(m, 0)).isCloseTo(decision(m, CLEANER, raw, 0), within(1e-12));
  }

  @Test
  void anEmptyTextHasNoWords() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(20), SENTIMENT, CLEANER, WORDS_AND_CHARS);
    assertThat(new LinearExplainer(m, CLEANER).explain(List.of("   "), new int[] {1}).get(0)).isEmpty();
  }
}
