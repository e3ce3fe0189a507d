package dev.tweetox.transformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantBenchTest {
  @Test
  void tableReportsRatiosAgainstOnnxFloat32() {
    double[][] fp = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.3, 0.7}};
    double[][] q = {{0.8, 0.2}, {0.3, 0.7}, {0.4, 0.6}, {0.3, 0.7}};
    List<QuantBench.Measurement> rows = List.of(
        new QuantBench.Measurement("ORT fp32", 0.80, 0.81, 400_000_000L, 50, 20, fp),
        new QuantBench.Measurement("ORT int8", 0.79, 0.80, 100_000_000L, 100, 50, q));
    String t = QuantBench.table(rows, 32);
    assertThat(t).contains("ORT int8     0.7900    0.8000      100.0        100.0         50.0      75.00%");
    assertThat(t).contains("int8 vs ORT fp32: macro-F1 -0.0100, size x0.250, speed x2.00 (batch 32) x2.50 (batch 1),"
        + " max |p diff| 0.2000");
    assertThat(QuantBench.agreement(fp, fp)).isEqualTo(1.0);
  }

  @Test
  void comparisonPutsEachLaterModelAgainstTheFirstEngineByEngine() {
    double[][] p = {{0.9, 0.1}};
    List<QuantBench.Measurement> teacher = List.of(
        new QuantBench.Measurement("ORT fp32", 0.78, 0.78, 400_000_000L, 40, 10, p),
        new QuantBench.Measurement("ORT int8", 0.77, 0.77, 100_000_000L, 80, 20, p));
    List<QuantBench.Measurement> student = List.of(
        new QuantBench.Measurement("ORT fp32", 0.76, 0.76, 80_000_000L, 240, 50, p),
        new QuantBench.Measurement("ORT int8", 0.75, 0.75, 20_000_000L, 400, 90, p));
    String t = QuantBench.comparison(List.of("transformer", "student"), List.of(teacher, student), 32);
    assertThat(t).contains("against transformer")
        .contains("student ORT fp32             -0.0200    0.200x        6.00x      5.00x")
        .contains("student ORT int8             -0.0200    0.200x        5.00x      4.50x");
    assertThat(QuantBenchRun.label(java.nio.file.Path.of("runs/x/student/model"))).isEqualTo("student");
    assertThat(QuantBenchRun.label(java.nio.file.Path.of("bundles/teacher"))).isEqualTo("teacher");
  }

  @Test
  void standInHeadSeparatesSeparableClasses() {
    // three clusters along different axes, offset so standardisation matters
    float[][] x = new float[30][];
    int[] y = new int[30];
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 30; i++) {
      y[i] = i % 3;
      x[i] = new float[] {5 + (float) rnd.nextGaussian() * 0.1f, 0, 0, 0};
      x[i][1 + y[i]] += 1;
    }
    float[][] wb = StandInModel.fitSoftmax(x, y, 3);
    for (int i = 0; i < 30; i++) {
      double[] logits = new double[3];
      for (int c = 0; c < 3; c++) {
        logits[c] = wb[1][c];
        for (int h = 0; h < 4; h++) {
          logits[c] += wb[0][c * 4 + h] * x[i][h];
        }
      }
      assertThat(dev.tweetox.eval.Evaluation.argmax(logits)).isEqualTo(y[i]);
    }
  }
}
