package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Cross-entropy as PyTorch defines it, with optional per-class weights (weighted mean over the batch). */
public final class Losses {
  private Losses() {}

  /**
   * @param logits [B, C]
   * @param gold class index per row
   * @param classWeights one weight per class, or null for the plain mean
   */
  public static NDArray crossEntropy(NDManager m, NDArray logits, int[] gold, float[] classWeights) {
    int classes = (int) logits.getShape().get(1);
    NDArray oneHot = m.create(gold).oneHot(classes).toType(DataType.FLOAT32, false);
    NDArray nll = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    if (classWeights == null) {
      return nll.mean();
    }
    float[] w = new float[gold.length];
    float total = 0;
    for (int i = 0; i < gold.length; i++) {
      w[i] = classWeights[gold[i]];
      total += w[i];
    }
    return nll.mul(m.create(w)).sum().div(total);
  }

  /** sklearn's "balanced" weights, {@code n / (classes * count_c)}; classes absent from {@code labels} get 1. */
  public static float[] balancedWeights(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int y : labels) {
      counts[y]++;
    }
    float[] w = new float[classes];
    for (int c = 0; c < classes; c++) {
      w[c] = counts[c] == 0 ? 1f : (float) labels.length / (classes * counts[c]);
    }
    return w;
  }
}
