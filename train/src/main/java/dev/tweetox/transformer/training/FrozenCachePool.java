package dev.tweetox.transformer.training;

import dev.tweetox.bert.tokenizer.TokenizedSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Frozen-layer caches kept between trainings in one process. Hyperparameter trials that share the frozen part
 * (weights, number of frozen layers, cache precision) and the same token ids reuse its output instead of
 * recomputing it, which is minutes per trial on a CPU. A cache is immutable once built, so sharing it is safe.
 * Only the {@code capacity} most recently used caches are kept, to bound the heap.
 */
public final class FrozenCachePool {
  private final int capacity;
  private final Map<String, FrozenCache> entries = new LinkedHashMap<>(8, 0.75f, true);
  private int hits;

  public FrozenCachePool(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** The cache stored under {@code key}, building (and keeping) it when absent. */
  synchronized FrozenCache get(String key, Supplier<FrozenCache> build) {
    FrozenCache c = entries.get(key);
    if (c != null) {
      hits++;
      return c;
    }
    c = build.get();
    entries.put(key, c);
    var it = entries.keySet().iterator();
    while (entries.size() > capacity) {
      it.next();
      it.remove();
    }
    return c;
  }

  /** How many times a stored cache was reused. */
  public synchronized int hits() {
    return hits;
  }

  /** What a cache depends on: the weights, the frozen layer count, the precision and every example's ids. */
  static String key(String weights, int layers, FrozenCache.Precision precision, TokenizedSet data) {
    return HexFormat.of().formatHex(FrozenCacheFile.key(weights, layers, 0, precision, data));
  }
}
