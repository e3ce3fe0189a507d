package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {
  @Test
  void notebookIntegersMapToFixedSentimentOrder() {
    LabelSet s = LabelSet.infer(List.of("1", "0", "-1", "1"));
    assertThat(s.names()).containsExactly("negative", "neutral", "positive");
    assertThat(s.indexOf("-1", "f")).isZero();
    assertThat(s.indexOf("0", "f")).isEqualTo(1);
    assertThat(s.indexOf("+1", "f")).isEqualTo(2);
    assertThat(s.indexOf("Positive", "f")).isEqualTo(2);
  }

  @Test
  void sentimentWordsInAnyCaseMapToTheSameOrder() {
    LabelSet s = LabelSet.infer(List.of("Positive", "NEGATIVE", "neutral"));
    assertThat(s).isEqualTo(LabelSet.sentiment());
    assertThat(s.indexOf("-1", "f")).isZero();
  }

  @Test
  void otherLabelsAreSortedNumericallyOrByString() {
    assertThat(LabelSet.infer(List.of("10", "2", "-3")).values()).containsExactly("-3", "2", "10");
    assertThat(LabelSet.infer(List.of("offensive", "not-offensive")).values())
        .containsExactly("not-offensive", "offensive");
  }

  @Test
  void explicitOrderWinsAndUnknownValuesAreNamed() {
    LabelSet s = LabelSet.explicit(List.of("toxic", "clean"));
    assertThat(s.indexOf("clean", "x")).isEqualTo(1);
    assertThatThrownBy(() -> s.indexOf("spam", "data.csv row 4"))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("data.csv row 4")
        .hasMessageContaining("'spam'")
        .hasMessageContaining("[toxic, clean]");
  }
}
