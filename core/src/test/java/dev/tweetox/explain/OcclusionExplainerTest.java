package dev.tweetox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OcclusionExplainerTest {
  static final TextCleaner CLEANER = LinearExplainerTest.CLEANER;

  @Test
  void scoresAreTheClassProbabilityMinusItsProbabilityWithoutTheWordAllInOneCall() {
    List<List<String>> calls = new ArrayList<>();
    // probability of class 0 falls by 0.3 per "hate" and 0.1 per "!"
    RawScorer scorer = raws -> {
      calls.add(raws);
      return raws.stream().map(t -> {
        double p = Math.min(0.9, 0.1 + 0.3 * count(t, "hate") + 0.1 * count(t, "!"));
        return new double[] {p, 1 - p};
      }).toArray(double[][]::new);
    };
    List<List<WordScore>> out = new OcclusionExplainer(scorer)
        .explain(List.of("i hate hate it!", "ok"), new int[] {0, 1});
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).containsExactly("i hate hate it!", "ok",
        "  hate hate it!", "i   hate it!", "i hate   it!", "i hate hate  ", " ");
    List<WordScore> w = out.get(0);
    assertThat(w).extracting(WordScore::word).containsExactly("i", "hate", "hate", "it!");
    assertThat(w.get(0).score()).isCloseTo(0, within(1e-12));
    assertThat(w.get(1).score()).isCloseTo(0.3, within(1e-12));
    assertThat(w.get(3).score()).isCloseTo(0.1, within(1e-12));
    assertThat(w.get(3).start()).isEqualTo(12);
    assertThat(out.get(1).get(0).score()).as("\"ok\" carries no evidence").isCloseTo(0, within(1e-12));
  }

  private static int count(String t, String word) {
    return t.split(java.util.regex.Pattern.quote(word), -1).length - 1;
  }

  @Test
  void aVeryLongTextIsOccludedInAtMostMaxWordsSpans() {
    String raw = IntStream.range(0, 200).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    List<WordScore> units = OcclusionExplainer.units(raw);
    assertThat(units).hasSize(OcclusionExplainer.MAX_WORDS);
    assertThat(units.get(0).start()).isZero();
    assertThat(units.get(units.size() - 1).end()).isEqualTo(raw.length());
    units.forEach(u -> assertThat(raw.substring(u.start(), u.end())).isEqualTo(u.word()));
  }

  /** Sample tweets of two class words among three fillers, none of them seen in training as a whole. */
  static List<String> sample(int n, long seed) {
    Random rnd = new Random(seed);
    String[][] vocab = {ToyBaseline.NEG, ToyBaseline.NEU, ToyBaseline.POS};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] v = vocab[i % 3];
      List<String> words = new ArrayList<>(List.of(v[rnd.nextInt(6)], v[rnd.nextInt(6)], "today", "so", "again"));
      java.util.Collections.shuffle(words, rnd);
      out.add(String.join(" ", words));
    }
    return out;
  }

  /**
   * Removing each text's two top-scored words lowers its predicted class's probability more, on average, than
   * removing two words at random. On a trained model whose evidence sits in a few words this must hold.
   */
  static double[] deletionDrops(Explainer explainer, RawScorer scorer, List<String> texts, long seed) {
    Random rnd = new Random(seed);
    double[][] p = scorer.probabilities(texts);
    int[] cls = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      cls[i] = Evaluation.argmax(p[i]);
    }
    List<List<WordScore>> words = explainer.explain(texts, cls);
    List<String> top = new ArrayList<>();
    List<String> random = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      List<WordScore> w = words.get(i);
      top.add(without(texts.get(i), w.stream().sorted(Comparator.comparingDouble(WordScore::score).reversed())
          .limit(2).toList()));
      List<WordScore> shuffled = new ArrayList<>(w);
      java.util.Collections.shuffle(shuffled, rnd);
      random.add(without(texts.get(i), shuffled.subList(0, 2)));
    }
    double[][] pTop = scorer.probabilities(top);
    double[][] pRandom = scorer.probabilities(random);
    double dropTop = 0;
    double dropRandom = 0;
    for (int i = 0; i < texts.size(); i++) {
      dropTop += p[i][cls[i]] - pTop[i][cls[i]];
      dropRandom += p[i][cls[i]] - pRandom[i][cls[i]];
    }
    return new double[] {dropTop / texts.size(), dropRandom / texts.size()};
  }

  static String without(String raw, List<WordScore> remove) {
    StringBuilder b = new StringBuilder(raw);
    remove.stream().sorted(Comparator.comparingInt(WordScore::start).reversed())
        .forEach(w -> b.replace(w.start(), w.end(), " "));
    return b.toString();
  }

  @Test
  void deletingTheTopOccludedWordsLowersTheProbabilityMoreThanDeletingRandomOnes() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(30), LinearExplainerTest.SENTIMENT, CLEANER,
        LinearExplainerTest.WORDS_AND_CHARS);
    RawScorer scorer = Explainer.scorer(m, CLEANER);
    double[] drops = deletionDrops(new OcclusionExplainer(scorer), scorer, sample(60, 5), 11);
    assertThat(drops[0]).as("top-2 drop vs random-2 drop").isGreaterThan(drops[1] + 0.05);
  }

  @Test
  void deletingTheTopLinearWordsLowersTheProbabilityMoreThanDeletingRandomOnes() {
    BaselineModel m = ToyBaseline.fit(ToyBaseline.sentiment(30), LinearExplainerTest.SENTIMENT, CLEANER,
        LinearExplainerTest.WORDS_AND_CHARS);
    Explainer linear = Explainer.forModel(m, CLEANER);
    assertThat(linear).isInstanceOf(LinearExplainer.class);
    double[] drops = deletionDrops(linear, Explainer.scorer(m, CLEANER), sample(60, 6), 12);
    assertThat(drops[0]).as("top-2 drop vs random-2 drop").isGreaterThan(drops[1] + 0.05);
  }
}
