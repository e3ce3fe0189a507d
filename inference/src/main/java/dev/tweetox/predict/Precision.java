package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import java.util.Locale;

/** Numeric precision of the transformer at inference time. */
public enum Precision {
  /** The fine-tuned float32 weights, run by ONNX Runtime; equal to the training-time outputs to float rounding. */
  FP32,
  /** Per-output-channel int8 weights of the Linear layers, run by ONNX Runtime. */
  INT8;

  /** {@code fp32} or {@code int8}: the word on the command line and in the API. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return key();
  }

  /** Parses {@code fp32} or {@code int8}, any case. */
  public static Precision parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TweetoxException("--precision must be fp32 or int8, got '" + s + "'");
    }
  }
}
