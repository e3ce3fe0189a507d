package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;

/**
 * How a batch of examples becomes logits: the whole model on token ids, or only the upper layers on cached
 * frozen-layer outputs. Both give the same logits (up to the cache's precision) when dropout is off.
 */
public interface ForwardPath {
  /** Logits [B, classes] for the examples at {@code indices}, with every array attached to {@code m}. */
  NDArray logits(NDManager m, int[] indices, boolean training);

  /** Token lengths of the examples, for bucketing. */
  int[] lengths();

  static ForwardPath full(BertClassifier model, TokenizedSet data) {
    int[] lengths = data.lengths();
    return new ForwardPath() {
      @Override
      public NDArray logits(NDManager m, int[] indices, boolean training) {
        NDList in = BertInputs.of(m, data.batch(indices));
        return model.forward(new ParameterStore(m, false), in, training).singletonOrThrow();
      }

      @Override
      public int[] lengths() {
        return lengths;
      }
    };
  }

  static ForwardPath cached(BertClassifier model, FrozenCache cache, int[] lengths) {
    return new ForwardPath() {
      @Override
      public NDArray logits(NDManager m, int[] indices, boolean training) {
        NDList hm = cache.batch(m, indices);
        return model.logitsFromHidden(new ParameterStore(m, false), hm.get(0), hm.get(1), cache.layers(), training);
      }

      @Override
      public int[] lengths() {
        return lengths;
      }
    };
  }

  /** The cached path over a selection: example {@code i} of this path is row {@code rows[i]} of the cache. */
  public static ForwardPath cachedSubset(BertClassifier model, FrozenCache cache, int[] rows) {
    int[] lengths = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      lengths[i] = cache.length(rows[i]);
    }
    return new ForwardPath() {
      @Override
      public NDArray logits(NDManager m, int[] indices, boolean training) {
        int[] mapped = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
          mapped[i] = rows[indices[i]];
        }
        NDList hm = cache.batch(m, mapped);
        return model.logitsFromHidden(new ParameterStore(m, false), hm.get(0), hm.get(1), cache.layers(), training);
      }

      @Override
      public int[] lengths() {
        return lengths;
      }
    };
  }
}
