package dev.tweetox.features;

import dev.tweetox.config.BaselineConfig;

/**
 * How a {@link TfidfVectorizer} builds its features; the subset of {@link BaselineConfig} that shapes them.
 *
 * @param charNgramMax 0 disables the character block
 * @param maxFeatures per block (as with two scikit-learn vectorizers in a {@code FeatureUnion}); 0 means no limit
 */
public record TfidfSettings(
    int wordNgramMin,
    int wordNgramMax,
    int charNgramMin,
    int charNgramMax,
    int minDf,
    double maxDf,
    boolean sublinearTf,
    int maxFeatures) {

  public TfidfSettings {
    if (wordNgramMin < 1 || wordNgramMax < wordNgramMin) {
      throw new IllegalArgumentException("need 1 <= wordNgramMin <= wordNgramMax");
    }
    if (charNgramMax != 0 && (charNgramMin < 1 || charNgramMax < charNgramMin)) {
      throw new IllegalArgumentException("need 1 <= charNgramMin <= charNgramMax, or charNgramMax 0");
    }
    if (minDf < 1 || !(maxDf > 0 && maxDf <= 1) || maxFeatures < 0) {
      throw new IllegalArgumentException("need minDf >= 1, 0 < maxDf <= 1, maxFeatures >= 0");
    }
  }

  public static TfidfSettings from(BaselineConfig cfg) {
    return new TfidfSettings(cfg.wordNgramMin(), cfg.wordNgramMax(), cfg.charNgramMin(), cfg.charNgramMax(),
        cfg.minDf(), cfg.maxDf(), cfg.sublinearTf(), cfg.maxFeatures());
  }

  public boolean charEnabled() {
    return charNgramMax > 0;
  }
}
