package dev.tweetox.transformer.pretrained;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights of a BERT encoder exported to ONNX, under the Hugging Face names the rest of tweetox uses
 * ({@code bert.encoder.layer.N.attention.self.query.weight}, ...), with the {@link BertConfig} its shapes imply.
 *
 * <p>Exporters keep the names of embeddings, biases and LayerNorms, but store each Linear weight transposed
 * ([in, out], as MatMul wants it) under an anonymous name such as {@code onnx::MatMul_787}. Such a weight is matched
 * through the graph: it is the constant input of a MatMul whose output an Add combines with a named bias
 * {@code <prefix>.bias}, so it is {@code <prefix>.weight}, transposed back to [out, in]. A missing pooler (sentence
 * embedding models drop it) becomes identity weights and zero bias, i.e. {@code tanh} of the [CLS] vector, and is
 * fine-tuned like the rest.
 */
public final class OnnxBertTensors implements TensorSource {
  private static final Pattern LAYER = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d+)\\.");
  private static final String POOLER_WEIGHT = "bert.pooler.dense.weight";
  private static final String POOLER_BIAS = "bert.pooler.dense.bias";

  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Map<String, Supplier<float[]>> readers = new HashMap<>();
  private final String origin;

  private OnnxBertTensors(String origin) {
    this.origin = origin;
  }

  /**
   * @param origin the file or artifact, for error messages
   */
  public static OnnxBertTensors of(OnnxModelFile model, String origin) {
    OnnxBertTensors t = new OnnxBertTensors(origin);
    Map<String, OnnxModelFile.Initializer> inits = model.initializers();
    inits.values().forEach(init -> {
      String hf = hfName(init.name());
      if (hf != null && init.dataType() == OnnxModelFile.FLOAT
          && (hf.endsWith(".weight") || hf.endsWith(".bias"))) {
        t.put(hf, init.dims(), init::floats);
      }
    });
    Map<String, List<OnnxModelFile.Node>> consumers = new HashMap<>();
    for (OnnxModelFile.Node n : model.nodes()) {
      n.inputs().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n));
    }
    for (OnnxModelFile.Node n : model.nodes()) {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2 || n.outputs().isEmpty()) {
        continue;
      }
      OnnxModelFile.Initializer w = inits.get(n.inputs().get(1));
      if (w == null || w.dims().length != 2 || w.dataType() != OnnxModelFile.FLOAT) {
        continue;
      }
      String bias = biasAddedTo(n.outputs().get(0), consumers, inits);
      String hfBias = bias == null ? null : hfName(bias);
      if (hfBias == null) {
        continue;
      }
      String weight = hfBias.substring(0, hfBias.length() - "bias".length()) + "weight";
      long in = w.dims()[0];
      long out = w.dims()[1];
      t.put(weight, new long[] {out, in}, () -> transpose(w.floats(), (int) in, (int) out));
    }
    t.addIdentityPoolerIfMissing();
    return t;
  }

  /**
   * The config these weights imply; the head count and LayerNorm epsilon are not visible in the weights' shapes,
   * so the caller states them (a wrong head count shows as different hidden states, see the import test).
   */
  public BertConfig config(int heads, float layerNormEps) {
    long[] words = require("bert.embeddings.word_embeddings.weight");
    int layers = 0;
    for (String n : shapes.keySet()) {
      Matcher m = LAYER.matcher(n);
      if (m.find()) {
        layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
      }
    }
    if (layers == 0) {
      throw new TweetoxException(origin + " holds no encoder layers (no bert.encoder.layer.N.* weights found);"
          + " it is not a BERT export");
    }
    BertConfig c = new BertConfig((int) words[0], (int) words[1], layers, heads,
        (int) require("bert.encoder.layer.0.intermediate.dense.bias")[0],
        (int) require("bert.embeddings.position_embeddings.weight")[0],
        (int) require("bert.embeddings.token_type_embeddings.weight")[0], layerNormEps, 0.1f, 0.1f, 0);
    List<String> wrong = new ArrayList<>();
    c.tensorShapes().forEach((name, shape) -> {
      if (!shapes.containsKey(name)) {
        wrong.add(name + " (missing)");
      } else if (!Arrays.equals(shapes.get(name), shape)) {
        wrong.add(name + " " + Arrays.toString(shapes.get(name)) + " instead of " + Arrays.toString(shape));
      }
    });
    if (!wrong.isEmpty()) {
      throw new TweetoxException(origin + " does not hold a complete BERT encoder of " + layers + " layers,"
          + " hidden " + c.hidden() + ": " + wrong.subList(0, Math.min(5, wrong.size())) + (wrong.size() > 5
          ? " and " + (wrong.size() - 5) + " more" : "") + "; use a BERT exported with its encoder weights");
    }
    return c;
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(shapes.keySet()));
  }

  @Override
  public long[] shape(String name) {
    return require(name).clone();
  }

  @Override
  public float[] read(String name) {
    require(name);
    return readers.get(name).get();
  }

  private long[] require(String name) {
    long[] s = shapes.get(name);
    if (s == null) {
      throw new TweetoxException(origin + " has no weight " + name + " (matched names: " + shapes.size()
          + "); it is not a BERT export tweetox can read");
    }
    return s;
  }

  private void put(String name, long[] shape, Supplier<float[]> reader) {
    shapes.put(name, shape);
    readers.put(name, reader);
  }

  private void addIdentityPoolerIfMissing() {
    long[] words = shapes.get("bert.embeddings.word_embeddings.weight");
    if (words == null || shapes.containsKey(POOLER_WEIGHT)) {
      return;
    }
    int h = (int) words[1];
    put(POOLER_WEIGHT, new long[] {h, h}, () -> {
      float[] eye = new float[h * h];
      for (int i = 0; i < h; i++) {
        eye[i * h + i] = 1f;
      }
      return eye;
    });
    put(POOLER_BIAS, new long[] {h}, () -> new float[h]);
  }

  /** The named bias an Add node combines with {@code product}, or null. */
  private static String biasAddedTo(String product, Map<String, List<OnnxModelFile.Node>> consumers,
      Map<String, OnnxModelFile.Initializer> inits) {
    for (OnnxModelFile.Node add : consumers.getOrDefault(product, List.of())) {
      if (!add.opType().equals("Add") || add.inputs().size() != 2) {
        continue;
      }
      String other = add.inputs().get(0).equals(product) ? add.inputs().get(1) : add.inputs().get(0);
      OnnxModelFile.Initializer b = inits.get(other);
      if (b != null && b.dims().length == 1 && other.endsWith(".bias")) {
        return other;
      }
    }
    return null;
  }

  /**
   * The Hugging Face name of an exported tensor: BERT's base-model names gain the {@code bert.} prefix that
   * {@code BertModel} exports lack; the classifier keeps its name; anything else is not a BERT weight (null).
   */
  static String hfName(String onnxName) {
    String n = onnxName.startsWith("bert.") ? onnxName.substring("bert.".length()) : onnxName;
    if (n.startsWith("embeddings.") || n.startsWith("encoder.") || n.startsWith("pooler.")) {
      return "bert." + n;
    }
    return n.startsWith("classifier.") ? n : null;
  }

  private static float[] transpose(float[] inOut, int in, int out) {
    float[] t = new float[in * out];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        t[o * in + i] = inOut[i * out + o];
      }
    }
    return t;
  }
}
