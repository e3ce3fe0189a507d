package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Cross-entropy as PyTorch defines it, with optional per-class weights (weighted mean over the batch). */
public final class Losses {
  private Losses() {}

  /**
   * @param logits [B, C]
   * @param gold class index per row; a negative index marks a row without a gold label (a student's unlabelled
   *     tweet), which is left out of the mean; a batch without any labelled row has loss 0
   * @param classWeights one weight per class, or null for the plain mean
   */
  public static NDArray crossEntropy(NDManager m, NDArray logits, int[] gold, float[] classWeights) {
    int classes = (int) logits.getShape().get(1);
    boolean unlabelled = java.util.Arrays.stream(gold).anyMatch(y -> y < 0);
    int[] index = unlabelled ? java.util.Arrays.stream(gold).map(y -> Math.max(y, 0)).toArray() : gold;
    NDArray oneHot = m.create(index).oneHot(classes).toType(DataType.FLOAT32, false);
    NDArray nll = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    if (classWeights == null && !unlabelled) {
      return nll.mean();
    }
    float[] w = new float[gold.length];
    float total = 0;
    for (int i = 0; i < gold.length; i++) {
      w[i] = gold[i] < 0 ? 0 : classWeights == null ? 1 : classWeights[gold[i]];
      total += w[i];
    }
    return nll.mul(m.create(w)).sum().div(Math.max(total, 1e-12f));
  }

  /**
   * Knowledge distillation as Hinton et al. define it: {@code alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha)
   * * CE(gold)}, each a mean over the batch. {@code student_T} is the softmax of {@code logits / T}; the T^2 keeps
   * the soft term's gradients on the scale of the hard term's as T grows. The teacher's entropy is a constant
   * added so the value is the true KL (0 when the student matches the teacher).
   *
   * @param teacherProbs [B][C] the teacher's probabilities at temperature T
   * @param classWeights per-class weights of the hard term, or null
   */
  public static NDArray distillation(NDManager m, NDArray logits, float[][] teacherProbs, double temperature,
      double alpha, int[] gold, float[] classWeights) {
    int rows = teacherProbs.length;
    int classes = (int) logits.getShape().get(1);
    float[] flat = new float[rows * classes];
    double plogp = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < classes; c++) {
        float p = teacherProbs[r][c];
        flat[r * classes + c] = p;
        plogp += p > 0 ? p * Math.log(p) : 0;
      }
    }
    NDArray p = m.create(flat, new ai.djl.ndarray.types.Shape(rows, classes));
    NDArray cross = logits.div((float) temperature).logSoftmax(-1).mul(p).sum().neg();
    NDArray kl = cross.add((float) plogp).div((float) rows);
    NDArray soft = kl.mul((float) (alpha * temperature * temperature));
    if (alpha >= 1) {
      return soft;
    }
    return soft.add(crossEntropy(m, logits, gold, classWeights).mul((float) (1 - alpha)));
  }

  /** sklearn's "balanced" weights, {@code n / (classes * count_c)}; classes absent from {@code labels} get 1. */
  public static float[] balancedWeights(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int y : labels) {
      if (y >= 0) { // unlabelled rows (-1) have no class to weigh
        counts[y]++;
      }
    }
    int labelled = java.util.Arrays.stream(counts).sum();
    float[] w = new float[classes];
    for (int c = 0; c < classes; c++) {
      w[c] = counts[c] == 0 ? 1f : (float) labelled / (classes * counts[c]);
    }
    return w;
  }
}
