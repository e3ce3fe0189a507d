package dev.tweetox.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.baseline.BaselineTrainer;
import dev.tweetox.baseline.ClassWeighting;
import dev.tweetox.baseline.LrParams;
import dev.tweetox.bert.TinyBertDirectory;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.explain.ExplanationMethod;
import dev.tweetox.explain.WordScore;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.onnx.OnnxBertModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorExplainTest {
  static final TextCleaner CLEANER = new TextCleaner(CleaningConfig.defaults());

  @Test
  void transformerOcclusionScoresAreTheProbabilityDropsComputedOneVariantAtATime(@TempDir Path tmp) {
    Path dir = TinyBertDirectory.write(tmp.resolve("bert"), 3);
    List<String> texts = List.of("I hate my boring friend 😡", "really great day with @bob http://t.co/x", "so");
    try (Predictor p = new Predictor(OnnxBertModel.load(dir, false, 1), CLEANER)) {
      List<Explanation> explained = p.explain(texts);
      assertThat(explained).hasSize(3);
      for (int i = 0; i < texts.size(); i++) {
        Explanation e = explained.get(i);
        String raw = texts.get(i);
        assertThat(e.method()).isEqualTo(ExplanationMethod.OCCLUSION);
        Prediction alone = p.predict(List.of(raw)).get(0);
        assertThat(e.prediction().index()).isEqualTo(alone.index());
        int k = alone.index();
        double whole = alone.probabilities().get(k);
        assertThat(e.prediction().probabilities().get(k)).isCloseTo(whole, within(1e-5));
        for (WordScore w : e.words()) {
          assertThat(raw.substring(w.start(), w.end())).isEqualTo(w.word());
          String variant = raw.substring(0, w.start()) + " " + raw.substring(w.end());
          double without = p.predict(List.of(variant)).get(0).probabilities().get(k);
          assertThat(w.score()).as(raw + " without " + w.word()).isCloseTo(whole - without, within(1e-5));
        }
      }
      assertThat(explained.get(0).words()).extracting(WordScore::word)
          .containsExactly("I", "hate", "my", "boring", "friend", "😡");
      assertThat(explained.get(0).words()).anySatisfy(w -> assertThat(Math.abs(w.score())).isGreaterThan(1e-4));
    }
  }

  @Test
  void baselineExplanationsAreExactLinearContributions() {
    List<String> train = List.of("i hate this", "awful day", "the bus at noon", "a meeting at noon",
        "love it", "great day");
    int[] y = {0, 0, 1, 1, 2, 2};
    var model = BaselineTrainer.fitOne(train, y, TinyBertDirectory.LABELS,
        new TfidfSettings(1, 1, 0, 0, 1, 1.0, false, 0), new LrParams(1.0, Penalty.L2, ClassWeighting.NONE),
        1e-6, 1);
    Predictor p = new Predictor(model, CLEANER);
    Explanation e = p.explain(List.of("I HATE the bus")).get(0);
    assertThat(e.method()).isEqualTo(ExplanationMethod.LINEAR);
    assertThat(e.words()).extracting(WordScore::word).containsExactly("I", "HATE", "the", "bus");
    assertThat(e.words().get(0).score()).as("'I' is no token of the word analyzer").isZero();
    assertThat(e.words().subList(1, 4)).allSatisfy(w -> assertThat(w.score()).isNotZero());
    assertThat(e.top(1).get(0).score()).isEqualTo(
        e.words().stream().mapToDouble(WordScore::score).max().orElseThrow());
  }
}
