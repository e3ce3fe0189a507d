package dev.tweetox.bert;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.data.LabelSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a fine-tuned directory says about its classifier beyond the weights: the labels (names from config.json's
 * id2label, values from the tweetox safetensors metadata) and the word-piece limit it was trained with. Every engine
 * that runs such a directory (DJL in training, ONNX Runtime for inference) reads it here, so they agree.
 */
public record ClassifierHead(LabelSet labels, int maxLength) {
  static final String META_LABEL_VALUES = "tweetox_label_values";
  static final String META_MAX_LENGTH = "tweetox_max_length";
  /** What a directory without the tweetox metadata (e.g. fine-tuned elsewhere) is assumed to have been trained on. */
  static final int DEFAULT_MAX_LENGTH = 128;

  /** safetensors metadata that lets {@link #of} restore the label values and the training max length. */
  public static Map<String, String> metadata(LabelSet labels, int maxLength, String base) {
    try {
      return Map.of(META_LABEL_VALUES, ConfigLoader.json().writeValueAsString(labels.values()),
          META_MAX_LENGTH, Integer.toString(maxLength), "base", base);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ClassifierHead of(Path dir, HfBertDirectory.Contents c) {
    List<String> names = c.labels().orElseThrow(() -> new TweetoxException("BERT directory " + dir
        + ": config.json has no id2label; it is not a fine-tuned classifier"));
    Map<String, String> meta = c.tensors().metadata();
    List<String> values = names;
    if (meta.containsKey(META_LABEL_VALUES)) {
      try {
        values = ConfigLoader.json().readValue(meta.get(META_LABEL_VALUES), new TypeReference<List<String>>() {});
      } catch (IOException e) {
        throw new TweetoxException("BERT directory " + dir + ": bad " + META_LABEL_VALUES + " metadata in "
            + HfBertDirectory.WEIGHTS + "; re-train or re-export the model", e);
      }
    }
    String v = meta.getOrDefault(META_MAX_LENGTH, Integer.toString(DEFAULT_MAX_LENGTH));
    try {
      return new ClassifierHead(new LabelSet(values, names), Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new TweetoxException("BERT directory " + dir + ": metadata " + META_MAX_LENGTH + " is '" + v
          + "', not an integer; re-train or re-export the model", e);
    }
  }
}
