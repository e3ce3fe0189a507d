package dev.tweetox.transformer.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded stratified subsets, for {@code trainFraction}. */
public final class Subsets {
  private Subsets() {}

  /**
   * Indices of about {@code fraction} of each class (at least one per present class), in ascending order;
   * all indices when {@code fraction >= 1}.
   */
  public static int[] stratified(int[] labels, double fraction, long seed) {
    if (fraction >= 1) {
      return java.util.stream.IntStream.range(0, labels.length).toArray();
    }
    int classes = java.util.Arrays.stream(labels).max().orElse(-1) + 1;
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    Random rnd = new Random(seed);
    List<Integer> picked = new ArrayList<>();
    for (List<Integer> members : byClass) {
      if (members.isEmpty()) {
        continue;
      }
      Collections.shuffle(members, rnd);
      int n = Math.max(1, (int) Math.round(members.size() * fraction));
      picked.addAll(members.subList(0, n));
    }
    return picked.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
