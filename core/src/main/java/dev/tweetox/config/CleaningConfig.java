package dev.tweetox.config;

/**
 * Tweet cleaning. The defaults keep negations and word forms: the reference notebook stemmed and dropped stopwords,
 * which removed "not", "no" and "never" and cost it many points. Stemming and stopword removal exist only as explicit
 * options, and only the baseline ever sees them; the transformer always gets un-stemmed text.
 *
 * @param conflicts what to do with one text seen under different labels; null means {@code drop}
 * @param emojiToWords emoji become their Unicode CLDR names and common emoticons become words ({@link #LEGACY_EMOJI}
 *     for configs saved before this key existed)
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
    ConflictPolicy conflicts,
    boolean emojiToWords) {

  /**
   * {@code emojiToWords} for a saved config without the key: models trained before it existed saw emoji as they
   * were, so their runs and bundles must keep cleaning that way.
   */
  public static final boolean LEGACY_EMOJI = false;

  public CleaningConfig {
    conflicts = conflicts == null ? ConflictPolicy.DROP : conflicts;
  }

  /** The same text cleaning, but no row is dropped for being a duplicate or having conflicting labels. */
  public CleaningConfig keepingAllRows() {
    return new CleaningConfig(unescapeHtml, urls, mentions, hashtags, controlChars, collapseWhitespace, capElongation,
        lowercase, stem, removeStopwords, false, ConflictPolicy.KEEP, emojiToWords);
  }

  public static CleaningConfig defaults() {
    return new CleaningConfig(true, true, true, true, true, true, true, false, false, false, true,
        ConflictPolicy.DROP, true);
  }
}
