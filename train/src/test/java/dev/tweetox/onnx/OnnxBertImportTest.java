package dev.tweetox.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.TinyBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.transformer.pretrained.OnnxBertTensors;
import dev.tweetox.transformer.pretrained.OnnxModelFile;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ONNX initializer reader and the matching of transposed MatMul weights, on graphs written by the project's own
 * ONNX writer: a whole tiny BERT (every Linear stored transposed under a non-HF name) and a hand-made graph in the
 * layout of a PyTorch export (anonymous {@code onnx::MatMul_N} weights, bias names without the {@code bert.} prefix,
 * no pooler).
 */
class OnnxBertImportTest {
  @Test
  void aWholeBertComesBackUnderHfNamesWithItsConfig() {
    BertConfig config = new BertConfig(40, 24, 3, 4, 48, 20, 2, 1e-12f, 0f, 0f, 3);
    TensorSource original = TinyBertDirectory.tensors(config, 5);
    ByteBuffer model = OnnxBertModel.modelBytes(BertGraph.fp32(config, original));

    OnnxModelFile file = OnnxModelFile.parse(model);
    assertThat(file.nodes()).extracting(OnnxModelFile.Node::opType).contains("MatMul", "Add", "LayerNormalization");
    assertThat(file.initializers()).containsKey("bert.encoder.layer.2.attention.self.key.weight_t");
    OnnxBertTensors imported = OnnxBertTensors.of(file, "tiny.onnx");

    BertConfig read = imported.config(4, 1e-12f);
    assertThat(read.withNumLabels(3).withDropout(0f, 0f)).isEqualTo(config);
    for (Map.Entry<String, long[]> e : config.tensorShapes().entrySet()) {
      assertThat(imported.shape(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(imported.read(e.getKey())).as(e.getKey()).containsExactly(original.read(e.getKey()));
    }
    // the graph's own names for the transposed weights are not HF names, so they are not passed on
    assertThat(imported.names()).noneMatch(n -> n.endsWith("_t"));
  }

  @Test
  void anonymousTransposedWeightsAreMatchedThroughTheirBiasAdd() {
    OnnxGraph g = new OnnxGraph("export");
    g.input("x", OnnxGraph.FLOAT, "batch", 3);
    // W^T as MatMul wants it: [in = 3, out = 2]; HF's weight is [out, in]
    String w = g.floats("onnx::MatMul_787", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
    String b = g.floats("encoder.layer.0.attention.self.query.bias", new long[] {2}, new float[] {7, 8});
    String y = g.op("Add", b, g.op("MatMul", "x", w)); // bias first, as PyTorch's exporter writes it
    // a MatMul whose output no named bias is added to is not a Linear layer
    String loose = g.floats("onnx::MatMul_900", new long[] {2, 2}, new float[] {1, 0, 0, 1});
    g.output(g.op("MatMul", y, loose), OnnxGraph.FLOAT, "batch", 2);
    g.floats("embeddings.word_embeddings.weight", new long[] {5, 3}, new float[15]);

    OnnxBertTensors t = OnnxBertTensors.of(OnnxModelFile.parse(ByteBuffer.wrap(
        g.model(Map.of("", 17), "test").toByteArray())), "export.onnx");

    assertThat(t.shape("bert.encoder.layer.0.attention.self.query.weight")).containsExactly(2, 3);
    assertThat(t.read("bert.encoder.layer.0.attention.self.query.weight")).containsExactly(1, 3, 5, 2, 4, 6);
    assertThat(t.read("bert.encoder.layer.0.attention.self.query.bias")).containsExactly(7, 8);
    assertThat(t.names()).contains("bert.embeddings.word_embeddings.weight")
        .noneMatch(n -> n.contains("onnx::"));
    // no pooler in the export: tanh of [CLS], i.e. identity weights and zero bias
    assertThat(t.read("bert.pooler.dense.weight")).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    assertThat(t.read("bert.pooler.dense.bias")).containsExactly(0, 0, 0);
    // far from a whole encoder: the config names what is missing
    assertThatThrownBy(() -> t.config(1, 1e-12f)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("export.onnx").hasMessageContaining("bert.encoder.layer.0.intermediate.dense.bias");
  }

  @Test
  void aFileThatIsNotOnnxIsRefusedWithItsName() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("not-onnx", ".onnx");
    java.nio.file.Files.write(f, new byte[] {(byte) 0x3a, (byte) 0xff});
    assertThatThrownBy(() -> OnnxModelFile.read(f)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("not a valid ONNX model");
  }
}
