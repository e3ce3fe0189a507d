package dev.tweetox.transformer.pretrained;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google BERT TensorFlow checkpoint seen under Hugging Face names: {@code module/bert/encoder/layer_3/output/
 * dense/kernel} becomes {@code bert.encoder.layer.3.output.dense.weight}, transposed from TF's in x out to out x in.
 * Non-float variables and names outside the BERT scheme (e.g. {@code global_step}) are left out.
 */
public final class TfBertTensors implements TensorSource {
  private static final Pattern LAYER = Pattern.compile("layer_(\\d+)");

  private record Mapped(String tfName, boolean transpose, long[] shape) {}

  private final TfBundleReader bundle;
  private final Map<String, Mapped> byHfName;

  public TfBertTensors(TfBundleReader bundle) {
    this.bundle = bundle;
    Map<String, Mapped> map = new LinkedHashMap<>();
    for (TfBundleReader.Entry e : bundle.entries().values()) {
      if (e.dtype() != TfBundleReader.DT_FLOAT) {
        continue;
      }
      Optional<String> hf = hfName(e.name());
      if (hf.isEmpty()) {
        continue;
      }
      boolean transpose = e.name().endsWith("/kernel");
      if (transpose && e.shape().length != 2) {
        throw new TweetoxException("TensorFlow variable " + e.name() + " is a kernel of rank " + e.shape().length
            + ", expected 2; this is not a BERT checkpoint");
      }
      long[] shape = transpose ? new long[] {e.shape()[1], e.shape()[0]} : e.shape();
      map.put(hf.get(), new Mapped(e.name(), transpose, shape));
    }
    this.byHfName = Collections.unmodifiableMap(map);
  }

  /** The Hugging Face name of a TF BERT variable, if it is one. */
  static Optional<String> hfName(String tfName) {
    String n = tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
    if (!n.startsWith("bert/") && !n.startsWith("cls/")) {
      return Optional.empty();
    }
    Matcher m = LAYER.matcher(n);
    n = m.replaceAll("layer.$1").replace('/', '.');
    if (n.endsWith("_embeddings")) {
      return Optional.of(n + ".weight");
    }
    if (n.equals("cls.predictions.output_bias")) {
      return Optional.of("cls.predictions.bias");
    }
    if (n.equals("cls.seq_relationship.output_weights")) {
      return Optional.of("cls.seq_relationship.weight");
    }
    if (n.equals("cls.seq_relationship.output_bias")) {
      return Optional.of("cls.seq_relationship.bias");
    }
    int dot = n.lastIndexOf('.');
    String stem = n.substring(0, dot);
    return switch (n.substring(dot + 1)) {
      case "kernel", "gamma" -> Optional.of(stem + ".weight");
      case "bias", "beta" -> Optional.of(stem + ".bias");
      default -> Optional.empty();
    };
  }

  @Override
  public Set<String> names() {
    return byHfName.keySet();
  }

  @Override
  public long[] shape(String name) {
    return mapped(name).shape().clone();
  }

  @Override
  public float[] read(String name) {
    Mapped m = mapped(name);
    float[] raw = bundle.readFloats(m.tfName());
    if (!m.transpose()) {
      return raw;
    }
    int rows = (int) m.shape()[1]; // TF in
    int cols = (int) m.shape()[0]; // TF out
    float[] t = new float[raw.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = raw[i * cols + j];
      }
    }
    return t;
  }

  /** The TF variable behind a Hugging Face name, for diagnostics. */
  public String tfName(String hfName) {
    return mapped(hfName).tfName();
  }

  private Mapped mapped(String name) {
    Mapped m = byHfName.get(name);
    if (m == null) {
      throw new TweetoxException("TensorFlow BERT checkpoint has no tensor that maps to " + name);
    }
    return m;
  }
}
