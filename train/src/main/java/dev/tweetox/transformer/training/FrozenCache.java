package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;
import java.util.Arrays;

/**
 * The frozen lower part's output (embeddings + the lowest {@code layers} layers, dropout off), computed once per
 * example and kept unpadded: {@code length x hidden} values per example, on the Java heap ({@link #build}) or in a
 * memory-mapped file ({@link FrozenCacheFile}). Training the upper layers then costs no frozen forward per epoch,
 * which is the main CPU saving. Batches are always handed to DJL as float32 (DJL aborts on 16-bit arrays).
 */
public final class FrozenCache {
  /** How cached hidden states are stored. */
  public enum Precision {
    FLOAT32(4),
    /** About 3 significant digits, float32's range. */
    BFLOAT16(2),
    /** About 3.3 significant digits, range ±65504 (BERT's hidden states stay far inside it). */
    FLOAT16(2);

    private final int bytes;

    Precision(int bytes) {
      this.bytes = bytes;
    }

    /** Bytes per stored value. */
    public int bytes() {
      return bytes;
    }

    short encode(float f) {
      return switch (this) {
        case BFLOAT16 -> HalfFloats.toBf16(f);
        case FLOAT16 -> HalfFloats.toF16(Math.max(-HalfFloats.F16_MAX, Math.min(HalfFloats.F16_MAX, f)));
        case FLOAT32 -> throw new IllegalStateException("float32 is not stored in 16 bits");
      };
    }

    float decode(short s) {
      return this == BFLOAT16 ? HalfFloats.fromBf16(s) : HalfFloats.fromF16(s);
    }
  }

  /** Where the values live: one example's {@code length x hidden} values, read as float32. */
  interface Rows {
    void read(int example, float[] dst, int offset);
  }

  /** Receives each example's frozen output as it is computed (in length-sorted, not index, order). */
  interface Sink {
    void put(int example, float[] src, int from, int count);
  }

  private final int layers;
  private final int hidden;
  private final Precision precision;
  private final int[] lengths;
  private final Rows rows;
  private final boolean reused;

  FrozenCache(int layers, int hidden, Precision precision, int[] lengths, Rows rows, boolean reused) {
    this.layers = layers;
    this.hidden = hidden;
    this.precision = precision;
    this.lengths = lengths.clone();
    this.rows = rows;
    this.reused = reused;
  }

  /** Runs the lower {@code layers} layers over every example of {@code data}, keeping the result on the heap. */
  public static FrozenCache build(BertClassifier model, int layers, TokenizedSet data, int batchSize,
      Precision precision, NDManager parent, String what) {
    HeapRows heap = new HeapRows(precision, data.size());
    compute(model, layers, data, batchSize, parent, what, heap);
    return new FrozenCache(layers, model.config().hidden(), precision, data.lengths(), heap, false);
  }

  /** The frozen forward over {@code data} in length-sorted batches, one sub-manager each, into {@code sink}. */
  static void compute(BertClassifier model, int layers, TokenizedSet data, int batchSize, NDManager parent,
      String what, Sink sink) {
    int hidden = model.config().hidden();
    try (Progress progress = Progress.start("caching " + layers + " frozen layers: " + what, data.size(),
        "tweets")) {
      for (int[] batch : LengthBatcher.sorted(data.lengths(), batchSize)) {
        EncodedBatch enc = data.batch(batch);
        try (NDManager m = parent.newSubManager()) {
          NDList inputs = BertInputs.of(m, enc);
          NDArray out = model.encoder().forwardLower(new ParameterStore(m, false), inputs, layers, false);
          float[] values = out.toFloatArray();
          int seq = enc.seqLength();
          for (int b = 0; b < batch.length; b++) {
            sink.put(batch[b], values, b * seq * hidden, enc.lengths()[b] * hidden);
          }
        }
        progress.step(batch.length);
      }
    }
  }

  public Precision precision() {
    return precision;
  }

  public int layers() {
    return layers;
  }

  public int hidden() {
    return hidden;
  }

  /** Whether this cache was read from a file written earlier rather than computed now. */
  public boolean reused() {
    return reused;
  }

  /** Tokens cached for one example. */
  public int length(int example) {
    return lengths[example];
  }

  public int size() {
    return lengths.length;
  }

  /** Bytes of cached values, for logging. */
  public long bytes() {
    long n = 0;
    for (int len : lengths) {
      n += (long) len * hidden;
    }
    return n * precision.bytes();
  }

  /** One example's cached values as float32 ({@code length x hidden}). */
  public float[] row(int example) {
    float[] out = new float[lengths[example] * hidden];
    rows.read(example, out, 0);
    return out;
  }

  /**
   * Hidden states [B, T, H] (zeros after each example's end; padding keys are masked anyway) and the int64
   * attention mask [B, T] for the examples at {@code indices}, attached to {@code m}.
   */
  public NDList batch(NDManager m, int[] indices) {
    int seq = 0;
    for (int i : indices) {
      seq = Math.max(seq, lengths[i]);
    }
    float[] values = new float[indices.length * seq * hidden];
    long[] mask = new long[indices.length * seq];
    for (int b = 0; b < indices.length; b++) {
      int ex = indices[b];
      rows.read(ex, values, b * seq * hidden);
      Arrays.fill(mask, b * seq, b * seq + lengths[ex], 1L);
    }
    NDArray h = m.create(values, new Shape(indices.length, seq, hidden));
    NDArray msk = m.create(mask, new Shape(indices.length, seq));
    return new NDList(h, msk);
  }

  /** Rows on the Java heap: float32 arrays, or 16-bit codes decoded on read. */
  private static final class HeapRows implements Rows, Sink {
    private final Precision precision;
    private final float[][] f32;
    private final short[][] half;

    HeapRows(Precision precision, int size) {
      this.precision = precision;
      this.f32 = precision == Precision.FLOAT32 ? new float[size][] : null;
      this.half = precision == Precision.FLOAT32 ? null : new short[size][];
    }

    @Override
    public void put(int example, float[] src, int from, int count) {
      if (f32 != null) {
        f32[example] = Arrays.copyOfRange(src, from, from + count);
        return;
      }
      short[] dst = new short[count];
      for (int i = 0; i < count; i++) {
        dst[i] = precision.encode(src[from + i]);
      }
      half[example] = dst;
    }

    @Override
    public void read(int example, float[] dst, int offset) {
      if (f32 != null) {
        System.arraycopy(f32[example], 0, dst, offset, f32[example].length);
        return;
      }
      short[] src = half[example];
      for (int i = 0; i < src.length; i++) {
        dst[offset + i] = precision.decode(src[i]);
      }
    }
  }
}
