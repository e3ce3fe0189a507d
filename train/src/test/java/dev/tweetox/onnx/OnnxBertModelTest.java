package dev.tweetox.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;
import dev.tweetox.transformer.pretrained.BertWeights;
import dev.tweetox.transformer.training.ClassifierFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxBertModelTest {
  @TempDir static Path tmp;
  static Path dir;
  static List<String> texts;
  static EncodedBatch batch;
  static float[][] djlLogits;

  @BeforeAll
  static void setUp() {
    dir = TinyClassifier.write(tmp.resolve("bert"), 11);
    // one text per distinct token length, plus the same texts' prefixes, so padding varies a lot in one batch
    WordPieceTokenizer tok = new WordPieceTokenizer(TinyClassifier.VOCAB);
    java.util.Map<Integer, String> byLength = new java.util.TreeMap<>();
    for (String t : TinyClassifier.texts()) {
      byLength.putIfAbsent(tok.encode(t, TinyClassifier.MAX_LENGTH).length(), t);
    }
    texts = new ArrayList<>(byLength.values());
    texts.add("good");
    texts.add("");
    batch = new WordPieceTokenizer(TinyClassifier.VOCAB).encodeBatch(texts, TinyClassifier.MAX_LENGTH);
    djlLogits = djlLogits(dir, batch);
  }

  static float[][] djlLogits(Path dir, EncodedBatch batch) {
    HfBertDirectory.Contents c = HfBertDirectory.read(dir);
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(c.config(), m);
      BertWeights.load(model.namedParameters(), c.tensors()).requireLoaded(List.of());
      float[] flat = model.forward(new ParameterStore(m, false), BertInputs.of(m, batch), false)
          .singletonOrThrow().toFloatArray();
      float[][] out = new float[batch.batchSize()][3];
      for (int b = 0; b < out.length; b++) {
        System.arraycopy(flat, 3 * b, out[b], 0, 3);
      }
      return out;
    }
  }

  /** The engine-free tensor list (used by BertGraph's callers and tests) is exactly what the DJL model holds. */
  @Test
  void djlParametersAreTheHuggingFaceTensorsOfTheConfig() {
    Map<String, List<Long>> djl = new TreeMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      ClassifierFactory.create(TinyClassifier.config(), m).namedParameters().forEach((name, p) ->
          djl.put(name, Arrays.stream(p.getArray().getShape().getShape()).boxed().toList()));
    }
    Map<String, List<Long>> expected = new TreeMap<>();
    TinyClassifier.config().tensorShapes().forEach((name, shape) ->
        expected.put(name, Arrays.stream(shape).boxed().toList()));
    assertThat(djl).isEqualTo(expected);
  }

  @Test
  void float32LogitsEqualTheDjlModelOnAPaddedBatch() {
    // the batch really is padded: lengths vary
    assertThat(java.util.Arrays.stream(batch.lengths()).distinct().count()).isGreaterThanOrEqualTo(4);
    try (OnnxBertModel onnx = OnnxBertModel.load(dir, false)) {
      float[][] logits = onnx.logits(batch);
      for (int b = 0; b < logits.length; b++) {
        assertThat(logits[b]).containsExactly(djlLogits[b], within(1e-4f));
      }
      // logits that differ between texts, so the comparison is not trivially true
      assertThat(Math.abs(djlLogits[0][0] - djlLogits[1][0])).isGreaterThan(0.05f);
      assertThat(onnx.labels()).isEqualTo(TinyClassifier.LABELS);
      assertThat(onnx.maxLength()).isEqualTo(TinyClassifier.MAX_LENGTH);
      assertThat(onnx.int8()).isFalse();

      // probabilities equal TransformerModel's, in input order, through both models' batching
      List<String> all = TinyClassifier.texts();
      double[][] onnxProba = onnx.predictProba(all);
      try (TransformerModel djl = TransformerModel.load(dir, 7)) {
        double[][] djlProba = djl.predictProba(all);
        for (int i = 0; i < all.size(); i++) {
          assertThat(onnxProba[i]).containsExactly(djlProba[i], within(1e-5));
        }
      }
    }
  }

  @Test
  void int8LogitsStayCloseAndMostlyAgreeOnTheLabel() {
    try (OnnxBertModel int8 = OnnxBertModel.load(dir, true)) {
      assertThat(int8.int8()).isTrue();
      float[][] logits = int8.logits(batch);
      int agree = 0;
      double maxDiff = 0;
      for (int b = 0; b < logits.length; b++) {
        for (int k = 0; k < 3; k++) {
          maxDiff = Math.max(maxDiff, Math.abs(logits[b][k] - djlLogits[b][k]));
        }
        agree += argmax(logits[b]) == argmax(djlLogits[b]) ? 1 : 0;
      }
      assertThat(maxDiff).isGreaterThan(0).isLessThan(0.15);
      assertThat(agree).isGreaterThanOrEqualTo(logits.length - 1);
    }
  }

  @Test
  void int8FromTheWrittenFileEqualsQuantizingOnLoad(@TempDir Path other) throws Exception {
    Path copy = other.resolve("bert");
    Files.createDirectories(copy);
    for (String f : List.of(HfBertDirectory.CONFIG, HfBertDirectory.VOCAB, HfBertDirectory.WEIGHTS)) {
      Files.copy(dir.resolve(f), copy.resolve(f));
    }
    Int8Weights.write(copy, copy.resolve(Int8Weights.FILE));
    try (OnnxBertModel onLoad = OnnxBertModel.load(dir, true);
        OnnxBertModel fromFile = OnnxBertModel.load(copy, true)) {
      float[][] a = onLoad.logits(batch);
      float[][] b = fromFile.logits(batch);
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).containsExactly(a[i]);
      }
    }
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAndCloseIsFinal() throws Exception {
    OnnxBertModel model = OnnxBertModel.load(dir, true, 4, 1);
    List<String> all = TinyClassifier.texts();
    double[][] expected = model.predictProba(all);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[][]>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> model.predictProba(all)));
      }
      for (Future<double[][]> f : runs) {
        assertThat(f.get()).isDeepEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
    model.close();
    model.close();
    assertThatThrownBy(() -> model.predictProba(all)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void graphsUseInt8OperatorsForEveryLinearAndSerialiseDeterministically() {
    HfBertDirectory.Contents c = HfBertDirectory.read(dir);
    OnnxGraph fp32 = BertGraph.fp32(c.config(), c.tensors());
    OnnxGraph int8 = BertGraph.int8(c.config(), Int8Weights.quantize(c.tensors(), java.util.Map.of()));
    // 6 Linear layers per encoder layer, plus pooler and classifier; the feed-forward output stays float
    assertThat(count(int8, "DynamicQuantizeMatMul")).isEqualTo(2 * 5 + 2);
    assertThat(count(int8, "MatMul")).isEqualTo(2 * 2 + 2); // attention products and feed-forward outputs
    assertThat(int8.nodes().stream().filter(n -> n.op().equals("MatMul")).flatMap(n -> n.inputs().stream())
        .filter(i -> i.endsWith("_dequantized_t")).toList()).containsExactly(
            "bert.encoder.layer.0.output.dense.weight_dequantized_t",
            "bert.encoder.layer.1.output.dense.weight_dequantized_t");
    assertThat(count(fp32, "MatMul")).isEqualTo(2 * 6 + 2 + 2 * 2);
    assertThat(count(fp32, "DynamicQuantizeMatMul")).isZero();
    assertThat(count(fp32, "Erf")).isEqualTo(2);
    assertThat(count(fp32, "LayerNormalization")).isEqualTo(1 + 2 * 2);

    byte[] once = fp32.model(BertGraph.OPSETS, "tweetox").toByteArray();
    byte[] again = BertGraph.fp32(c.config(), c.tensors()).model(BertGraph.OPSETS, "tweetox").toByteArray();
    assertThat(again).isEqualTo(once);
    byte[] q1 = int8.model(BertGraph.OPSETS, "tweetox").toByteArray();
    byte[] q2 = BertGraph.int8(c.config(), Int8Weights.quantize(c.tensors(), java.util.Map.of()))
        .model(BertGraph.OPSETS, "tweetox").toByteArray();
    assertThat(q2).isEqualTo(q1);
    // the int8 graph is smaller: its Linear weights take 1 byte instead of 4
    assertThat(q1.length).isLessThan(once.length);
    // ModelProto starts with ir_version = 8 (field 1, varint)
    assertThat(once[0]).isEqualTo((byte) 0x08);
    assertThat(once[1]).isEqualTo((byte) 8);
  }

  @Test
  void explainsDirectoriesItCannotServe(@TempDir Path other) throws Exception {
    Path encoderOnly = dev.tweetox.transformer.training.TinyTraining.writeRandomBert(other.resolve("enc"), 3);
    assertThatThrownBy(() -> OnnxBertModel.load(encoderOnly, false)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("no id2label");
    assertThatThrownBy(() -> OnnxBertModel.load(other.resolve("missing"), true))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("lacks config.json");
  }

  private static long count(OnnxGraph g, String op) {
    return g.nodes().stream().filter(n -> n.op().equals(op)).count();
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
