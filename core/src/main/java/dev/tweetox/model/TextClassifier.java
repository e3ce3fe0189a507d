package dev.tweetox.model;

import dev.tweetox.data.LabelSet;
import java.util.List;

/**
 * A trained model that maps cleaned texts to class probabilities. Every model kind implements it, so evaluation,
 * prediction and serving never depend on which one they hold.
 */
public interface TextClassifier {
  /** The classes, in the order of the probability columns. */
  LabelSet labels();

  /**
   * Class probabilities for each text; each row sums to 1.
   *
   * @param cleanedTexts texts already passed through the training-time cleaner
   */
  double[][] predictProba(List<String> cleanedTexts);

  /** Which kind of model this is; its key names it in metrics.json, reports and bundles. */
  ModelKind kind();

  /**
   * Frees the model's native memory if it holds any (a model on ONNX Runtime does; the baseline does not). A checked
   * exception from closing becomes an {@link IllegalStateException} naming the model.
   */
  static void closeIfNeeded(TextClassifier model) {
    if (model instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("could not close the " + model.kind() + " model", e);
      }
    }
  }
}
