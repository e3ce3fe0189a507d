package dev.tweetox.explain;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores each raw word of a text by how much it pushed a model towards a class. Thread-safe when the model and
 * scorer are.
 */
public interface Explainer {
  /** How the scores are computed, and so their units. */
  ExplanationMethod method();

  /**
   * The words of each raw text ({@link RawWords}), scored for one class per text.
   *
   * @param classes the class to explain for each text, usually the predicted one
   */
  List<List<WordScore>> explain(List<String> rawTexts, int[] classes);

  /**
   * Exact contributions for the TF-IDF baseline, occlusion for any other model. Occluded texts are scored with
   * {@code scorer}, so they go through the same cleaning (and any calibration) as the model's predictions.
   */
  static Explainer forModel(TextClassifier model, TextCleaner cleaner, RawScorer scorer) {
    if (model instanceof BaselineModel baseline) {
      return new LinearExplainer(baseline, cleaner);
    }
    return new OcclusionExplainer(scorer);
  }

  /** {@link #forModel(TextClassifier, TextCleaner, RawScorer)}, scoring with the cleaner and the model itself. */
  static Explainer forModel(TextClassifier model, TextCleaner cleaner) {
    return forModel(model, cleaner, scorer(model, cleaner));
  }

  /** Raw texts to probabilities: the cleaner, the model's own inputs ({@link ModelInputs}), then the model. */
  static RawScorer scorer(TextClassifier model, TextCleaner cleaner) {
    return raws -> {
      List<String> cleaned = new ArrayList<>(raws.size());
      raws.forEach(t -> cleaned.add(cleaner.clean(t)));
      return model.predictProba(ModelInputs.forModel(model.kind(), cleaner, cleaned));
    };
  }
}
