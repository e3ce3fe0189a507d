package dev.tweetox.baseline;

import dev.tweetox.config.BaselineConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import java.util.List;

/** Entry points for training the TF-IDF + logistic-regression baseline. */
public final class BaselineTrainer {
  private BaselineTrainer() {}

  /**
   * Grid-searches the config's C x class weight x penalty grid by cross-validated macro-F1 and refits the best on
   * all of {@code texts}.
   *
   * @param texts cleaned training texts
   * @param y the class index (into {@code labels}) of each text
   * @param seed shuffles the folds and seeds the solver; the same seed gives the same result
   */
  public static GridSearchResult train(
      List<String> texts, int[] y, LabelSet labels, BaselineConfig cfg, long seed) {
    return new GridSearch(cfg, seed).run(texts, y, labels);
  }

  /** Fits the vectorizer and one logistic regression on all of {@code texts}, without a search. */
  public static BaselineModel fitOne(List<String> texts, int[] y, LabelSet labels, TfidfSettings settings,
      LrParams params, double tolerance, long seed) {
    TfidfVectorizer vec = TfidfVectorizer.fit(settings, texts);
    LogisticRegression.TrainingData data = LogisticRegression.prepare(vec.transform(texts), y, labels);
    return new BaselineModel(labels, params, vec, LogisticRegression.fit(data, params, tolerance, seed));
  }
}
