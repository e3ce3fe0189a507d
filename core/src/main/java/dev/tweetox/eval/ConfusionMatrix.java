package dev.tweetox.eval;

import java.util.Arrays;

/** Counts of (gold, predicted) pairs: rows are gold classes, columns predicted classes. Immutable. */
public final class ConfusionMatrix {
  private final int[][] counts;

  ConfusionMatrix(int classes, int[] gold, int[] predicted) {
    counts = new int[classes][classes];
    for (int i = 0; i < gold.length; i++) {
      counts[gold[i]][predicted[i]]++;
    }
  }

  public int size() {
    return counts.length;
  }

  public int count(int gold, int predicted) {
    return counts[gold][predicted];
  }

  /** How many examples have this gold class. */
  public int rowTotal(int gold) {
    return Arrays.stream(counts[gold]).sum();
  }

  /** How many examples were predicted as this class. */
  public int columnTotal(int predicted) {
    int total = 0;
    for (int[] row : counts) {
      total += row[predicted];
    }
    return total;
  }

  /** The cell as a fraction of its gold row (recall-style normalisation); 0 for an empty row. */
  public double rowFraction(int gold, int predicted) {
    int total = rowTotal(gold);
    return total == 0 ? 0.0 : (double) counts[gold][predicted] / total;
  }

  /** A copy of the counts. */
  public int[][] toArray() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix other && Arrays.deepEquals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(counts);
  }
}
