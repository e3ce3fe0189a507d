package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The distillation loss against values worked out by hand (with Python's math module). */
class DistillationLossTest {
  private static final float[] LOGITS = {2, 0, 1, 0, 1, 0};
  private static final float[][] TEACHER = {{0.5f, 0.25f, 0.25f}, {0.1f, 0.6f, 0.3f}};
  private static final int[] GOLD = {0, 2};

  @Test
  void mixesTemperatureScaledKlAndCrossEntropy() {
    // T = 2: KL(teacher || softmax(logits / 2)) averaged over the 2 rows = 0.0559900; CE(gold) = 0.9795253;
    // 0.5 * 2^2 * 0.0559900 + 0.5 * 0.9795253 = 0.6017426
    assertThat(loss(2, 0.5)).isCloseTo(0.6017426, within(1e-5));
  }

  @Test
  void alphaZeroIsPlainCrossEntropyAndAlphaOneTheScaledKl() {
    assertThat(loss(2, 0)).isCloseTo(0.9795253, within(1e-5));
    assertThat(loss(2, 1)).isCloseTo(4 * 0.0559900, within(1e-5));
  }

  @Test
  void isZeroWhenTheStudentMatchesTheTeacher() {
    float[][] soft = Distillation.softLabels(new float[][] {{2, 0, 1}, {0, 1, 0}}, 3);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(LOGITS, new Shape(2, 3));
      assertThat(Losses.distillation(m, logits, soft, 3, 1, GOLD, null).getFloat()).isCloseTo(0f, within(1e-6f));
    }
  }

  @Test
  void unlabelledRowsLearnFromTheTeacherOnly() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(LOGITS, new Shape(2, 3));
      // CE of row 0 alone: -log softmax([2, 0, 1])[0] = 0.4076059
      assertThat(Losses.distillation(m, logits, TEACHER, 2, 0, new int[] {0, -1}, null).getFloat())
          .isCloseTo(0.4076059f, within(1e-5f));
      assertThat(Losses.crossEntropy(m, logits, new int[] {0, -1}, new float[] {2f, 1f, 1f}).getFloat())
          .isCloseTo(0.4076059f, within(1e-5f));
      // no gold label in the batch: only the soft term is left
      assertThat(Losses.distillation(m, logits, TEACHER, 2, 0.5, new int[] {-1, -1}, null).getFloat())
          .isCloseTo((float) (0.5 * 4 * 0.0559900), within(1e-5f));
    }
    assertThat(Losses.balancedWeights(new int[] {0, 0, 1, -1, -1}, 2)).containsExactly(0.75f, 1.5f);
  }

  @Test
  void softLabelsAreTheSoftmaxAtTheTemperature() {
    float[][] p = Distillation.softLabels(new float[][] {{2, 0, 1}}, 2);
    // softmax([1, 0, 0.5]) = [0.506480, 0.186324, 0.307196]
    assertThat(p[0][0]).isCloseTo(0.506480f, within(1e-6f));
    assertThat(p[0][1]).isCloseTo(0.186324f, within(1e-6f));
    assertThat(p[0][2]).isCloseTo(0.307196f, within(1e-6f));
  }

  private static double loss(double t, double alpha) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(LOGITS, new Shape(2, 3));
      return Losses.distillation(m, logits, TEACHER, t, alpha, GOLD, null).getFloat();
    }
  }
}
