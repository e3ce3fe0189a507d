package dev.tweetox.transformer.pretrained;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads every key/value pair of an uncompressed LevelDB-format table, the container TensorFlow uses for
 * {@code variables.index}. Layout: data blocks, a metaindex block, an index block whose values are handles of the
 * data blocks, then a 48-byte footer (two handles, padding, magic). Each block holds prefix-compressed entries
 * followed by a restart array; a 5-byte trailer (compression type, crc) follows each block.
 */
final class SstableReader {
  static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;
  private static final int TRAILER = 5;

  private SstableReader() {}

  /** All entries in key order; keys are decoded as UTF-8 (TF variable names are ASCII). */
  static Map<String, ByteBuffer> readAll(ByteBuffer file) {
    ByteBuffer f = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (f.capacity() < FOOTER) {
      throw new IllegalArgumentException("file is " + f.capacity() + " bytes, shorter than the table footer");
    }
    long magic = f.getLong(f.capacity() - 8);
    if (magic != MAGIC) {
      throw new IllegalArgumentException("bad table magic 0x" + Long.toHexString(magic));
    }
    ByteBuffer footer = f.duplicate().position(f.capacity() - FOOTER);
    readHandle(footer, f); // metaindex: nothing we need
    ByteBuffer index = block(f, readHandle(footer, f));
    Map<String, ByteBuffer> entries = new LinkedHashMap<>();
    for (ByteBuffer handle : entries(index).values()) {
      entries.putAll(entries(block(f, readHandle(handle, f))));
    }
    return entries;
  }

  private static long[] readHandle(ByteBuffer in, ByteBuffer file) {
    long offset = ProtoWire.varint(in);
    long size = ProtoWire.varint(in);
    if (offset < 0 || size < 0 || offset + size + TRAILER > file.capacity()) {
      throw new IllegalArgumentException("block handle (" + offset + ", " + size + ") outside the file");
    }
    return new long[] {offset, size};
  }

  private static ByteBuffer block(ByteBuffer file, long[] handle) {
    int offset = (int) handle[0];
    int size = (int) handle[1];
    byte compression = file.get(offset + size);
    if (compression != 0) {
      throw new IllegalArgumentException("block at " + offset + " is compressed (type " + compression
          + "); only uncompressed tables are supported");
    }
    return file.duplicate().position(offset).limit(offset + size).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Map<String, ByteBuffer> entries(ByteBuffer block) {
    int size = block.capacity();
    if (size < 4) {
      throw new IllegalArgumentException("block of " + size + " bytes has no restart count");
    }
    int restarts = block.getInt(size - 4);
    long dataEnd = size - 4 - 4L * restarts;
    if (restarts < 0 || dataEnd < 0) {
      throw new IllegalArgumentException("block restart count " + restarts + " does not fit its " + size
          + " bytes");
    }
    ByteBuffer in = block.duplicate().limit((int) dataEnd);
    Map<String, ByteBuffer> out = new LinkedHashMap<>();
    byte[] key = new byte[0];
    while (in.hasRemaining()) {
      int shared = ProtoWire.length(in);
      int unshared = ProtoWire.length(in);
      int valueLength = ProtoWire.length(in);
      if (shared > key.length) {
        throw new IllegalArgumentException("entry shares " + shared + " bytes with a " + key.length
            + "-byte key");
      }
      byte[] next = new byte[shared + unshared];
      System.arraycopy(key, 0, next, 0, shared);
      ProtoWire.slice(in, unshared).get(next, shared, unshared);
      key = next;
      out.put(new String(key, StandardCharsets.UTF_8), ProtoWire.slice(in, valueLength));
    }
    return out;
  }
}
