package dev.tweetox.transformer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * One AdamW update on a batch: forward in training mode, (weighted) cross-entropy or, for a student, the
 * distillation loss, backward, global-norm clip.
 */
final class BatchStep {
  private final ForwardPath train;
  private final int[] labels;
  private final float[] classWeights;
  private final AdamW optimizer;
  private final double maxGradNorm;
  private final NDManager root;
  private final Distillation distillation;

  /**
   * @param classWeights per-class loss weights, or null for none
   * @param maxGradNorm clip threshold for the global gradient norm; 0 disables
   */
  BatchStep(ForwardPath train, int[] labels, float[] classWeights, AdamW optimizer, double maxGradNorm,
      NDManager root) {
    this(train, labels, classWeights, optimizer, maxGradNorm, root, null);
  }

  /** @param distillation the teacher's soft labels (row per training example) for a student, or null */
  BatchStep(ForwardPath train, int[] labels, float[] classWeights, AdamW optimizer, double maxGradNorm,
      NDManager root, Distillation distillation) {
    this.distillation = distillation;
    this.train = train;
    this.labels = labels;
    this.classWeights = classWeights;
    this.optimizer = optimizer;
    this.maxGradNorm = maxGradNorm;
    this.root = root;
  }

  int[] lengths() {
    return train.lengths();
  }

  /** Updates on the examples at {@code batch} with rate {@code lr}; returns the batch loss. */
  double run(int[] batch, double lr) {
    double loss;
    try (NDManager m = root.newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = train.logits(m, batch, true);
        int[] gold = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
          gold[i] = labels[batch[i]];
        }
        NDArray l;
        if (distillation == null) {
          l = Losses.crossEntropy(m, logits, gold, classWeights);
        } else {
          float[][] soft = new float[batch.length][];
          for (int i = 0; i < batch.length; i++) {
            soft[i] = distillation.teacherProbs()[batch[i]];
          }
          l = Losses.distillation(m, logits, soft, distillation.temperature(), distillation.alpha(), gold,
              classWeights);
        }
        gc.backward(l);
        loss = l.getFloat();
      }
      optimizer.clippedStep(lr, maxGradNorm);
    }
    return loss;
  }
}
