package dev.tweetox.onnx;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ONNX graph of a BERT for sequence classification, op for op the computation of our DJL model
 * ({@code BertEmbeddings}, {@code BertLayer}, {@code BertEncoder}, {@code BertClassifier} in inference mode): the
 * same additive mask {@code (mask - 1) * 10000}, the same exact erf GELU, post-LN layers, tanh pooler on token 0.
 *
 * <p>Inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids}: int64 [batch, sequence], both
 * dynamic. Output {@code logits}: float [batch, numLabels]. Opset 17 (LayerNormalization) plus
 * {@code com.microsoft} 1 for the int8 variant, in which the Linear layers (q, k, v, attention output,
 * intermediate, pooler, classifier) are ONNX Runtime's {@code DynamicQuantizeMatMul}: activations quantized to
 * uint8 per tensor at run time, int8 weights with one scale per output channel, int32 accumulation, float bias. The
 * feed-forward down-projections run in float32 on their dequantized int8 weights (see {@link #feedForwardOutput}).
 * Embeddings, attention score products, LayerNorm and softmax stay float32.
 */
final class BertGraph {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  static final String LOGITS = "logits";
  static final Map<String, Integer> OPSETS = opsets();

  private final BertConfig c;
  private final TensorSource floats;
  private final Int8Weights int8; // null for the float32 graph
  private final OnnxGraph g = new OnnxGraph("bert_for_sequence_classification");
  private java.util.function.Predicate<String> floatLayers = p -> false;
  private String one;
  private String half;
  private String invSqrt2;
  private String headsShape;
  private String hiddenShape;
  private String attentionScale;

  private BertGraph(BertConfig c, TensorSource floats, Int8Weights int8) {
    this.c = c;
    this.floats = floats;
    this.int8 = int8;
  }

  /** The float32 graph; tensors are read from {@code weights} only when the model is serialised. */
  static OnnxGraph fp32(BertConfig config, TensorSource weights) {
    return new BertGraph(config, weights, null).build();
  }

  /** The int8 graph: quantized Linear layers from {@code weights}, everything else float32. */
  static OnnxGraph int8(BertConfig config, Int8Weights weights) {
    return int8(config, weights, BertGraph::feedForwardOutput);
  }

  /**
   * The feed-forward down-projections ({@code layer.N.output.dense}) stay float32 MatMuls on their dequantized int8
   * weights: their input is the GELU output, whose outlier channels make per-tensor uint8 activation quantization
   * far too coarse. Measured on BERT-Base (64 test tweets, pooled-output cosine int8 vs float32): every Linear
   * quantized 0.854 (min 0.664); these kept float 0.9975 (min 0.984); weight-only rounding 0.9998. Weights cut
   * to [-63, 63] (the usual cure for uint8 x int8 saturation without VNNI) did not help (0.777): this CPU has
   * AVX512-VNNI, and the loss is the activations' range.
   */
  static boolean feedForwardOutput(String prefix) {
    return FFN_OUTPUT.matcher(prefix).find();
  }

  private static final java.util.regex.Pattern FFN_OUTPUT = java.util.regex.Pattern.compile("layer\\.\\d+\\.output\\.dense\\.$");

  /**
   * As {@link #int8(BertConfig, Int8Weights)}, but Linear layers whose HF prefix matches {@code floatLayers} run as
   * float32 MatMuls on their dequantized weights (weights still int8-rounded, activations not quantized).
   */
  static OnnxGraph int8(BertConfig config, Int8Weights weights, java.util.function.Predicate<String> floatLayers) {
    BertGraph b = new BertGraph(config, weights.floats(), weights);
    b.floatLayers = floatLayers;
    return b.build();
  }

  private static Map<String, Integer> opsets() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("", 17);
    m.put(OnnxGraph.MICROSOFT, 1);
    return java.util.Collections.unmodifiableMap(m);
  }

  private OnnxGraph build() {
    if (c.numLabels() < 1) {
      throw new TweetoxException("BERT config has num_labels " + c.numLabels() + "; only a fine-tuned classifier"
          + " can be exported to ONNX");
    }
    g.input(INPUT_IDS, OnnxGraph.INT64, "batch", "sequence");
    g.input(ATTENTION_MASK, OnnxGraph.INT64, "batch", "sequence");
    g.input(TOKEN_TYPE_IDS, OnnxGraph.INT64, "batch", "sequence");
    one = g.scalar("const_one", 1f);
    half = g.scalar("const_half", 0.5f);
    invSqrt2 = g.scalar("const_inv_sqrt2", (float) (1 / Math.sqrt(2)));
    attentionScale = g.scalar("const_attention_scale", (float) (1 / Math.sqrt(c.headSize())));
    headsShape = g.int64s("const_heads_shape", 0, 0, c.heads(), c.headSize());
    hiddenShape = g.int64s("const_hidden_shape", 0, 0, c.hidden());

    String x = layerNorm(embeddings(), "bert.embeddings.LayerNorm.");
    String maskBias = maskBias();
    for (int i = 0; i < c.layers(); i++) {
      x = layer(x, maskBias, "bert.encoder.layer." + i + ".");
    }
    String first = g.node("Gather", "", Map.of("axis", 1L), x, g.int64Scalar("const_zero", 0));
    String pooled = g.op("Tanh", linear(first, "bert.pooler.dense.", c.hidden(), c.hidden()));
    String logits = linear(pooled, "classifier.", c.hidden(), c.numLabels(), LOGITS);
    g.output(logits, OnnxGraph.FLOAT, "batch", c.numLabels());
    return g;
  }

  /** words + positions + token types, added in that order as BertEmbeddings does. */
  private String embeddings() {
    String words = g.op("Gather", floats("bert.embeddings.word_embeddings.weight", c.vocabSize(), c.hidden()),
        INPUT_IDS);
    String seqLength = g.node("Shape", "", Map.of("start", 1L, "end", 2L), INPUT_IDS);
    String zero = g.int64s("const_zero_1d", 0);
    String positions = g.op("Slice", floats("bert.embeddings.position_embeddings.weight", c.maxPositions(),
        c.hidden()), zero, seqLength, zero);
    String types = g.op("Gather", floats("bert.embeddings.token_type_embeddings.weight", c.typeVocab(),
        c.hidden()), TOKEN_TYPE_IDS);
    return g.op("Add", g.op("Add", words, positions), types);
  }

  /** (mask - 1) * 10000 as [batch, 1, 1, sequence]: 0 on tokens, -10000 on padding keys. */
  private String maskBias() {
    String mask = g.node("Cast", "", Map.of("to", (long) OnnxGraph.FLOAT), ATTENTION_MASK);
    String bias = g.op("Mul", g.op("Sub", mask, one), g.scalar("const_mask_scale", 10000f));
    return g.op("Unsqueeze", bias, g.int64s("const_mask_axes", 1, 2));
  }

  private String layer(String x, String maskBias, String p) {
    int h = c.hidden();
    String q = g.node("Transpose", "", Map.of("perm", new long[] {0, 2, 1, 3}),
        g.op("Reshape", linear(x, p + "attention.self.query.", h, h), headsShape));
    String kT = g.node("Transpose", "", Map.of("perm", new long[] {0, 2, 3, 1}),
        g.op("Reshape", linear(x, p + "attention.self.key.", h, h), headsShape));
    String v = g.node("Transpose", "", Map.of("perm", new long[] {0, 2, 1, 3}),
        g.op("Reshape", linear(x, p + "attention.self.value.", h, h), headsShape));
    String scores = g.op("Add", g.op("Mul", g.op("MatMul", q, kT), attentionScale), maskBias);
    String probs = g.node("Softmax", "", Map.of("axis", -1L), scores);
    String context = g.op("Reshape", g.node("Transpose", "", Map.of("perm", new long[] {0, 2, 1, 3}),
        g.op("MatMul", probs, v)), hiddenShape);
    String a = layerNorm(g.op("Add", x, linear(context, p + "attention.output.dense.", h, h)),
        p + "attention.output.LayerNorm.");
    String inner = linear(a, p + "intermediate.dense.", h, c.intermediate());
    String gelu = g.op("Mul", g.op("Mul", g.op("Add", g.op("Erf", g.op("Mul", inner, invSqrt2)), one), inner), half);
    String ffn = linear(gelu, p + "output.dense.", c.intermediate(), h);
    return layerNorm(g.op("Add", a, ffn), p + "output.LayerNorm.");
  }

  private String layerNorm(String x, String p) {
    return g.node("LayerNormalization", "", Map.of("axis", -1L, "epsilon", c.layerNormEps()), x,
        floats(p + "weight", c.hidden()), floats(p + "bias", c.hidden()));
  }

  private String linear(String x, String p, int in, int out) {
    return linear(x, p, in, out, null);
  }

  /** {@code x W^T + b} for the HF Linear {@code p}: MatMul + Add in float32, DynamicQuantizeMatMul in int8. */
  private String linear(String x, String p, int in, int out, String outputName) {
    String bias = floats(p + "bias", out);
    String weight = p + "weight";
    if (int8 == null) {
      check(weight, floats.shape(weight), out, in);
      String w = g.initializer(weight + "_t", OnnxGraph.FLOAT, new long[] {in, out}, 4L * in * out, b -> {
        float[] values = floats.read(weight);
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            b.putFloat(values[o * in + i]);
          }
        }
      });
      String product = g.op("MatMul", x, w);
      return outputName == null ? g.op("Add", product, bias) : g.named(outputName, "Add", "", Map.of(), product,
          bias);
    }
    Int8Weights.Quantized q = int8.quantized(weight).orElseThrow(() -> new TweetoxException("Int8 weights lack"
        + " the quantized Linear weight " + weight + "; re-export them from the float32 model"));
    check(weight, new long[] {q.rows(), q.cols()}, out, in);
    if (floatLayers.test(p)) {
      float[] deq = q.dequantize();
      String w = g.initializer(weight + "_dequantized_t", OnnxGraph.FLOAT, new long[] {in, out}, 4L * in * out,
          b -> {
            for (int i = 0; i < in; i++) {
              for (int o = 0; o < out; o++) {
                b.putFloat(deq[o * in + i]);
              }
            }
          });
      String product = g.op("MatMul", x, w);
      return outputName == null ? g.op("Add", product, bias) : g.named(outputName, "Add", "", Map.of(), product,
          bias);
    }
    String w = g.initializer(weight + "_int8_t", OnnxGraph.INT8, new long[] {in, out}, (long) in * out, b -> {
      byte[] values = q.values();
      for (int i = 0; i < in; i++) {
        for (int o = 0; o < out; o++) {
          b.put(values[o * in + i]);
        }
      }
    });
    String scale = g.floats(weight + Int8Weights.SCALE_SUFFIX, new long[] {out}, q.scales());
    String[] inputs = {x, w, scale, "", bias};
    return outputName == null ? g.node("DynamicQuantizeMatMul", OnnxGraph.MICROSOFT, Map.of(), inputs)
        : g.named(outputName, "DynamicQuantizeMatMul", OnnxGraph.MICROSOFT, Map.of(), inputs);
  }

  /** A float32 initializer straight from the weights, after checking its shape against the config. */
  private String floats(String name, long... dims) {
    if (!floats.names().contains(name)) {
      throw new TweetoxException("BERT weights lack " + name + "; the model is not a complete"
          + " BertForSequenceClassification");
    }
    check(name, floats.shape(name), dims);
    long bytes = 4L * TensorSource.elements(dims);
    return g.initializer(name, OnnxGraph.FLOAT, dims, bytes, b -> {
      for (float v : floats.read(name)) {
        b.putFloat(v);
      }
    });
  }

  private static void check(String name, long[] have, long... want) {
    if (!Arrays.equals(have, want)) {
      throw new TweetoxException("BERT weight " + name + " has shape " + Arrays.toString(have) + " but the config"
          + " needs " + Arrays.toString(want) + "; config.json does not match the weights");
    }
  }
}
