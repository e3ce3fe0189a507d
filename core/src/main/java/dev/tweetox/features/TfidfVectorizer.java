package dev.tweetox.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Word n-gram TF-IDF and, optionally, character n-gram ({@code char_wb}) TF-IDF, each normalised on its own and
 * stacked side by side: word columns first, then character columns. This matches scikit-learn's
 * {@code hstack} of two {@code TfidfVectorizer}s, so each row has norm sqrt(2) when both blocks see a term.
 *
 * <p>Immutable and thread-safe. Fitting is deterministic: each block's columns are its terms in sorted order.
 */
public final class TfidfVectorizer {
  private final TfidfSettings settings;
  private final TfidfBlock word;
  private final TfidfBlock chars;

  /** Assembles a fitted vectorizer from its blocks, e.g. when loading a saved model. */
  public TfidfVectorizer(TfidfSettings settings, TfidfBlock word, Optional<TfidfBlock> chars) {
    if (chars.isPresent() != settings.charEnabled()) {
      throw new IllegalArgumentException("character block present iff charNgramMax > 0");
    }
    this.settings = settings;
    this.word = word;
    this.chars = chars.orElse(null);
  }

  /** Learns both vocabularies and their idf from {@code texts}. */
  public static TfidfVectorizer fit(TfidfSettings s, List<String> texts) {
    TfidfBlock word = TfidfBlock.fit(new Analyzer.WordNgrams(s.wordNgramMin(), s.wordNgramMax()), texts,
        s.minDf(), s.maxDf(), s.maxFeatures(), s.sublinearTf());
    Optional<TfidfBlock> chars = s.charEnabled()
        ? Optional.of(TfidfBlock.fit(new Analyzer.CharWbNgrams(s.charNgramMin(), s.charNgramMax()), texts,
            s.minDf(), s.maxDf(), s.maxFeatures(), s.sublinearTf()))
        : Optional.empty();
    return new TfidfVectorizer(s, word, chars);
  }

  /** The feature rows of {@code texts}: {@link #featureCount()} columns. */
  public SparseMatrix transform(List<String> texts) {
    SparseMatrix w = word.transform(texts);
    return chars == null ? w : w.hstack(chars.transform(texts));
  }

  public TfidfSettings settings() {
    return settings;
  }

  /** The blocks in column order: word, then character when enabled. */
  public List<TfidfBlock> blocks() {
    List<TfidfBlock> b = new ArrayList<>(2);
    b.add(word);
    if (chars != null) {
      b.add(chars);
    }
    return List.copyOf(b);
  }

  public TfidfBlock wordBlock() {
    return word;
  }

  public Optional<TfidfBlock> charBlock() {
    return Optional.ofNullable(chars);
  }

  public int featureCount() {
    return word.size() + (chars == null ? 0 : chars.size());
  }
}
