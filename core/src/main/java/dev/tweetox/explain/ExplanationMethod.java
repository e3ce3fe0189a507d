package dev.tweetox.explain;

/** How word scores were computed, and so what their units are. */
public enum ExplanationMethod {
  /**
   * Exact contributions of a linear model: each TF-IDF feature's value times its weight in the explained class's
   * decision function, shared among the words the feature was read from. The scores plus the class's bias sum to
   * that decision function (a logit), exactly.
   */
  LINEAR("linear"),
  /** The explained class's probability minus its probability with the word removed from the raw text. */
  OCCLUSION("occlusion");

  private final String key;

  ExplanationMethod(String key) {
    this.key = key;
  }

  /** The name in JSON and reports. */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return key;
  }
}
