package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import java.util.Locale;

/** Numeric precision of the transformer at inference time. */
public enum Precision {
  /** The fine-tuned float32 weights, run by libtorch through DJL: the outputs training evaluated. */
  FP32,
  /** Per-output-channel int8 weights of the Linear layers, run by ONNX Runtime. */
  INT8;

  /** Parses {@code fp32} or {@code int8}, any case. */
  public static Precision parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TweetoxException("--precision must be fp32 or int8, got '" + s + "'");
    }
  }
}
