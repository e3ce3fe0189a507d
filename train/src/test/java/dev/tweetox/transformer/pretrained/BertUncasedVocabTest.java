package dev.tweetox.transformer.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Known bert-base-uncased tokenizations, against the real vocab.txt from the artifact. */
@Tag("weights")
class BertUncasedVocabTest {
  private static WordPieceTokenizer tok;

  @BeforeAll
  static void load() {
    tok = new WordPieceTokenizer(Vocabulary.load(EasyBertArtifact.vocabFile(EasyBertArtifact.directory())));
  }

  @Test
  void vocabularyHasTheUsualIds() {
    Vocabulary v = tok.vocabulary();
    assertThat(v.size()).isEqualTo(30522);
    assertThat(new int[] {v.padId(), v.unkId(), v.clsId(), v.sepId(), v.maskId()})
        .containsExactly(0, 100, 101, 102, 103);
  }

  @Test
  void knownEncodings() {
    assertThat(tok.encode("Hello, World!", 128).ids()).containsExactly(101, 7592, 1010, 2088, 999, 102);
    assertThat(tok.encode("I don't know", 128).ids()).containsExactly(101, 1045, 2123, 1005, 1056, 2113, 102);
    assertThat(tok.encode("the capital of france is [MASK].", 128).ids())
        .containsExactly(101, 1996, 3007, 1997, 2605, 2003, 103, 1012, 102);
  }

  @Test
  void tweetyInput() {
    assertThat(tok.tokenize("@user soooo good 😀")).containsExactly("@", "user", "soo", "##oo", "good", "[UNK]");
    assertThat(tok.tokenize("https://t.co/x")).containsExactly("https", ":", "/", "/", "t", ".", "co", "/", "x");
    assertThat(tok.tokenize("Café NAÏVE 日本")).containsExactly("cafe", "naive", "日", "本");
  }
}
