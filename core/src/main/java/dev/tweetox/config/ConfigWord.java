package dev.tweetox.config;

import dev.tweetox.TweetoxException;
import java.util.Arrays;
import java.util.List;

/**
 * A config value from a fixed set of words, such as {@code conflicts: majority}. Config files and the saved
 * {@code config.json} hold the {@link #key()}; Jackson binds it through the enum's {@code fromKey}.
 */
public interface ConfigWord {
  /** The word in config files, e.g. {@code majority}. */
  String key();

  /** The keys of {@code values}, in declaration order, for error messages. */
  static List<String> keys(ConfigWord[] values) {
    return Arrays.stream(values).map(ConfigWord::key).toList();
  }

  /**
   * The value whose key is {@code word}, exactly (case matters).
   *
   * @throws Unknown listing the valid words; {@link ConfigLoader} adds the config key it was read from
   */
  static <E extends ConfigWord> E parse(E[] values, String word) {
    return Arrays.stream(values).filter(v -> v.key().equals(word)).findFirst()
        .orElseThrow(() -> new Unknown(word, keys(values)));
  }

  /** A word that is not one of the valid ones. */
  final class Unknown extends TweetoxException {
    private final String word;
    private final List<String> valid;

    Unknown(String word, List<String> valid) {
      super("'" + word + "' is not one of " + valid);
      this.word = word;
      this.valid = valid;
    }

    /** The message naming the config key, e.g. {@code config data.format: 'xml' is not one of [...]}. */
    public String forKey(String key) {
      return Validation.error(key, "'" + word + "' is not one of " + valid).getMessage();
    }
  }
}
