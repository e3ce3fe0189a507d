package dev.tweetox.explain;

/**
 * One word of a raw text and how much it pushed the model towards the explained class.
 *
 * @param word the raw characters {@code text.substring(start, end)}, before any cleaning
 * @param start offset of the first character in the raw text (UTF-16 units, as Java and JavaScript index strings)
 * @param end one past the last character
 * @param score positive supports the class, negative speaks against it; units depend on the
 *     {@link ExplanationMethod}
 */
public record WordScore(String word, int start, int end, double score) {
  public WordScore {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for '" + word + "'");
    }
  }
}
