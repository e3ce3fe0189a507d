package dev.tweetox.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {
  private static final List<String> DOCS = List.of("aa bb", "aa cc", "aa bb bb bb");
  private static final Analyzer WORDS = new Analyzer.WordNgrams(1, 1);

  @Test
  void vocabularyIsSortedAndIdfIsSmoothed() {
    TfidfBlock b = TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 0, false);
    assertThat(b.terms()).containsExactly("aa", "bb", "cc");
    // N = 3; df = 3, 2, 1
    assertThat(b.idf()[0]).isEqualTo(1.0);
    assertThat(b.idf()[1]).isCloseTo(Math.log(4.0 / 3.0) + 1, within(1e-15));
    assertThat(b.idf()[2]).isCloseTo(Math.log(2.0) + 1, within(1e-15));
  }

  @Test
  void rawTfRowsAreL2Normalised() {
    TfidfBlock b = TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 0, false);
    SparseMatrix x = b.transform(List.of("aa bb bb bb"));
    double bb = 3 * (Math.log(4.0 / 3.0) + 1);
    double norm = Math.sqrt(1 + bb * bb);
    assertThat(x.get(0, 0)).isCloseTo(1 / norm, within(1e-12));
    assertThat(x.get(0, 1)).isCloseTo(bb / norm, within(1e-12));
    assertThat(x.get(0, 2)).isZero();
    assertThat(x.rowNorm(0)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void sublinearTfIsOnePlusLogCount() {
    TfidfBlock b = TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 0, true);
    SparseMatrix x = b.transform(List.of("aa bb bb bb"));
    double bb = (1 + Math.log(3)) * (Math.log(4.0 / 3.0) + 1);
    double norm = Math.sqrt(1 + bb * bb);
    assertThat(x.get(0, 1)).isCloseTo(bb / norm, within(1e-12));
  }

  @Test
  void unknownTermsAreIgnoredAndEmptyRowsStayZero() {
    TfidfBlock b = TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 0, false);
    SparseMatrix x = b.transform(List.of("zz yy", "", "cc zz"));
    assertThat(x.rows()).isEqualTo(3);
    assertThat(x.rowEnd(0) - x.rowStart(0)).isZero();
    assertThat(x.rowEnd(1) - x.rowStart(1)).isZero();
    assertThat(x.get(2, 2)).isEqualTo(1.0);
    assertThat(x.nnz()).isEqualTo(1);
  }

  @Test
  void minDfAndMaxDfPruneByDocumentCount() {
    assertThat(TfidfBlock.fit(WORDS, DOCS, 2, 1.0, 0, false).terms()).containsExactly("aa", "bb");
    // 0.9 * 3 docs = 2.7: "aa" (in all 3) goes
    assertThat(TfidfBlock.fit(WORDS, DOCS, 1, 0.9, 0, false).terms()).containsExactly("bb", "cc");
    // idf still uses every training document
    assertThat(TfidfBlock.fit(WORDS, DOCS, 2, 1.0, 0, false).idf()[1])
        .isCloseTo(Math.log(4.0 / 3.0) + 1, within(1e-15));
  }

  @Test
  void maxFeaturesKeepsTheMostFrequentTermsThenSortsThem() {
    // total counts: aa 3, bb 4, cc 1
    assertThat(TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 1, false).terms()).containsExactly("bb");
    assertThat(TfidfBlock.fit(WORDS, DOCS, 1, 1.0, 2, false).terms()).containsExactly("aa", "bb");
  }

  @Test
  void pruningEverythingIsAnErrorNamingTheSettings() {
    assertThatThrownBy(() -> TfidfBlock.fit(WORDS, DOCS, 5, 1.0, 0, false))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("baseline.minDf=5")
        .hasMessageContaining("lower minDf");
    assertThatThrownBy(() -> TfidfBlock.fit(WORDS, List.of("a", "!"), 1, 1.0, 0, false))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("no terms");
  }

  @Test
  void wordAndCharBlocksAreEachNormalisedThenStacked() {
    TfidfSettings s = new TfidfSettings(1, 2, 2, 3, 1, 1.0, true, 0);
    TfidfVectorizer v = TfidfVectorizer.fit(s, DOCS);
    SparseMatrix x = v.transform(List.of("aa bb", "x"));
    int words = v.wordBlock().size();
    assertThat(v.wordBlock().terms()).containsExactly("aa", "aa bb", "aa cc", "bb", "bb bb", "cc");
    assertThat(v.featureCount()).isEqualTo(words + v.charBlock().orElseThrow().size());
    assertThat(x.cols()).isEqualTo(v.featureCount());
    assertThat(x.rowNorm(0)).isCloseTo(Math.sqrt(2), within(1e-12));
    // the char block's " a" column sits after all word columns
    assertThat(x.get(0, words + v.charBlock().orElseThrow().column(" a"))).isPositive();
    // "x" has no known word or character n-gram
    assertThat(x.rowNorm(1)).isZero();
  }

  @Test
  void charBlockCanBeDisabled() {
    TfidfVectorizer v = TfidfVectorizer.fit(new TfidfSettings(1, 1, 0, 0, 1, 1.0, false, 0), DOCS);
    assertThat(v.charBlock()).isEmpty();
    assertThat(v.blocks()).hasSize(1);
    assertThat(v.featureCount()).isEqualTo(3);
  }

  @Test
  void fittingIsDeterministicAndIndependentOfDocumentOrder() {
    List<String> docs = List.of("Good morning world", "bad day", "good good day", "morning coffee is good");
    TfidfSettings s = new TfidfSettings(1, 2, 2, 5, 1, 1.0, true, 0);
    TfidfVectorizer a = TfidfVectorizer.fit(s, docs);
    List<String> shuffled = new ArrayList<>(docs);
    Collections.reverse(shuffled);
    TfidfVectorizer b = TfidfVectorizer.fit(s, shuffled);
    assertThat(b.wordBlock().terms()).isEqualTo(a.wordBlock().terms());
    assertThat(b.charBlock().orElseThrow().terms()).isEqualTo(a.charBlock().orElseThrow().terms());
    assertThat(b.wordBlock().idf()).isEqualTo(a.wordBlock().idf());
    SparseMatrix xa = a.transform(docs);
    SparseMatrix xb = b.transform(docs);
    for (int r = 0; r < docs.size(); r++) {
      for (int c = 0; c < xa.cols(); c++) {
        assertThat(xb.get(r, c)).isEqualTo(xa.get(r, c));
      }
    }
  }
}
