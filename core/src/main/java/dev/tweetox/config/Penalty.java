package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The regulariser of the baseline's logistic regression, as named in {@code baseline.penalty} and saved models. */
public enum Penalty implements ConfigWord {
  /** Sparse weights, like scikit-learn's {@code penalty="l1"}. */
  L1("l1"),
  /** Dense weights, like scikit-learn's {@code penalty="l2"}. */
  L2("l2");

  private final String key;

  Penalty(String key) {
    this.key = key;
  }

  @JsonValue
  @Override
  public String key() {
    return key;
  }

  /** The value written {@code key} in a config or saved model; the error lists the valid words. */
  @JsonCreator
  public static Penalty fromKey(String key) {
    return ConfigWord.parse(values(), key);
  }

  @Override
  public String toString() {
    return key;
  }
}
