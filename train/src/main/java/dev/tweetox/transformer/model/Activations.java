package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/** Element-wise functions BERT needs, written out so their exact definition does not depend on the engine. */
final class Activations {
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);

  private Activations() {}

  /** The exact (erf) GELU of the original BERT: {@code 0.5 x (1 + erf(x / sqrt 2))}, not the tanh approximation. */
  static NDArray gelu(NDArray x) {
    return x.mul(INV_SQRT2).erf().add(1).mul(x).mul(0.5);
  }

  /** Inverted dropout while training; identity otherwise or when {@code p == 0}. */
  static NDArray dropout(NDArray x, float p, boolean training) {
    if (!training || p == 0) {
      return x;
    }
    return Dropout.dropout(x, p, true).singletonOrThrow();
  }
}
