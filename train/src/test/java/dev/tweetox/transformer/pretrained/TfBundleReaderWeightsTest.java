package dev.tweetox.transformer.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.bert.safetensors.TensorSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reads the real BERT-Base checkpoint from the Maven artifact. */
@Tag("weights")
class TfBundleReaderWeightsTest {
  private static TfBundleReader bundle;

  @BeforeAll
  static void open() {
    Path dir = EasyBertArtifact.directory();
    bundle = TfBundleReader.open(EasyBertArtifact.bundlePrefix(dir));
  }

  @Test
  void holdsAllOfBertBaseAsFloat32() {
    long floats = 0;
    for (TfBundleReader.Entry e : bundle.entries().values()) {
      if (e.dtype() == TfBundleReader.DT_FLOAT) {
        floats += TensorSource.elements(e.shape());
      }
    }
    assertThat(bundle.entries()).hasSize(204);
    assertThat(floats).isEqualTo(110_104_890L);
    TfBundleReader.Entry q = bundle.entries().get("module/bert/encoder/layer_0/attention/self/query/kernel");
    assertThat(q.shape()).containsExactly(768, 768);
  }

  @Test
  void mapsToHuggingFaceNamesAndTransposesKernels() {
    TfBertTensors t = new TfBertTensors(bundle);
    assertThat(t.shape("bert.embeddings.word_embeddings.weight")).containsExactly(30522, 768);
    assertThat(t.shape("bert.encoder.layer.11.intermediate.dense.weight")).containsExactly(3072, 768);
    assertThat(t.shape("cls.predictions.bias")).containsExactly(30522);
    float[] tf = bundle.readFloats("module/bert/encoder/layer_0/intermediate/dense/kernel"); // [768, 3072]
    float[] hf = t.read("bert.encoder.layer.0.intermediate.dense.weight"); // [3072, 768]
    assertThat(hf[5 * 768 + 7]).isEqualTo(tf[7 * 3072 + 5]);
    long total = t.names().stream().mapToLong(n -> TensorSource.elements(t.shape(n))).sum();
    assertThat(total).isEqualTo(110_104_890L);
  }

  @Test
  void everyTensorPassesItsChecksum() {
    for (Map.Entry<String, TfBundleReader.Entry> e : bundle.entries().entrySet()) {
      if (e.getValue().dtype() == TfBundleReader.DT_FLOAT) {
        assertThat(bundle.readFloats(e.getKey())).hasSize((int) TensorSource.elements(e.getValue().shape()));
      }
    }
  }
}
