package dev.tweetox.bert.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Length-bucketed batches: shuffle, cut into chunks of {@code chunkBatches} batches, sort each chunk by length,
 * cut it into batches, then shuffle the batch order. Similar lengths share a batch, so padding is small, while
 * the order stays random. Everything derives from {@code seed + epoch}, so a resumed run rebuilds the same order.
 */
public final class LengthBatcher {
  /** Batches per sorted chunk: large enough to pad little, small enough to keep batches varied. */
  public static final int DEFAULT_CHUNK_BATCHES = 50;

  private LengthBatcher() {}

  /** The batches of one epoch; every index 0..lengths.length-1 appears exactly once. */
  public static List<int[]> epoch(int[] lengths, int batchSize, long seed, int epoch, int chunkBatches) {
    if (batchSize < 1 || chunkBatches < 1) {
      throw new IllegalArgumentException("batchSize and chunkBatches must be >= 1");
    }
    Random rnd = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, rnd);
    List<int[]> batches = new ArrayList<>();
    int chunk = batchSize * chunkBatches;
    for (int from = 0; from < order.size(); from += chunk) {
      List<Integer> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + chunk)));
      part.sort(Comparator.comparingInt(i -> lengths[i])); // stable: ties keep the shuffled order
      for (int b = 0; b < part.size(); b += batchSize) {
        batches.add(part.subList(b, Math.min(part.size(), b + batchSize)).stream().mapToInt(Integer::intValue)
            .toArray());
      }
    }
    Collections.shuffle(batches, rnd);
    return batches;
  }

  /** Deterministic batches for inference: sorted by length (longest first), so padding is minimal. */
  public static List<int[]> sorted(int[] lengths, int batchSize) {
    Integer[] idx = new Integer[lengths.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingInt((Integer i) -> -lengths[i]));
    List<int[]> batches = new ArrayList<>();
    for (int b = 0; b < idx.length; b += batchSize) {
      int[] batch = new int[Math.min(batchSize, idx.length - b)];
      for (int j = 0; j < batch.length; j++) {
        batch[j] = idx[b + j];
      }
      batches.add(batch);
    }
    return batches;
  }
}
