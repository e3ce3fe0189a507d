package dev.tweetox.onnx;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.bert.safetensors.SafetensorsWriter;
import dev.tweetox.bert.safetensors.TensorSource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A BERT's weights with every Linear layer quantized to int8: per output channel (row of the HF {@code out x in}
 * matrix) symmetric, {@code scale = max|w_row| / 127}, {@code q = round(w / scale)} in [-127, 127], zero point 0.
 * Embeddings, LayerNorm parameters and biases stay float32. On disk ({@value #FILE}) the int8 matrices keep their HF
 * names with dtype I8, each with an F32 {@code <name>_scale} vector, beside the F32 tensors, in one safetensors
 * file whose metadata copies the source's (label values, max length).
 */
public final class Int8Weights {
  public static final String FILE = "model.int8.safetensors";
  public static final String SCALE_SUFFIX = "_scale";
  static final String META_QUANTIZATION = "tweetox_quantization";
  static final String QUANTIZATION = "int8 symmetric per-output-channel, scale = max|w_row| / 127";

  /**
   * One quantized matrix, {@code rows x cols} as in the HF layout (rows are output channels).
   *
   * @param values row-major int8 values
   * @param scales one per row; {@code w[r][c] ~ values[r * cols + c] * scales[r]}
   */
  public record Quantized(int rows, int cols, byte[] values, float[] scales) {
    public Quantized {
      if ((long) rows * cols != values.length || scales.length != rows) {
        throw new IllegalArgumentException(values.length + " values and " + scales.length + " scales for "
            + rows + " x " + cols);
      }
    }

    /** Quantizes a row-major {@code rows x cols} float matrix. */
    public static Quantized of(float[] w, int rows, int cols) {
      byte[] q = new byte[w.length];
      float[] scales = new float[rows];
      for (int r = 0; r < rows; r++) {
        float max = 0;
        for (int c = 0; c < cols; c++) {
          max = Math.max(max, Math.abs(w[r * cols + c]));
        }
        float scale = max / 127f;
        scales[r] = scale;
        for (int c = 0; c < cols && scale > 0; c++) {
          // rint rounds half to even, like numpy and ONNX Runtime's quantizer
          long v = (long) Math.rint(w[r * cols + c] / scale);
          q[r * cols + c] = (byte) Math.max(-127, Math.min(127, v));
        }
      }
      return new Quantized(rows, cols, q, scales);
    }

    public float[] dequantize() {
      float[] w = new float[values.length];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          w[r * cols + c] = values[r * cols + c] * scales[r];
        }
      }
      return w;
    }
  }

  private final TensorSource floats;
  private final Map<String, Quantized> quantized;
  private final Map<String, String> metadata;

  private Int8Weights(TensorSource floats, Map<String, Quantized> quantized, Map<String, String> metadata) {
    this.floats = floats;
    this.quantized = Collections.unmodifiableMap(quantized);
    this.metadata = Collections.unmodifiableMap(metadata);
  }

  /** Reads the HF BERT directory's {@code model.safetensors} and writes its int8 version to {@code outFile}. */
  public static void write(Path hfModelDir, Path outFile) {
    HfBertDirectory.Contents c = HfBertDirectory.read(hfModelDir);
    quantize(c.tensors(), c.tensors().metadata()).write(outFile);
  }

  /** Quantizes the Linear weights of float32 {@code tensors} in memory. */
  public static Int8Weights quantize(TensorSource tensors, Map<String, String> metadata) {
    Map<String, Quantized> q = new TreeMap<>();
    for (String name : tensors.names()) {
      long[] shape = tensors.shape(name);
      if (isLinear(name, shape)) {
        q.put(name, Quantized.of(tensors.read(name), Math.toIntExact(shape[0]), Math.toIntExact(shape[1])));
      }
    }
    Map<String, String> meta = new TreeMap<>(metadata);
    meta.put(META_QUANTIZATION, QUANTIZATION);
    return new Int8Weights(filtered(tensors, q.keySet()), q, meta);
  }

  /**
   * Whether a tensor is a Linear weight to quantize: a 2-D {@code *.weight} outside the embeddings (attention
   * q/k/v/output, intermediate, output, pooler, classifier).
   */
  static boolean isLinear(String name, long[] shape) {
    return shape.length == 2 && name.endsWith(".weight") && !name.contains("embeddings");
  }

  /** Writes {@value #FILE}-format safetensors atomically. */
  public void write(Path outFile) {
    Map<String, SafetensorsWriter.Int8> int8 = new LinkedHashMap<>();
    Map<String, float[]> scales = new TreeMap<>();
    quantized.forEach((name, q) -> {
      int8.put(name, new SafetensorsWriter.Int8(new long[] {q.rows(), q.cols()}, q.values()));
      scales.put(name + SCALE_SUFFIX, q.scales());
    });
    SafetensorsWriter.write(outFile, withScales(floats, scales), int8, metadata);
  }

  /** Reads a file written by {@link #write(Path)}; every I8 tensor must have its F32 scale vector. */
  public static Int8Weights read(Path file) {
    SafetensorsReader r = SafetensorsReader.open(file);
    Map<String, Quantized> q = new TreeMap<>();
    Set<String> notFloat = new TreeSet<>();
    for (String name : r.names()) {
      if (!r.dtype(name).equals(SafetensorsReader.I8)) {
        continue;
      }
      long[] shape = r.shape(name);
      String scaleName = name + SCALE_SUFFIX;
      if (shape.length != 2 || !r.names().contains(scaleName) || !r.dtype(scaleName).equals(SafetensorsReader.F32)
          || r.shape(scaleName).length != 1 || r.shape(scaleName)[0] != shape[0]) {
        throw new TweetoxException("Int8 weights " + file + ": I8 tensor " + name + " needs a 2-D shape and an F32"
            + " vector " + scaleName + " with one scale per row; re-export the int8 weights");
      }
      q.put(name, new Quantized(Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), r.readInt8(name),
          r.read(scaleName)));
      notFloat.add(name);
      notFloat.add(scaleName);
    }
    if (q.isEmpty()) {
      throw new TweetoxException("Int8 weights " + file + " hold no I8 tensor; it is a float32 file, not "
          + FILE);
    }
    return new Int8Weights(filtered(r, notFloat), q, new TreeMap<>(r.metadata()));
  }

  /** The float32 tensors (embeddings, LayerNorm, biases). */
  public TensorSource floats() {
    return floats;
  }

  /** The quantized Linear weights by HF name. */
  public Map<String, Quantized> quantized() {
    return quantized;
  }

  public Optional<Quantized> quantized(String name) {
    return Optional.ofNullable(quantized.get(name));
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  private static TensorSource filtered(TensorSource source, Set<String> excluded) {
    Set<String> names = new TreeSet<>(source.names());
    names.removeAll(excluded);
    Set<String> kept = Collections.unmodifiableSet(names);
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return kept;
      }

      @Override
      public long[] shape(String name) {
        return source.shape(check(name));
      }

      @Override
      public float[] read(String name) {
        return source.read(check(name));
      }

      private String check(String name) {
        if (!kept.contains(name)) {
          throw new TweetoxException("Int8 weights have no float32 tensor " + name);
        }
        return name;
      }
    };
  }

  private static TensorSource withScales(TensorSource base, Map<String, float[]> extra) {
    Set<String> names = new TreeSet<>(base.names());
    names.addAll(extra.keySet());
    Set<String> all = Collections.unmodifiableSet(names);
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return all;
      }

      @Override
      public long[] shape(String name) {
        float[] s = extra.get(name);
        return s != null ? new long[] {s.length} : base.shape(name);
      }

      @Override
      public float[] read(String name) {
        float[] s = extra.get(name);
        return s != null ? s.clone() : base.read(name);
      }
    };
  }
}
