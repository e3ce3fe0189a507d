package dev.tweetox.transformer.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfBundleReaderTest {
  private static TinyBundle tiny() {
    return new TinyBundle()
        .add("module/bert/encoder/layer_0/attention/self/query/kernel", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
        .add("module/bert/encoder/layer_0/attention/self/query/bias", new long[] {3}, 7, 8, 9)
        .add("module/bert/embeddings/word_embeddings", new long[] {300, 1}, new float[300])
        .add("module/cls/predictions/output_bias", new long[] {1}, -1);
  }

  @Test
  void readsEntriesShapesAndValues(@TempDir Path dir) throws Exception {
    tiny().write(dir.resolve("variables"), false);
    TfBundleReader r = TfBundleReader.open(dir.resolve("variables"));
    assertThat(r.entries()).hasSize(4);
    assertThat(r.entries().get("module/bert/embeddings/word_embeddings").shape()).containsExactly(300, 1);
    assertThat(r.readFloats("module/bert/encoder/layer_0/attention/self/query/bias")).containsExactly(7, 8, 9);
  }

  @Test
  void mapsToHuggingFaceNamesTransposingKernels(@TempDir Path dir) throws Exception {
    tiny().write(dir.resolve("variables"), false);
    TfBertTensors t = new TfBertTensors(TfBundleReader.open(dir.resolve("variables")));
    assertThat(t.names()).containsExactlyInAnyOrder("bert.encoder.layer.0.attention.self.query.weight",
        "bert.encoder.layer.0.attention.self.query.bias", "bert.embeddings.word_embeddings.weight",
        "cls.predictions.bias");
    assertThat(t.shape("bert.encoder.layer.0.attention.self.query.weight")).containsExactly(3, 2);
    // TF [[1,2,3],[4,5,6]] (in x out) becomes [[1,4],[2,5],[3,6]] (out x in)
    assertThat(t.read("bert.encoder.layer.0.attention.self.query.weight")).containsExactly(1, 4, 2, 5, 3, 6);
  }

  @Test
  void hfNamesCoverTheWholeBertScheme() {
    assertThat(TfBertTensors.hfName("module/bert/encoder/layer_11/output/LayerNorm/gamma"))
        .contains("bert.encoder.layer.11.output.LayerNorm.weight");
    assertThat(TfBertTensors.hfName("bert/embeddings/LayerNorm/beta")).contains("bert.embeddings.LayerNorm.bias");
    assertThat(TfBertTensors.hfName("module/bert/pooler/dense/kernel")).contains("bert.pooler.dense.weight");
    assertThat(TfBertTensors.hfName("module/cls/predictions/transform/dense/bias"))
        .contains("cls.predictions.transform.dense.bias");
    assertThat(TfBertTensors.hfName("cls/seq_relationship/output_weights")).contains("cls.seq_relationship.weight");
    assertThat(TfBertTensors.hfName("global_step")).isEmpty();
    assertThat(TfBertTensors.hfName("module/bert/encoder/layer_0/attention/self/query/adam_m")).isEmpty();
  }

  @Test
  void checksumMismatchIsReported(@TempDir Path dir) throws Exception {
    tiny().write(dir.resolve("variables"), true);
    TfBundleReader r = TfBundleReader.open(dir.resolve("variables"));
    assertThatThrownBy(() -> r.readFloats("module/cls/predictions/output_bias")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("module/cls/predictions/output_bias").hasMessageContaining("CRC-32C");
  }

  @Test
  void damagedFilesFailWithTheFileName(@TempDir Path dir) throws Exception {
    Path prefix = dir.resolve("variables");
    assertThatThrownBy(() -> TfBundleReader.open(prefix)).hasMessageContaining("variables.index does not exist");
    tiny().write(prefix, false);
    Path index = dir.resolve("variables.index");
    byte[] bytes = Files.readAllBytes(index);
    bytes[bytes.length - 1] ^= 1;
    Files.write(index, bytes);
    assertThatThrownBy(() -> TfBundleReader.open(prefix)).hasMessageContaining("variables.index is malformed")
        .hasMessageContaining("magic");
    tiny().write(prefix, false);
    Files.write(dir.resolve("variables.data-00000-of-00001"), new byte[10]);
    assertThatThrownBy(() -> TfBundleReader.open(prefix)).hasMessageContaining("points outside its data shard");
  }

  @Test
  void extractsTheSavedModelZipAtomicallyOnce(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
      for (String[] e : new String[][] {{"assets/vocab.txt", "[PAD]\n"}, {"saved_model.pb", "graph"},
          {"variables/variables.index", "idx"}, {"variables/variables.data-00000-of-00001", "data"}}) {
        zip.putNextEntry(new ZipEntry(e[0]));
        zip.write(e[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Path target = dir.resolve("bert");
    EasyBertArtifact.extract(new ByteArrayInputStream(zipBytes.toByteArray()), target);
    assertThat(Files.readString(target.resolve("variables/variables.index"))).isEqualTo("idx");
    assertThat(target.resolve("saved_model.pb")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target); // no temporary directory left behind
    }
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    new ZipOutputStream(empty).close();
    Path other = dir.resolve("other");
    assertThatThrownBy(() -> EasyBertArtifact.extract(new ByteArrayInputStream(empty.toByteArray()), other))
        .hasMessageContaining(EasyBertArtifact.COORDINATES).hasMessageContaining("lacks assets/vocab.txt");
    assertThat(other).doesNotExist();
  }
}
