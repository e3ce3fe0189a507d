package dev.tweetox.baseline;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import java.util.Arrays;

/**
 * How much each class's errors cost: {@code none} (all 1), {@code balanced} ({@code n / (k * count_c)}, as in
 * scikit-learn), or explicit weights in label-index order such as {@code 1.2:0.8:1.2}. liblinear applies a weight by
 * multiplying C for the examples of that class.
 *
 * @param spec the config spelling, kept verbatim for reports and saved models
 */
public record ClassWeighting(String spec) {
  public static final ClassWeighting NONE = new ClassWeighting("none");
  public static final ClassWeighting BALANCED = new ClassWeighting("balanced");

  public ClassWeighting {
    if (!spec.equals("none") && !spec.equals("balanced") && !spec.matches("\\d+(\\.\\d+)?(:\\d+(\\.\\d+)?)+")) {
      throw new TweetoxException(
          "config baseline.classWeight: '" + spec + "' must be none, balanced or like 1.2:0.8:1.2");
    }
  }

  /**
   * The weight of each class.
   *
   * @param classCounts training examples per class index
   * @throws TweetoxException when explicit weights do not give one weight per class
   */
  public double[] weights(int[] classCounts, LabelSet labels) {
    int k = classCounts.length;
    double[] w = new double[k];
    switch (spec) {
      case "none" -> Arrays.fill(w, 1.0);
      case "balanced" -> {
        long n = 0;
        for (int c : classCounts) {
          n += c;
        }
        for (int i = 0; i < k; i++) {
          w[i] = classCounts[i] == 0 ? 1.0 : (double) n / ((double) k * classCounts[i]);
        }
      }
      default -> {
        String[] parts = spec.split(":");
        if (parts.length != k) {
          throw new TweetoxException("config baseline.classWeight: '" + spec + "' gives " + parts.length
              + " weights but the labels " + labels.names() + " are " + k
              + " classes; give one weight per class in label-index order, or drop it, e.g."
              + " --set baseline.classWeight=none,balanced");
        }
        for (int i = 0; i < k; i++) {
          w[i] = Double.parseDouble(parts[i]);
        }
      }
    }
    return w;
  }

  @Override
  public String toString() {
    return spec;
  }
}
