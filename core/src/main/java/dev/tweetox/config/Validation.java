package dev.tweetox.config;

import dev.tweetox.TweetoxException;
import java.util.Collection;

/** Checks shared by the config records; every message names the config key. */
final class Validation {
  private Validation() {}

  static TweetoxException error(String key, String problem) {
    return new TweetoxException("config " + key + ": " + problem);
  }

  static void oneOf(String key, String value, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      throw error(key, "'" + value + "' is not one of " + allowed);
    }
  }

  static void inRange(String key, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw error(key, value + " is outside [" + lo + ", " + hi + "]");
    }
  }

  static void positive(String key, double value) {
    if (!(value > 0)) {
      throw error(key, "must be above 0, got " + value);
    }
  }

  static void nonEmpty(String key, Collection<?> values) {
    if (values == null || values.isEmpty()) {
      throw error(key, "must list at least one value");
    }
  }
}
