package dev.tweetox.transformer.training;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a student learns from its teacher besides the gold labels: the teacher's class probabilities at temperature
 * {@code temperature} for every training example (row {@code i} belongs to training example {@code i}), and the
 * weight {@code alpha} of that soft term in {@link Losses#distillation}.
 */
public record Distillation(float[][] teacherProbs, double temperature, double alpha) {
  public Distillation {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
  }

  /** Softmax of {@code logits / temperature} per row, as the teacher's soft labels. */
  public static float[][] softLabels(float[][] logits, double temperature) {
    float[][] out = new float[logits.length][];
    for (int r = 0; r < logits.length; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (float v : logits[r]) {
        max = Math.max(max, v / temperature);
      }
      double sum = 0;
      double[] e = new double[logits[r].length];
      for (int c = 0; c < e.length; c++) {
        e[c] = Math.exp(logits[r][c] / temperature - max);
        sum += e[c];
      }
      out[r] = new float[e.length];
      for (int c = 0; c < e.length; c++) {
        out[r][c] = (float) (e[c] / sum);
      }
    }
    return out;
  }

  /** The rows of the selected training examples, in the selection's order. */
  Distillation subset(int[] rows) {
    float[][] p = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      p[i] = teacherProbs[rows[i]];
    }
    return new Distillation(p, temperature, alpha);
  }

  /** Identifies the soft labels and settings, for the training fingerprint. */
  String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((temperature + "|" + alpha + "|").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (float[] row : teacherProbs) {
        ByteBuffer b = ByteBuffer.allocate(4 * row.length);
        for (float v : row) {
          b.putFloat(v);
        }
        md.update(b.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
