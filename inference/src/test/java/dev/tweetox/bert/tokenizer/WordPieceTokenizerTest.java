package dev.tweetox.bert.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTokenizerTest {
  private static final Path VOCAB = Path.of("src/test/resources/fixtures/transformer/tiny-vocab.txt");
  private final WordPieceTokenizer tok = new WordPieceTokenizer(Vocabulary.load(VOCAB));

  @Test
  void basicTokenizerCleansLowercasesStripsAccentsAndSplitsPunctuation() {
    BasicTokenizer basic = new BasicTokenizer();
    assertThat(basic.tokenize(" Héllo,\tWORLD!\u0000\u200b ")).containsExactly("hello", ",", "world", "!");
    assertThat(basic.tokenize("naïve café")).containsExactly("naive", "cafe");
    assertThat(basic.tokenize("日本語ok")).containsExactly("日", "本", "語", "ok");
    assertThat(basic.tokenize("don't @user #tag http://t.co"))
        .containsExactly("don", "'", "t", "@", "user", "#", "tag", "http", ":", "/", "/", "t", ".", "co");
    assertThat(basic.tokenize("a\u00a0b\u2014c¿")).containsExactly("a", "b", "\u2014", "c", "¿");
    assertThat(basic.tokenize("\n\r\t ")).isEmpty();
  }

  @Test
  void wordPieceIsGreedyLongestMatchFirst() {
    assertThat(tok.tokenize("unaffable")).containsExactly("un", "##aff", "##able");
    assertThat(tok.tokenize("wanted running")).containsExactly("want", "##ed", "runn", "##ing");
    assertThat(tok.tokenize("soooo")).containsExactly("so", "##o", "##o", "##o");
  }

  @Test
  void unmatchableOrOverlongWordsBecomeOneUnk() {
    assertThat(tok.tokenize("hello unaffablex world")).containsExactly("hello", "[UNK]", "world");
    assertThat(tok.tokenize("great😀 great")).containsExactly("[UNK]", "great");
    // 100 characters still split; 101 do not
    assertThat(tok.tokenize("so" + "o".repeat(98))).hasSize(99).startsWith("so").endsWith("##o");
    assertThat(tok.tokenize("so" + "o".repeat(99))).containsExactly("[UNK]");
  }

  @Test
  void literalSpecialTokensStayWhole() {
    assertThat(tok.tokenize("the [MASK].")).containsExactly("the", "[MASK]", ".");
  }

  @Test
  void encodeAddsClsSepAndTruncates() {
    Encoding e = tok.encode("Hello, World!", 16);
    assertThat(e.ids()).containsExactly(2, 19, 6, 20, 5, 3);
    assertThat(e.typeIds()).containsOnly(0).hasSize(6);
    assertThat(e.truncated()).isFalse();
    Encoding cut = tok.encode("Hello, World!", 4);
    assertThat(cut.ids()).containsExactly(2, 19, 6, 3);
    assertThat(cut.truncated()).isTrue();
    assertThat(tok.encode("", 8).ids()).containsExactly(2, 3);
    assertThatThrownBy(() -> tok.encode("x", 1)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("maxLength is 1");
  }

  @Test
  void batchIsPaddedToItsLongestMember() {
    EncodedBatch b = tok.encodeBatch(List.of("hello", "hello world !", "@user"), 64);
    assertThat(b.batchSize()).isEqualTo(3);
    assertThat(b.seqLength()).isEqualTo(5);
    assertThat(b.lengths()).containsExactly(3, 5, 4);
    assertThat(b.ids()).containsExactly(2, 19, 3, 0, 0, 2, 19, 20, 5, 3, 2, 8, 21, 3, 0);
    assertThat(b.attentionMask()).containsExactly(1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0);
    assertThat(b.typeIds()).containsOnly(0);
  }

  @Test
  void vocabularyErrorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
    Path noSpecials = dir.resolve("vocab.txt");
    Files.writeString(noSpecials, "[PAD]\n[UNK]\nhello\n");
    assertThatThrownBy(() -> Vocabulary.load(noSpecials)).hasMessageContaining(noSpecials.toString())
        .hasMessageContaining("[CLS]");
    Path dup = dir.resolve("dup.txt");
    Files.writeString(dup, "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhi\nhi\n");
    assertThatThrownBy(() -> Vocabulary.load(dup)).hasMessageContaining("line 7").hasMessageContaining("'hi'");
    assertThatThrownBy(() -> Vocabulary.load(dir.resolve("missing.txt"))).hasMessageContaining("does not exist");
  }

  @Test
  void vocabularyRoundTrips(@TempDir Path dir) {
    Vocabulary v = Vocabulary.load(VOCAB);
    v.write(dir.resolve("vocab.txt"));
    assertThat(Vocabulary.load(dir.resolve("vocab.txt")).tokens()).isEqualTo(v.tokens());
  }
}
