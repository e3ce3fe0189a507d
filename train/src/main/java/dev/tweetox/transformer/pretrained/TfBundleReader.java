package dev.tweetox.transformer.pretrained;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.TensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a TensorFlow checkpoint ("tensor bundle"): {@code variables.index}, a LevelDB table of BundleEntryProto
 * keyed by variable name, and {@code variables.data-0000k-of-0000n} shards of raw little-endian values. Only
 * float32 tensors can be read; others (e.g. {@code global_step}) are listed with their dtype so callers can skip
 * them. Each read checks the entry's bounds and its masked CRC-32C.
 */
public final class TfBundleReader {
  /** TensorFlow's DataType enum value for float32. */
  public static final int DT_FLOAT = 1;

  /** One variable: TF dtype code, shape, which shard, byte range in the shard, masked CRC-32C of the bytes. */
  public record Entry(String name, int dtype, long[] shape, int shard, long offset, long size, int crc32c) {}

  private final Path index;
  private final Map<String, Entry> entries;
  private final List<ByteBuffer> shards;

  private TfBundleReader(Path index, Map<String, Entry> entries, List<ByteBuffer> shards) {
    this.index = index;
    this.entries = entries;
    this.shards = shards;
  }

  /**
   * Opens the bundle with the given prefix, e.g. {@code dir/variables/variables} for
   * {@code variables.index} + {@code variables.data-00000-of-00001}.
   */
  public static TfBundleReader open(Path prefix) {
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    if (!Files.isRegularFile(index)) {
      throw new TweetoxException("TensorFlow bundle index " + index + " does not exist: point to a directory"
          + " holding variables/variables.index and its data file");
    }
    try {
      ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(index));
      Map<String, ByteBuffer> raw = SstableReader.readAll(file);
      int numShards = 1;
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, ByteBuffer> e : raw.entrySet()) {
        if (e.getKey().isEmpty()) {
          numShards = parseHeader(e.getValue());
        } else {
          entries.put(e.getKey(), parseEntry(e.getKey(), e.getValue()));
        }
      }
      List<ByteBuffer> shards = new ArrayList<>();
      for (int s = 0; s < numShards; s++) {
        Path data = prefix.resolveSibling(String.format(Locale.ROOT, "%s.data-%05d-of-%05d",
            prefix.getFileName(), s, numShards));
        shards.add(map(data));
      }
      for (Entry e : entries.values()) {
        if (e.shard() < 0 || e.shard() >= numShards || e.offset() < 0 || e.size() < 0
            || e.offset() + e.size() > shards.get(e.shard()).capacity()) {
          throw new TweetoxException("TensorFlow bundle " + index + ": variable " + e.name() + " points outside"
              + " its data shard; the checkpoint is truncated or corrupt, re-download it");
        }
      }
      return new TfBundleReader(index, Collections.unmodifiableMap(entries), shards);
    } catch (IllegalArgumentException e) {
      throw new TweetoxException("TensorFlow bundle index " + index + " is malformed (" + e.getMessage()
          + "); delete it so it is extracted again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + index + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer map(Path data) throws IOException {
    if (!Files.isRegularFile(data)) {
      throw new TweetoxException("TensorFlow bundle data file " + data + " does not exist; the checkpoint is"
          + " incomplete, extract it again");
    }
    try (FileChannel ch = FileChannel.open(data)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private static int parseHeader(ByteBuffer in) {
    int numShards = 1;
    while (in.hasRemaining()) {
      int tag = ProtoWire.length(in);
      if (tag == (1 << 3 | ProtoWire.VARINT)) {
        numShards = ProtoWire.length(in);
      } else if (tag == (2 << 3 | ProtoWire.VARINT)) {
        if (ProtoWire.varint(in) != 0) {
          throw new IllegalArgumentException("bundle is big-endian; only little-endian bundles are supported");
        }
      } else {
        ProtoWire.skip(in, tag & 7);
      }
    }
    return numShards;
  }

  private static Entry parseEntry(String name, ByteBuffer in) {
    int dtype = 0;
    long[] shape = new long[0];
    int shard = 0;
    long offset = 0;
    long size = 0;
    int crc = 0;
    while (in.hasRemaining()) {
      int tag = ProtoWire.length(in);
      switch (tag) {
        case 1 << 3 | ProtoWire.VARINT -> dtype = (int) ProtoWire.varint(in);
        case 2 << 3 | ProtoWire.LENGTH_DELIMITED -> shape = parseShape(ProtoWire.slice(in, ProtoWire.length(in)));
        case 3 << 3 | ProtoWire.VARINT -> shard = (int) ProtoWire.varint(in);
        case 4 << 3 | ProtoWire.VARINT -> offset = ProtoWire.varint(in);
        case 5 << 3 | ProtoWire.VARINT -> size = ProtoWire.varint(in);
        case 6 << 3 | ProtoWire.FIXED32 -> crc = ProtoWire.slice(in, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        case 7 << 3 | ProtoWire.LENGTH_DELIMITED ->
            throw new IllegalArgumentException("variable " + name + " is partitioned into slices; not supported");
        default -> ProtoWire.skip(in, tag & 7);
      }
    }
    return new Entry(name, dtype, shape, shard, offset, size, crc);
  }

  /** TensorShapeProto: repeated field 2 Dim{1: size}. */
  private static long[] parseShape(ByteBuffer in) {
    List<Long> dims = new ArrayList<>();
    while (in.hasRemaining()) {
      int tag = ProtoWire.length(in);
      if (tag == (2 << 3 | ProtoWire.LENGTH_DELIMITED)) {
        ByteBuffer dim = ProtoWire.slice(in, ProtoWire.length(in));
        long size = 0;
        while (dim.hasRemaining()) {
          int t = ProtoWire.length(dim);
          if (t == (1 << 3 | ProtoWire.VARINT)) {
            size = ProtoWire.varint(dim);
          } else {
            ProtoWire.skip(dim, t & 7);
          }
        }
        dims.add(size);
      } else {
        ProtoWire.skip(in, tag & 7);
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  /** Every variable in the bundle, float or not, in key order. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** Reads a float32 variable, checking its byte size against its shape and its checksum. */
  public float[] readFloats(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new TweetoxException("TensorFlow bundle " + index + " has no variable " + name);
    }
    if (e.dtype() != DT_FLOAT) {
      throw new TweetoxException("TensorFlow bundle " + index + ": variable " + name + " has dtype " + e.dtype()
          + ", not float32");
    }
    long n = TensorSource.elements(e.shape());
    if (n * 4 != e.size() || n > Integer.MAX_VALUE) {
      throw new TweetoxException("TensorFlow bundle " + index + ": variable " + name + " holds " + e.size()
          + " bytes but its shape needs " + n * 4 + "; the checkpoint is corrupt");
    }
    ByteBuffer bytes = shards.get(e.shard()).duplicate().position((int) e.offset())
        .limit((int) (e.offset() + e.size())).slice();
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    if (mask((int) crc.getValue()) != e.crc32c()) {
      throw new TweetoxException("TensorFlow bundle " + index + ": variable " + name + " fails its CRC-32C"
          + " check; the data file is corrupt, delete the extracted copy and load again");
    }
    float[] out = new float[(int) n];
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** LevelDB/TF checksum masking, so that checksums of data containing checksums stay useful. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }
}
