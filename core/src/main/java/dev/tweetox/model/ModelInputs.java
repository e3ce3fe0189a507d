package dev.tweetox.model;

import dev.tweetox.data.TextCleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides what text each model type sees. Both share the tweet cleaning; only the baseline may
 * also get the optional stemming and stopword removal, because the transformer's word pieces need whole words.
 */
public final class ModelInputs {
  private ModelInputs() {}

  /**
   * @param kind the model's kind
   * @param cleanedTexts texts already passed through {@link TextCleaner#clean}
   */
  public static List<String> forModel(ModelKind kind, TextCleaner cleaner, List<String> cleanedTexts) {
    if (kind != ModelKind.BASELINE) {
      return cleanedTexts;
    }
    List<String> out = new ArrayList<>(cleanedTexts.size());
    cleanedTexts.forEach(t -> out.add(cleaner.baselineText(t)));
    return out;
  }
}
