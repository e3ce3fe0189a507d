package dev.tweetox.transformer.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.bert.safetensors.SafetensorsWriter;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes a tiny random BERT as a Hugging Face directory and reads it back. */
class HfBertDirectoryTest {
  private static final Vocabulary VOCAB =
      Vocabulary.load(Fixtures.path("transformer/tiny-vocab.txt"));
  private static final BertConfig CONFIG = new BertConfig(VOCAB.size(), 32, 2, 2, 64, 64, 2, 1e-12f, 0.1f, 0.1f, 3);
  private static final Shape ANY = new Shape(1, 4);

  @Test
  void writeThenReadGivesIdenticalLogits(@TempDir Path dir) throws Exception {
    Engine.getInstance().setRandomSeed(11);
    EncodedBatch batch = new WordPieceTokenizer(VOCAB).encodeBatch(List.of("hello world !", "@user cafe"), 16);
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier original = new BertClassifier(CONFIG);
      original.initialize(m, DataType.FLOAT32, ANY, ANY, ANY);
      float[] expected = logits(original, m, batch);
      HfBertDirectory.write(dir, CONFIG, VOCAB, BertWeights.view(original.namedParameters()),
          List.of("negative", "neutral", "positive"), Map.of("tweetox", "test"));

      HfBertDirectory.Contents read = HfBertDirectory.read(dir);
      assertThat(read.config()).isEqualTo(CONFIG);
      assertThat(read.vocab().tokens()).isEqualTo(VOCAB.tokens());
      assertThat(read.labels()).contains(List.of("negative", "neutral", "positive"));
      assertThat(read.tensors().metadata()).containsEntry("tweetox", "test").containsEntry("format", "pt");
      BertClassifier copy = new BertClassifier(read.config());
      copy.initialize(m, DataType.FLOAT32, ANY, ANY, ANY);
      assertThat(logits(copy, m, batch)).isNotEqualTo(expected);
      BertWeights.LoadReport report = BertWeights.load(copy.namedParameters(), read.tensors()).requireLoaded(List.of());
      assertThat(report.missing()).isEmpty();
      assertThat(report.unused()).isEmpty();
      assertThat(report.loaded()).hasSize(41);
      assertThat(logits(copy, m, batch)).containsExactly(expected);
    }
    String config = Files.readString(dir.resolve("config.json"));
    assertThat(config).contains("\"hidden_act\" : \"gelu\"", "\"2\" : \"positive\"", "BertForSequenceClassification");
  }

  @Test
  void safetensorsLayoutFollowsTheSpec(@TempDir Path dir) throws Exception {
    TensorSource two = new MapTensors(Map.of("b", new float[] {1, 2, 3, 4, 5, 6}, "a", new float[] {-1.5f}),
        Map.of("b", new long[] {2, 3}, "a", new long[] {1}));
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, two, Map.of());
    byte[] bytes = Files.readAllBytes(file);
    long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(headerLength % 8).isZero();
    String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(header.strip()).isEqualTo("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]}}");
    assertThat(bytes).hasSize((int) (8 + headerLength + 28));
    SafetensorsReader r = SafetensorsReader.open(file);
    assertThat(r.read("b")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(r.shape("b")).containsExactly(2, 3);
    assertThat(r.read("a")).containsExactly(-1.5f);
  }

  @Test
  void readerRejectsHeadersItCannotTrust(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SafetensorsReader.open(file(dir, "{\"x\":{\"dtype\":\"F16\",\"shape\":[1],"
        + "\"data_offsets\":[0,2]}}", 2))).isInstanceOf(TweetoxException.class).hasMessageContaining("dtype 'F16'");
    assertThatThrownBy(() -> SafetensorsReader.open(file(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],"
        + "\"data_offsets\":[0,8]}}", 4))).hasMessageContaining("outside the 4-byte data area");
    assertThatThrownBy(() -> SafetensorsReader.open(file(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],"
        + "\"data_offsets\":[0,4]}}", 4))).hasMessageContaining("spans 4 bytes but shape needs 8");
    assertThatThrownBy(() -> SafetensorsReader.open(file(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],"
        + "\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)))
        .hasMessageContaining("overlaps");
    assertThatThrownBy(() -> SafetensorsReader.open(file(dir, "not json", 0))).hasMessageContaining("not valid JSON");
    Path huge = dir.resolve("huge.safetensors");
    Files.write(huge, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0x7f, '{', '}'});
    assertThatThrownBy(() -> SafetensorsReader.open(huge)).hasMessageContaining("declares a header of");
  }

  @Test
  void directoryErrorsNameTheFileAndField(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> HfBertDirectory.read(dir)).hasMessageContaining("lacks config.json");
    Files.writeString(dir.resolve("vocab.txt"), String.join("\n", VOCAB.tokens()));
    Files.write(dir.resolve("model.safetensors"), new byte[0]);
    Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 32, \"hidden_act\": \"gelu_new\"}");
    assertThatThrownBy(() -> HfBertDirectory.read(dir)).hasMessageContaining("hidden_act 'gelu_new'");
    Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 32}");
    assertThatThrownBy(() -> HfBertDirectory.read(dir)).hasMessageContaining("config.json")
        .hasMessageContaining("lacks the required field vocab_size");
  }

  private static Path file(Path dir, String header, int dataBytes) throws Exception {
    byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + dataBytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Path f = Files.createTempFile(dir, "bad", ".safetensors");
    Files.write(f, b.array());
    return f;
  }

  private static float[] logits(BertClassifier model, NDManager parent, EncodedBatch batch) {
    try (NDManager m = parent.newSubManager()) {
      NDList in = BertInputs.of(m, batch);
      return model.forward(new ParameterStore(m, false), in, false).singletonOrThrow().toFloatArray();
    }
  }

  /** Tensors from plain maps. */
  private record MapTensors(Map<String, float[]> values, Map<String, long[]> shapes) implements TensorSource {
    @Override
    public java.util.Set<String> names() {
      return values.keySet();
    }

    @Override
    public long[] shape(String name) {
      return shapes.get(name);
    }

    @Override
    public float[] read(String name) {
      return values.get(name);
    }
  }
}
