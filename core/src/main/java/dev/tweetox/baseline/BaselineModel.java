package dev.tweetox.baseline;

import dev.tweetox.data.LabelSet;
import dev.tweetox.features.TfidfVectorizer;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained baseline: the TF-IDF vectorizer fitted on the training texts, and the logistic regression on its
 * features. Shipping both together means serving can never use a vocabulary the weights were not trained on.
 * Immutable and thread-safe.
 *
 * <p>Saved as a directory of plain, checksummed files; see {@link BaselineModelFiles} for the format.
 */
public final class BaselineModel implements TextClassifier {
  private final LabelSet labels;
  private final LrParams params;
  private final TfidfVectorizer vectorizer;
  private final LinearModel linear;

  public BaselineModel(LabelSet labels, LrParams params, TfidfVectorizer vectorizer, LinearModel linear) {
    if (linear.features() != vectorizer.featureCount()) {
      throw new IllegalArgumentException(
          "weights cover " + linear.features() + " features, vectorizer makes " + vectorizer.featureCount());
    }
    if (linear.classes() != labels.size()) {
      throw new IllegalArgumentException("weights for " + linear.classes() + " classes, labels " + labels.size());
    }
    this.labels = labels;
    this.params = params;
    this.vectorizer = vectorizer;
    this.linear = linear;
  }

  @Override
  public LabelSet labels() {
    return labels;
  }

  @Override
  public double[][] predictProba(List<String> cleanedTexts) {
    return linear.predictProba(vectorizer.transform(cleanedTexts));
  }

  /** The most probable class index of each text. */
  public int[] predict(List<String> cleanedTexts) {
    return linear.predict(vectorizer.transform(cleanedTexts));
  }

  @Override
  public ModelKind kind() {
    return ModelKind.BASELINE;
  }

  public LrParams params() {
    return params;
  }

  public TfidfVectorizer vectorizer() {
    return vectorizer;
  }

  public LinearModel linear() {
    return linear;
  }

  /** Writes the model into {@code dir} (created if needed); each file is written atomically. */
  public void save(Path dir) {
    BaselineModelFiles.save(this, dir);
  }

  /**
   * Reads a model written by {@link #save}, verifying sizes and checksums.
   *
   * @throws dev.tweetox.TweetoxException naming the file when it is missing, truncated or corrupted
   */
  public static BaselineModel load(Path dir) {
    return BaselineModelFiles.load(dir);
  }
}
