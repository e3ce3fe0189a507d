package dev.tweetox.transformer.training;

/**
 * 16-bit float encodings of cached hidden states. Java 17 has no {@code Float.floatToFloat16}, so both are done here
 * by bit manipulation, rounding to nearest even. float16 keeps 11 significant bits (relative error at most 2^-11)
 * over a range of ±65504; bfloat16 keeps 8 bits (2^-8) over float32's whole range.
 */
final class HalfFloats {
  /** float16 bits to float32, for all 65536 patterns: decoding is then one array read. */
  private static final float[] F16_TABLE = new float[1 << 16];

  static {
    for (int h = 0; h < F16_TABLE.length; h++) {
      F16_TABLE[h] = decodeF16(h);
    }
  }

  /** The largest finite float16. */
  static final float F16_MAX = 65504f;

  private HalfFloats() {}

  /** Round to nearest even float16; beyond ±65504 it becomes ±infinity, so callers clamp first. */
  static short toF16(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) { // infinity or NaN (keeping a NaN a NaN)
      return (short) (sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 | ((abs >>> 13) & 0x3FF) : 0));
    }
    if (abs >= 0x477FF000) { // at or past the midpoint between 65504 and 65536: rounds to infinity
      return (short) (sign | 0x7C00);
    }
    if (abs < 0x38800000) { // below 2^-14: a subnormal float16 (units of 2^-24); the product is exact
      return (short) (sign | (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f));
    }
    // normal: rebias the exponent (127 -> 15) and round the mantissa from 23 to 10 bits, ties to even; a carry
    // into the exponent is the correct result
    int rounded = abs + 0xFFF + ((abs >>> 13) & 1);
    return (short) (sign | ((rounded - 0x38000000) >>> 13));
  }

  static float fromF16(short h) {
    return F16_TABLE[h & 0xFFFF];
  }

  private static float decodeF16(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int man = h & 0x3FF;
    if (exp == 0) { // zero or subnormal
      return Float.intBitsToFloat(sign | Float.floatToRawIntBits(man * 0x1p-24f));
    }
    if (exp == 31) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (man << 13));
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (man << 13));
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
