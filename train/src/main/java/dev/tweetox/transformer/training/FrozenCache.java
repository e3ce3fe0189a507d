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

/**
 * The frozen lower part's output (embeddings + the lowest {@code layers} layers, dropout off), computed once per
 * example and kept on the Java heap, unpadded: {@code length x hidden} values per example, as float32 or as
 * bfloat16 (half the memory, about 3 significant digits). Training the upper layers then costs no frozen forward
 * per epoch, which is the main CPU saving.
 */
public final class FrozenCache {
  /** How cached hidden states are stored. */
  public enum Precision { FLOAT32, BFLOAT16 }

  private final int layers;
  private final int hidden;
  private final Precision precision;
  private final int[] lengths;
  private final float[][] f32;
  private final short[][] bf16;

  private FrozenCache(int layers, int hidden, Precision precision, int[] lengths) {
    this.layers = layers;
    this.hidden = hidden;
    this.precision = precision;
    this.lengths = lengths;
    this.f32 = precision == Precision.FLOAT32 ? new float[lengths.length][] : null;
    this.bf16 = precision == Precision.BFLOAT16 ? new short[lengths.length][] : null;
  }

  /** Runs the lower {@code layers} layers over every example of {@code data}. */
  public static FrozenCache build(BertClassifier model, int layers, TokenizedSet data, int batchSize,
      Precision precision, NDManager parent, String what) {
    int hidden = model.config().hidden();
    FrozenCache cache = new FrozenCache(layers, hidden, precision, data.lengths());
    try (Progress progress = Progress.start("caching " + layers + " frozen layers: " + what, data.size(),
        "tweets")) {
      for (int[] batch : LengthBatcher.sorted(cache.lengths, batchSize)) {
        EncodedBatch enc = data.batch(batch);
        try (NDManager m = parent.newSubManager()) {
          NDList inputs = BertInputs.of(m, enc);
          NDArray out = model.encoder().forwardLower(new ParameterStore(m, false), inputs, layers, false);
          float[] values = out.toFloatArray();
          int seq = enc.seqLength();
          for (int b = 0; b < batch.length; b++) {
            cache.put(batch[b], values, b * seq * hidden, enc.lengths()[b] * hidden);
          }
        }
        progress.step(batch.length);
      }
    }
    return cache;
  }

  private void put(int example, float[] src, int from, int count) {
    if (precision == Precision.FLOAT32) {
      f32[example] = java.util.Arrays.copyOfRange(src, from, from + count);
    } else {
      short[] dst = new short[count];
      for (int i = 0; i < count; i++) {
        dst[i] = toBf16(src[from + i]);
      }
      bf16[example] = dst;
    }
  }

  public Precision precision() {
    return precision;
  }

  public int layers() {
    return layers;
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
    return n * (precision == Precision.FLOAT32 ? 4 : 2);
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
      int off = b * seq * hidden;
      if (precision == Precision.FLOAT32) {
        System.arraycopy(f32[ex], 0, values, off, f32[ex].length);
      } else {
        short[] src = bf16[ex];
        for (int i = 0; i < src.length; i++) {
          values[off + i] = fromBf16(src[i]);
        }
      }
      java.util.Arrays.fill(mask, b * seq, b * seq + lengths[ex], 1L);
    }
    NDArray h = m.create(values, new Shape(indices.length, seq, hidden));
    NDArray msk = m.create(mask, new Shape(indices.length, seq));
    return new NDList(h, msk);
  }

  /** Round to nearest even bfloat16 (the upper 16 bits of a float32). */
  static short toBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  static float fromBf16(short s) {
    return Float.intBitsToFloat((s & 0xFFFF) << 16);
  }
}
