package dev.tweetox.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.data.LabelSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorAnalysisTest {
  static final LabelSet LABELS = LabelSet.sentiment();

  @Test
  void slicesAreDecidedOnTheRawText() {
    assertThat(Slice.SHORT.contains("one two three four five")).isTrue();
    assertThat(Slice.MEDIUM.contains("one two three four five six")).isTrue();
    assertThat(Slice.LONG.contains("w ".repeat(16))).isTrue();
    assertThat(Slice.MENTION.contains("hi @bob_1")).isTrue();
    assertThat(Slice.MENTION.contains("me@mail.com")).isFalse();
    assertThat(Slice.URL.contains("see HTTPS://x.y")).isTrue();
    assertThat(Slice.URL.contains("www.x.y")).isTrue();
    assertThat(Slice.HASHTAG.contains("so #blessed")).isTrue();
    assertThat(Slice.HASHTAG.contains("&#39;")).isFalse();
    assertThat(Slice.EMOJI.contains("ok 😡")).isTrue();
    assertThat(Slice.EMOJI.contains("ok :)")).isFalse();
    for (String neg : List.of("I do NOT care", "no way", "it isn't", "it isn\u2019t", "you don`t", "i dont know",
        "never")) {
      assertThat(Slice.NEGATION.contains(neg)).as(neg).isTrue();
    }
    for (String pos : List.of("I want it", "nothingness", "know it", "went home", "snot")) {
      assertThat(Slice.NEGATION.contains(pos)).as(pos).isFalse();
    }
    assertThat(Slice.ALL_CAPS.contains("i HATE it")).isTrue();
    assertThat(Slice.ALL_CAPS.contains("I am OK")).isFalse();
  }

  /** Gold negative, neutral, positive rows with chosen probabilities. */
  static Evaluation sample() {
    int[] gold = {0, 0, 0, 0, 1, 1, 2};
    double[][] p = {
      {0.8, 0.1, 0.1}, // right
      {0.2, 0.7, 0.1}, // negative as neutral, 0.7
      {0.1, 0.3, 0.6}, // negative as positive, 0.6
      {0.3, 0.6, 0.1}, // negative as neutral, 0.6
      {0.1, 0.8, 0.1}, // right
      {0.1, 0.1, 0.8}, // neutral as positive, 0.8
      {0.1, 0.1, 0.8}, // right
    };
    return Evaluation.of(gold, p, LABELS);
  }

  @Test
  void mostConfidentMistakesPerTrueClassHighestConfidenceFirst() {
    List<ErrorAnalysis.Mistake> m = ErrorAnalysis.mostConfidentMistakes(sample(), 2);
    assertThat(m).containsExactly(
        new ErrorAnalysis.Mistake(1, 0, 1, 0.7),
        new ErrorAnalysis.Mistake(2, 0, 2, 0.6),
        new ErrorAnalysis.Mistake(5, 1, 2, 0.8));
  }

  @Test
  void confusionsInWordsLargestShareFirstTiesInLabelOrder() {
    assertThat(ErrorAnalysis.confusions(sample(), 10)).containsExactly(
        "50.0% of negative tweets (2 of 4) are labelled neutral",
        "50.0% of neutral tweets (1 of 2) are labelled positive",
        "25.0% of negative tweets (1 of 4) are labelled positive");
  }

  @Test
  void sliceScoresAreTheScoresOfTheRowsInTheSlice() {
    List<String> raw = List.of("@a bad", "@b meh", "x", "y", "@c fine", "z", "w");
    List<ErrorAnalysis.SliceScore> s = ErrorAnalysis.slices(sample(), raw);
    assertThat(s).extracting(ErrorAnalysis.SliceScore::slice).containsExactly(Slice.values());
    ErrorAnalysis.SliceScore mention = s.get(Slice.MENTION.ordinal());
    assertThat(mention.size()).isEqualTo(3);
    assertThat(mention.accuracy()).isEqualTo(2.0 / 3);
    // gold negative, negative, neutral; predicted negative, neutral, neutral: positive never occurs
    assertThat(mention.macroF1()).isEqualTo((2.0 / 3 + 2.0 / 3) / 2);
    assertThat(s.get(Slice.SHORT.ordinal()).size()).isEqualTo(7);
    assertThat(s.get(Slice.URL.ordinal()).size()).isZero();
    assertThat(s.get(Slice.URL.ordinal()).macroF1()).isNaN();
  }
}
