package dev.tweetox.transformer.pretrained;

import java.nio.ByteBuffer;

/**
 * Just enough of the protobuf wire format (and LevelDB's varints, which are the same) to read TensorFlow's bundle
 * index without a protobuf library. Reads advance the buffer's position; malformed input throws
 * {@link IllegalArgumentException}, which callers turn into a message naming the file.
 */
final class ProtoWire {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private ProtoWire() {}

  static long varint(ByteBuffer buf) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!buf.hasRemaining()) {
        throw new IllegalArgumentException("truncated varint at byte " + buf.position());
      }
      byte b = buf.get();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes at byte " + buf.position());
  }

  /** A varint that must fit a non-negative int (lengths, counts). */
  static int length(ByteBuffer buf) {
    long v = varint(buf);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("length " + v + " out of range at byte " + buf.position());
    }
    return (int) v;
  }

  /** The next {@code n} bytes as a view; checks that they exist. */
  static ByteBuffer slice(ByteBuffer buf, int n) {
    if (n > buf.remaining()) {
      throw new IllegalArgumentException("need " + n + " bytes at byte " + buf.position() + ", have "
          + buf.remaining());
    }
    ByteBuffer view = buf.slice();
    view.limit(n);
    buf.position(buf.position() + n);
    return view;
  }

  /** Skips a field whose tag has already been read. */
  static void skip(ByteBuffer buf, int wireType) {
    switch (wireType) {
      case VARINT -> varint(buf);
      case FIXED64 -> slice(buf, 8);
      case LENGTH_DELIMITED -> slice(buf, length(buf));
      case FIXED32 -> slice(buf, 4);
      default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at byte "
          + buf.position());
    }
  }
}
