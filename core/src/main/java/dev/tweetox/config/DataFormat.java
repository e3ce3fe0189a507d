package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How {@code data.format} says to read a data file. */
public enum DataFormat implements ConfigWord {
  /** Detect the layout from the header and the container from the file name. */
  AUTO("auto"),
  /** The reference notebook's export: {@code review,label}. */
  NOTEBOOK("notebook"),
  /** Tweet Sentiment Extraction: {@code textID,text,sentiment}. */
  TSE("tse"),
  /** Comma-separated, columns by name. */
  CSV("csv"),
  /** Tab-separated, columns by name. */
  TSV("tsv"),
  /** One JSON object per line. */
  JSONL("jsonl");

  private final String key;

  DataFormat(String key) {
    this.key = key;
  }

  @JsonValue
  @Override
  public String key() {
    return key;
  }

  /** The value written {@code key} in a config; the error lists the valid words. */
  @JsonCreator
  public static DataFormat fromKey(String key) {
    return ConfigWord.parse(values(), key);
  }

  @Override
  public String toString() {
    return key;
  }
}
