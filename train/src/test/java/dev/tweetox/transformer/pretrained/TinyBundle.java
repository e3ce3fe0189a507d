package dev.tweetox.transformer.pretrained;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes a minimal TensorFlow bundle (one data block, prefix-compressed keys, float32 tensors) the way TF lays it
 * out, so the reader can be tested without the 408 MB checkpoint.
 */
final class TinyBundle {
  private final Map<String, long[]> shapes = new TreeMap<>();
  private final Map<String, float[]> values = new LinkedHashMap<>();

  TinyBundle add(String name, long[] shape, float... data) {
    shapes.put(name, shape);
    values.put(name, data);
    return this;
  }

  /** Writes {@code prefix.index} and {@code prefix.data-00000-of-00001}; {@code corruptCrc} flips one checksum. */
  void write(Path prefix, boolean corruptCrc) throws Exception {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    Map<String, byte[]> entries = new TreeMap<>();
    entries.put("", new byte[] {8, 1, 16, 0}); // BundleHeaderProto: num_shards 1, endianness LITTLE
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      float[] v = values.get(e.getKey());
      ByteBuffer bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float f : v) {
        bytes.putFloat(f);
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes.array());
      int masked = TfBundleReader.mask((int) crc.getValue()) + (corruptCrc ? 1 : 0);
      ByteArrayOutputStream proto = new ByteArrayOutputStream();
      proto.write(1 << 3);
      varint(proto, 1); // dtype float
      ByteArrayOutputStream shape = new ByteArrayOutputStream();
      for (long d : e.getValue()) {
        shape.write(2 << 3 | 2);
        varint(shape, 1 + varintLength(d));
        shape.write(1 << 3);
        varint(shape, d);
      }
      proto.write(2 << 3 | 2);
      varint(proto, shape.size());
      proto.write(shape.toByteArray());
      proto.write(4 << 3);
      varint(proto, data.size());
      proto.write(5 << 3);
      varint(proto, bytes.capacity());
      proto.write(6 << 3 | 5);
      proto.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array());
      entries.put(e.getKey(), proto.toByteArray());
      data.write(bytes.array());
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    long[] dataHandle = block(file, entries);
    String lastKey = ((TreeMap<String, byte[]>) entries).lastKey();
    long[] metaHandle = block(file, Map.of());
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    varint(handle, dataHandle[0]);
    varint(handle, dataHandle[1]);
    long[] indexHandle = block(file, Map.of(lastKey + "~", handle.toByteArray()));
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    varint(footer, metaHandle[0]);
    varint(footer, metaHandle[1]);
    varint(footer, indexHandle[0]);
    varint(footer, indexHandle[1]);
    footer.write(new byte[40 - footer.size()]);
    footer.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SstableReader.MAGIC).array());
    file.write(footer.toByteArray());
    Files.write(prefix.resolveSibling(prefix.getFileName() + ".index"), file.toByteArray());
    Files.write(prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001"), data.toByteArray());
  }

  /** Appends a block with prefix-compressed keys, one restart point, and a 5-byte trailer; returns its handle. */
  private static long[] block(ByteArrayOutputStream file, Map<String, byte[]> sorted) throws Exception {
    long offset = file.size();
    byte[] prev = new byte[0];
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : new TreeMap<>(sorted).entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      int shared = 0;
      while (shared < Math.min(prev.length, key.length) && prev[shared] == key[shared]) {
        shared++;
      }
      varint(b, shared);
      varint(b, key.length - shared);
      varint(b, e.getValue().length);
      b.write(key, shared, key.length - shared);
      b.write(e.getValue());
      prev = key;
    }
    b.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(1).array());
    file.write(b.toByteArray());
    file.write(new byte[5]);
    return new long[] {offset, b.size()};
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static int varintLength(long v) {
    int n = 1;
    while ((v & ~0x7fL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }
}
