package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What {@code cleaning.conflicts} does with one text seen under different labels. */
public enum ConflictPolicy implements ConfigWord {
  /** Drop every row of the text. */
  DROP("drop"),
  /** Keep the rows of its most frequent label; drop them all on a tie. */
  MAJORITY("majority"),
  /** Keep every row as is. */
  KEEP("keep");

  private final String key;

  ConflictPolicy(String key) {
    this.key = key;
  }

  @JsonValue
  @Override
  public String key() {
    return key;
  }

  /** The value written {@code key} in a config; the error lists the valid words. */
  @JsonCreator
  public static ConflictPolicy fromKey(String key) {
    return ConfigWord.parse(values(), key);
  }

  @Override
  public String toString() {
    return key;
  }
}
