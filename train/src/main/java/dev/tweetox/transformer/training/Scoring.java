package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;

/** Inference over a whole data set in length-sorted batches, with probabilities back in the original order. */
public final class Scoring {
  private Scoring() {}

  /** Softmax probabilities, one row per example in input order; one sub-manager per batch. */
  public static double[][] probabilities(ForwardPath path, int size, int batchSize, NDManager parent) {
    double[][] out = new double[size][];
    for (int[] batch : LengthBatcher.sorted(path.lengths(), batchSize)) {
      try (NDManager m = parent.newSubManager()) {
        NDArray probs = path.logits(m, batch, false).softmax(-1);
        int classes = (int) probs.getShape().get(1);
        float[] flat = probs.toFloatArray();
        for (int b = 0; b < batch.length; b++) {
          double[] row = new double[classes];
          for (int c = 0; c < classes; c++) {
            row[c] = flat[b * classes + c];
          }
          out[batch[b]] = row;
        }
      }
    }
    return out;
  }

  /** Validation metrics and the mean cross-entropy. */
  public static MetricLog.Validation validate(ForwardPath path, int[] gold, LabelSet labels, int batchSize,
      NDManager parent) {
    double[][] probs = probabilities(path, gold.length, batchSize, parent);
    double loss = 0;
    for (int i = 0; i < gold.length; i++) {
      loss -= Math.log(Math.max(probs[i][gold[i]], 1e-12));
    }
    Evaluation e = Evaluation.of(gold, probs, labels);
    return new MetricLog.Validation(loss / gold.length, e.accuracy(), e.macroPrecision(), e.macroRecall(),
        e.macroF1());
  }

}
