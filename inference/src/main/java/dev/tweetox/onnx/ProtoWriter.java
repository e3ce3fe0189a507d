package dev.tweetox.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds one protobuf message in the wire format, without a protobuf library. Small fields are encoded at once;
 * nested messages and large byte fields are kept as parts whose sizes are known up front, so a 400 MB model is
 * serialised exactly once, straight into the destination buffer, instead of being copied at every nesting level.
 * A message added to a parent is sealed: writing to it afterwards would silently change the parent's length prefix,
 * so it throws.
 */
final class ProtoWriter {
  static final int VARINT = 0;
  static final int FIXED32 = 5;
  static final int LENGTH_DELIMITED = 2;

  /** A pre-sized piece of output. */
  private interface Part {
    long size();

    void writeTo(ByteBuffer out);
  }

  private final List<Part> parts = new ArrayList<>();
  private ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long flushedSize;
  private boolean sealed;

  ProtoWriter int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) {
      pending.write(bits >>> (8 * i));
    }
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    pending.write(value, 0, value.length);
    return this;
  }

  /** A packed {@code repeated int64} field. */
  ProtoWriter packedInt64(int field, long[] values) {
    ProtoWriter payload = new ProtoWriter();
    for (long v : values) {
      payload.varint(v);
    }
    return bytes(field, payload.pending.toByteArray());
  }

  /** A nested message; {@code child} is sealed and must not be written to again. */
  ProtoWriter message(int field, ProtoWriter child) {
    if (child == this) {
      throw new IllegalArgumentException("a message cannot contain itself");
    }
    child.seal();
    long size = child.size();
    tag(field, LENGTH_DELIMITED);
    varint(size);
    addPart(new Part() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void writeTo(ByteBuffer out) {
        child.writeTo(out);
      }
    });
    return this;
  }

  /**
   * A bytes field of exactly {@code length} bytes produced only when the message is written, e.g. a weight matrix
   * converted from its source on the fly; {@code fill} gets a little-endian buffer and must put exactly that many.
   */
  ProtoWriter lazyBytes(int field, long length, Consumer<ByteBuffer> fill) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
    addPart(new Part() {
      @Override
      public long size() {
        return length;
      }

      @Override
      public void writeTo(ByteBuffer out) {
        int start = out.position();
        fill.accept(out.order(ByteOrder.LITTLE_ENDIAN));
        if (out.position() - start != length) {
          throw new IllegalStateException("lazy field " + field + " wrote " + (out.position() - start)
              + " bytes, declared " + length);
        }
      }
    });
    return this;
  }

  /** Encoded size in bytes. */
  long size() {
    return flushedSize + pending.size();
  }

  /** Writes the encoded message at the buffer's position; the buffer needs {@link #size()} bytes left. */
  void writeTo(ByteBuffer out) {
    flush();
    for (Part p : parts) {
      p.writeTo(out);
    }
  }

  /** The encoded message in a heap array (small graphs and tests; large models go to a direct buffer). */
  byte[] toByteArray() {
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size()));
    writeTo(buf);
    return buf.array();
  }

  private void seal() {
    flush();
    sealed = true;
  }

  private void tag(int field, int wireType) {
    if (sealed) {
      throw new IllegalStateException("message already added to a parent");
    }
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      pending.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    pending.write((int) v);
  }

  private void addPart(Part part) {
    flush();
    parts.add(part);
    flushedSize += part.size();
  }

  private void flush() {
    if (pending.size() == 0) {
      return;
    }
    byte[] bytes = pending.toByteArray();
    pending = new ByteArrayOutputStream();
    parts.add(new Part() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void writeTo(ByteBuffer out) {
        out.put(bytes);
      }
    });
    flushedSize += bytes.length;
  }
}
