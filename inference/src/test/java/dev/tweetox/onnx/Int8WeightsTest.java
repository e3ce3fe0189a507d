package dev.tweetox.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.TinyBertDirectory;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.bert.safetensors.SafetensorsWriter;
import dev.tweetox.bert.safetensors.TensorSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Int8WeightsTest {
  @Test
  void quantizesEachRowSymmetricallyWithExactScalesAndHalfEvenRounding() {
    float[] w = {1f, -0.5f, 0.25f, 0f, 0f, 0f, -2f, 1f, 0.0078740157f};
    Int8Weights.Quantized q = Int8Weights.Quantized.of(w, 3, 3);
    assertThat(q.scales()).containsExactly(1f / 127f, 0f, 2f / 127f);
    // -0.5 * 127 = -63.5 rounds to even -64; 0.25 * 127 = 31.75 -> 32
    assertThat(q.values()).containsExactly(127, -64, 32, 0, 0, 0, -127, 64, 0);
    assertThat(q.dequantize()[0]).isEqualTo(1f);
    assertThat(q.dequantize()[3]).isZero();
  }

  @Test
  void writesAndReadsBackEveryLinearAsInt8AndEverythingElseAsFloat32(@TempDir Path tmp) throws Exception {
    Path dir = TinyBertDirectory.write(tmp.resolve("bert"), 5);
    Path file = tmp.resolve(Int8Weights.FILE);
    Int8Weights.write(dir, file);
    TensorSource original = HfBertDirectory.read(dir).tensors();

    Int8Weights back = Int8Weights.read(file);
    Set<String> linear = new TreeSet<>();
    for (int i = 0; i < 2; i++) {
      String p = "bert.encoder.layer." + i + ".";
      for (String l : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
          "attention.output.dense", "intermediate.dense", "output.dense"}) {
        linear.add(p + l + ".weight");
      }
    }
    linear.add("bert.pooler.dense.weight");
    linear.add("classifier.weight");
    assertThat(back.quantized().keySet()).containsExactlyElementsOf(linear);

    for (String name : linear) {
      Int8Weights.Quantized q = back.quantized(name).orElseThrow();
      float[] w = original.read(name);
      long[] shape = original.shape(name);
      assertThat(new long[] {q.rows(), q.cols()}).isEqualTo(shape);
      float[] deq = q.dequantize();
      for (int r = 0; r < q.rows(); r++) {
        float max = 0;
        for (int c = 0; c < q.cols(); c++) {
          max = Math.max(max, Math.abs(w[r * q.cols() + c]));
        }
        assertThat(q.scales()[r]).isEqualTo(max / 127f);
        for (int c = 0; c < q.cols(); c++) {
          int i = r * q.cols() + c;
          assertThat(Math.abs(deq[i] - w[i])).isLessThanOrEqualTo(q.scales()[r] / 2 * 1.0001f);
        }
      }
    }
    Set<String> floats = new TreeSet<>(original.names());
    floats.removeAll(linear);
    assertThat(back.floats().names()).containsExactlyElementsOf(floats);
    for (String name : floats) {
      assertThat(back.floats().read(name)).containsExactly(original.read(name));
    }
    assertThat(back.metadata()).containsEntry("tweetox_max_length", "32")
        .containsEntry(Int8Weights.META_QUANTIZATION, Int8Weights.QUANTIZATION);

    // on disk: I8 matrices under their HF names and F32 "<name>_scale" vectors
    SafetensorsReader raw = SafetensorsReader.open(file);
    assertThat(raw.dtype("classifier.weight")).isEqualTo("I8");
    assertThat(raw.shape("classifier.weight")).containsExactly(3, 32);
    assertThat(raw.dtype("classifier.weight_scale")).isEqualTo("F32");
    assertThat(raw.dtype("classifier.bias")).isEqualTo("F32");
    // a quarter of the float32 size for the Linear weights
    assertThat(Files.size(file)).isLessThan(Files.size(dir.resolve(HfBertDirectory.WEIGHTS)));
  }

  @Test
  void safetensorsKeepsI8TensorsApartFromFloat32Ones(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("mixed.safetensors");
    TensorSource floats = new TensorSource() {
      @Override
      public Set<String> names() {
        return Set.of("a");
      }

      @Override
      public long[] shape(String name) {
        return new long[] {2};
      }

      @Override
      public float[] read(String name) {
        return new float[] {1.5f, -2f};
      }
    };
    SafetensorsWriter.write(file, floats, Map.of("b", new SafetensorsWriter.Int8(new long[] {3},
        new byte[] {-128, 0, 127})), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    String header = new String(bytes, 8, (int) (bytes.length - 8 - 11), StandardCharsets.UTF_8).strip();
    assertThat(header).isEqualTo("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[8,11]}}");
    SafetensorsReader r = SafetensorsReader.open(file);
    assertThat(r.readInt8("b")).containsExactly(-128, 0, 127);
    assertThat(r.read("a")).containsExactly(1.5f, -2f);
    assertThatThrownBy(() -> r.read("b")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("tensor b is I8, not F32");
    assertThatThrownBy(() -> r.readInt8("a")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("tensor a is F32, not I8");
    assertThatThrownBy(() -> SafetensorsWriter.write(tmp.resolve("dup.safetensors"), floats,
        Map.of("a", new SafetensorsWriter.Int8(new long[] {1}, new byte[] {1})), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both as float32 and as int8");
  }

  @Test
  void rejectsFilesThatAreNotInt8Weights(@TempDir Path tmp) {
    Path dir = TinyBertDirectory.write(tmp.resolve("bert"), 5);
    assertThatThrownBy(() -> Int8Weights.read(dir.resolve(HfBertDirectory.WEIGHTS)))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("hold no I8 tensor");
    Path noScale = tmp.resolve("noscale.safetensors");
    SafetensorsWriter.write(noScale, new TensorSource() {
      @Override
      public Set<String> names() {
        return Set.of();
      }

      @Override
      public long[] shape(String name) {
        throw new IllegalArgumentException(name);
      }

      @Override
      public float[] read(String name) {
        throw new IllegalArgumentException(name);
      }
    }, Map.of("x.weight", new SafetensorsWriter.Int8(new long[] {1, 2}, new byte[] {1, 2})), Map.of());
    assertThatThrownBy(() -> Int8Weights.read(noScale)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("I8 tensor x.weight needs").hasMessageContaining("x.weight_scale");
  }
}
