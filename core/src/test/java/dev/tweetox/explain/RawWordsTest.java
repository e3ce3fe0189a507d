package dev.tweetox.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawWordsTest {
  @Test
  void wordsAreWhitespaceChunksWithEmojiSplitOffAndOffsetsIntoTheRawText() {
    String raw = " so\thappy😍😍 @bob,\u00A0see http://x.y/z!! ";
    List<WordScore> w = RawWords.of(raw);
    assertThat(w).extracting(WordScore::word)
        .containsExactly("so", "happy", "😍", "😍", "@bob,", "see", "http://x.y/z!!");
    w.forEach(x -> assertThat(raw.substring(x.start(), x.end())).isEqualTo(x.word()));
    assertThat(w.get(2).end() - w.get(2).start()).as("a surrogate pair is two UTF-16 units").isEqualTo(2);
  }

  @Test
  void blankTextHasNoWords() {
    assertThat(RawWords.of("")).isEmpty();
    assertThat(RawWords.of(" \n ")).isEmpty();
  }
}
