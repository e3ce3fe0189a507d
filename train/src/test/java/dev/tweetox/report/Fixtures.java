package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import java.util.List;

/** Small hand-checked evaluations shared by the report tests. */
final class Fixtures {
  static final LabelSet ABC = LabelSet.explicit(List.of("a", "b", "c"));

  private Fixtures() {}

  /** Accuracy 0.5; per class (P, R, F1, support): a (1/2, 2/3, 4/7, 3), b (1/2, 1/3, 2/5, 3), c (1/2, 1/2, 1/2, 2). */
  static Evaluation threeClass() {
    int[] gold = {0, 0, 0, 1, 1, 1, 2, 2};
    double[][] probs = {
      {0.7, 0.2, 0.1}, {0.4, 0.5, 0.1}, {0.5, 0.3, 0.2}, {0.1, 0.8, 0.1},
      {0.3, 0.3, 0.4}, {0.6, 0.3, 0.1}, {0.1, 0.2, 0.7}, {0.4, 0.4, 0.2},
    };
    return Evaluation.of(gold, probs, ABC);
  }

  /** All 8 right: accuracy 1. */
  static Evaluation perfect() {
    int[] gold = {0, 0, 0, 1, 1, 1, 2, 2};
    double[][] probs = new double[gold.length][3];
    for (int i = 0; i < gold.length; i++) {
      probs[i][gold[i]] = 0.8;
      probs[i][(gold[i] + 1) % 3] = 0.2;
    }
    return Evaluation.of(gold, probs, ABC);
  }
}
