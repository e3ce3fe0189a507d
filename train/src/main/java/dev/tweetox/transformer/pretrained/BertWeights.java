package dev.tweetox.transformer.pretrained;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies named tensors into initialised DJL parameters (and back out), matching by Hugging Face name and checking
 * every shape. Names present on one side only are reported, not silently ignored.
 */
public final class BertWeights {
  private BertWeights() {}

  /**
   * What a load did: parameters filled, parameters the source lacked (left at their initial values), source tensors
   * no parameter wanted.
   */
  public record LoadReport(List<String> loaded, List<String> missing, List<String> unused) {
    /** Throws unless every missing parameter starts with one of {@code allowedPrefixes} (e.g. "classifier."). */
    public LoadReport requireLoaded(Collection<String> allowedPrefixes) {
      List<String> bad = missing.stream().filter(n -> allowedPrefixes.stream().noneMatch(n::startsWith)).toList();
      if (!bad.isEmpty()) {
        throw new TweetoxException("Checkpoint lacks " + bad.size() + " BERT weights, e.g. " + bad.get(0)
            + "; it does not match the model's config (check num_hidden_layers, or the names)");
      }
      return this;
    }
  }

  /** Loads every parameter the source has; parameters must already be initialised (block.initialize). */
  public static LoadReport load(Map<String, Parameter> params, TensorSource source) {
    List<String> loaded = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      String name = e.getKey();
      if (!source.names().contains(name)) {
        missing.add(name);
        continue;
      }
      Parameter p = e.getValue();
      if (!p.isInitialized()) {
        throw new IllegalStateException("parameter " + name + " is not initialised; call block.initialize first");
      }
      long[] want = p.getArray().getShape().getShape();
      long[] have = source.shape(name);
      if (!Arrays.equals(want, have)) {
        throw new TweetoxException("Checkpoint tensor " + name + " has shape " + Arrays.toString(have)
            + " but the model expects " + Arrays.toString(want) + "; the config does not match the weights");
      }
      p.getArray().set(source.read(name));
      loaded.add(name);
    }
    Set<String> unused = new LinkedHashSet<>(source.names());
    unused.removeAll(params.keySet());
    return new LoadReport(Collections.unmodifiableList(loaded), Collections.unmodifiableList(missing),
        List.copyOf(unused));
  }

  /** A live view of parameters as a tensor source, e.g. to write them with {@link SafetensorsWriter}. */
  public static TensorSource view(Map<String, Parameter> params) {
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return Collections.unmodifiableSet(params.keySet());
      }

      @Override
      public long[] shape(String name) {
        return array(name).getShape().getShape();
      }

      @Override
      public float[] read(String name) {
        return array(name).toFloatArray();
      }

      private NDArray array(String name) {
        Parameter p = params.get(name);
        if (p == null || !p.isInitialized()) {
          throw new IllegalArgumentException("no initialised parameter " + name);
        }
        return p.getArray();
      }
    };
  }
}
