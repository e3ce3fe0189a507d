package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Training state held in native arrays, seen as a {@link TensorSource} so checkpoints can write it. */
final class ArrayTensors {
  private ArrayTensors() {}

  /** The arrays under {@code prefix + name}; the map is copied, the arrays are read when written. */
  static TensorSource view(String prefix, Map<String, NDArray> arrays) {
    Map<String, NDArray> all = new LinkedHashMap<>();
    arrays.forEach((k, a) -> all.put(prefix + k, a));
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(all.keySet()));
      }

      @Override
      public long[] shape(String name) {
        return all.get(name).getShape().getShape();
      }

      @Override
      public float[] read(String name) {
        return all.get(name).toFloatArray();
      }
    };
  }

  /** Both sources as one; their names must not overlap. */
  static TensorSource concat(TensorSource a, TensorSource b) {
    Set<String> names = new LinkedHashSet<>(a.names());
    for (String n : b.names()) {
      if (!names.add(n)) {
        throw new IllegalArgumentException("tensor " + n + " is in both sources");
      }
    }
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return Collections.unmodifiableSet(names);
      }

      @Override
      public long[] shape(String name) {
        return a.names().contains(name) ? a.shape(name) : b.shape(name);
      }

      @Override
      public float[] read(String name) {
        return a.names().contains(name) ? a.read(name) : b.read(name);
      }
    };
  }
}
