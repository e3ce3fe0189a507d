package dev.tweetox.bert.tokenizer;

/**
 * One encoded text, unpadded: {@code [CLS] pieces... [SEP]} ids, segment (token type) ids, and whether the text
 * was cut to fit the maximum length.
 */
public record Encoding(int[] ids, int[] typeIds, boolean truncated) {
  public int length() {
    return ids.length;
  }
}
