package dev.tweetox.config;

/**
 * Tweet cleaning. The defaults keep negations and word forms: the reference notebook stemmed and dropped stopwords,
 * which removed "not", "no" and "never" and cost it many points. Stemming and stopword removal exist only as explicit
 * options, and only the baseline ever sees them; the transformer always gets un-stemmed text.
 *
 * @param conflicts what to do with one text seen under different labels; null means {@code drop}
 */
public record CleaningConfig(
    boolean unescapeHtml,
    boolean urls,
    boolean mentions,
    boolean hashtags,
    boolean controlChars,
    boolean collapseWhitespace,
    boolean capElongation,
    boolean lowercase,
    boolean stem,
    boolean removeStopwords,
    boolean dropDuplicates,
    ConflictPolicy conflicts) {

  public CleaningConfig {
    conflicts = conflicts == null ? ConflictPolicy.DROP : conflicts;
  }

  /** The same text cleaning, but no row is dropped for being a duplicate or having conflicting labels. */
  public CleaningConfig keepingAllRows() {
    return new CleaningConfig(unescapeHtml, urls, mentions, hashtags, controlChars, collapseWhitespace, capElongation,
        lowercase, stem, removeStopwords, false, ConflictPolicy.KEEP);
  }

  public static CleaningConfig defaults() {
    return new CleaningConfig(true, true, true, true, true, true, true, false, false, false, true,
        ConflictPolicy.DROP);
  }
}
