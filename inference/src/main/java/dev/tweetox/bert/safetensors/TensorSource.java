package dev.tweetox.bert.safetensors;

import java.util.Set;

/**
 * Float32 tensors keyed by Hugging Face BERT names ({@code bert.encoder.layer.0.attention.self.query.weight}),
 * with Linear weights laid out out x in. Implemented over TensorFlow bundles and safetensors files, so the model
 * loader sees one naming scheme.
 */
public interface TensorSource {
  /** Every tensor name, in a stable order. */
  Set<String> names();

  /** The tensor's shape; throws if {@code name} is unknown. */
  long[] shape(String name);

  /** The tensor's values in row-major order; throws if {@code name} is unknown. */
  float[] read(String name);

  /** Number of elements of a shape. */
  static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
