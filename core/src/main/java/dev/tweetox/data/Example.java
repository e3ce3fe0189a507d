package dev.tweetox.data;

import java.util.Objects;

/**
 * One labelled tweet.
 *
 * @param id stable identifier: from the id column, or a hash of the raw text (see {@link TextIds})
 * @param rawText the text as read from the file
 * @param text the cleaned text that models see
 * @param label index into the dataset's {@link LabelSet}
 * @param row 1-based data row in the source file, for error messages
 */
public record Example(String id, String rawText, String text, int label, long row) {
  public Example {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rawText, "rawText");
    Objects.requireNonNull(text, "text");
  }
}
