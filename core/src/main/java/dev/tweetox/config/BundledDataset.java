package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The data sets shipped with tweetox, named by {@code data.dataset} when {@code data.path} is empty. */
public enum BundledDataset implements ConfigWord {
  /** Tweet Sentiment Extraction (negative, neutral, positive); split freshly by each run. */
  TWEET_SENTIMENT("tweet-sentiment"),
  /** TweetEval offensive, with its published train, validation and test files. */
  TWEETEVAL_OFFENSIVE("tweeteval-offensive");

  private final String key;

  BundledDataset(String key) {
    this.key = key;
  }

  @JsonValue
  @Override
  public String key() {
    return key;
  }

  /** The value written {@code key} in a config; the error lists the valid words. */
  @JsonCreator
  public static BundledDataset fromKey(String key) {
    return ConfigWord.parse(values(), key);
  }

  @Override
  public String toString() {
    return key;
  }
}
