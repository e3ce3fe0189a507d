package dev.tweetox.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  private static List<String> terms(Analyzer a, String doc) {
    List<String> out = new ArrayList<>();
    a.analyze(doc, out::add);
    return out;
  }

  @Test
  void wordNgramsLowercaseDropOneCharTokensAndJoinBigramsWithASpace() {
    Analyzer a = new Analyzer.WordNgrams(1, 2);
    assertThat(terms(a, "Hello, World! a HELLO_x 42"))
        .containsExactly("hello", "world", "hello_x", "42",
            "hello world", "world hello_x", "hello_x 42");
  }

  @Test
  void wordBigramsOnlyWhenMinIsTwo() {
    assertThat(terms(new Analyzer.WordNgrams(2, 2), "aa bb cc")).containsExactly("aa bb", "bb cc");
    assertThat(terms(new Analyzer.WordNgrams(2, 3), "aa")).isEmpty();
  }

  @Test
  void wordTokensAreUnicodeAware() {
    assertThat(terms(new Analyzer.WordNgrams(1, 1), "Café über 😀 naïve"))
        .containsExactly("café", "über", "naïve");
  }

  @Test
  void charWbPadsEachWordAndStopsAtTheWholePaddedWord() {
    Analyzer a = new Analyzer.CharWbNgrams(2, 5);
    // " ab " has 4 characters: every 2- and 3-gram, then the whole padded word once, and nothing longer
    assertThat(terms(a, "AB")).containsExactly(" a", "ab", "b ", " ab", "ab ", " ab ");
    // a one-letter word: " a " is emitted once at n = 3
    assertThat(terms(a, "a")).containsExactly(" a", "a ", " a ");
  }

  @Test
  void charWbSlidesInsideLongerWordsOnly() {
    Analyzer a = new Analyzer.CharWbNgrams(3, 4);
    assertThat(terms(a, "cat  \tx"))
        .containsExactly(" ca", "cat", "at ", " cat", "cat ", " x ");
  }

  @Test
  void charWbShortWordShorterThanMinIsEmittedOnce() {
    // " x " (3 chars) is shorter than n = 4: sklearn emits it whole, once, for the first n only
    assertThat(terms(new Analyzer.CharWbNgrams(4, 5), "x")).containsExactly(" x ");
  }

  @Test
  void charWbCountsCodePointsNotUtf16Units() {
    assertThat(terms(new Analyzer.CharWbNgrams(2, 3), "😀")).containsExactly(" 😀", "😀 ", " 😀 ");
  }

  private static List<String> spans(Analyzer a, String doc) {
    List<String> out = new ArrayList<>();
    a.analyzeSpans(doc, (term, start, end) -> out.add(term + "@" + doc.substring(start, end)));
    return out;
  }

  @Test
  void spansPointAtTheDocumentsOwnCharactersAndNgramsCoverTheirWords() {
    assertThat(spans(new Analyzer.WordNgrams(1, 2), "Hello, World!"))
        .containsExactly("hello@Hello", "world@World", "hello world@Hello, World");
    assertThat(spans(new Analyzer.CharWbNgrams(3, 3), "Hi  yo"))
        .containsExactly(" hi@Hi", "hi @Hi", " yo@yo", "yo @yo");
  }

  @Test
  void spansSurviveLowercasingThatChangesLength() {
    // U+0130 lowercases to two characters; the offsets still index the original text
    String doc = "\u0130stanbul is big";
    assertThat(spans(new Analyzer.WordNgrams(1, 1), doc)).containsExactly(
        "i\u0307stanbul@\u0130stanbul", "is@is", "big@big");
  }
}
