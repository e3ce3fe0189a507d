package dev.tweetox.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Assigns examples to k cross-validation folds so each fold keeps the class proportions: each class's examples are
 * shuffled with the seed and dealt round-robin, each class starting where the previous one stopped so fold sizes
 * differ by at most one.
 */
final class StratifiedFolds {
  private StratifiedFolds() {}

  /** The fold (0..k-1) of each example. */
  static int[] assign(int[] labels, int classes, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    int[] fold = new int[labels.length];
    int next = 0;
    for (List<Integer> members : byClass) {
      for (int i = members.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer tmp = members.get(i);
        members.set(i, members.get(j));
        members.set(j, tmp);
      }
      for (int idx : members) {
        fold[idx] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }
}
