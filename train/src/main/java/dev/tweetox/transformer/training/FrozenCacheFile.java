package dev.tweetox.transformer.training;

import dev.tweetox.bert.tokenizer.Encoding;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A frozen-layer cache as a file, memory-mapped for reading, so the values live in the page cache (shared, evictable
 * and not on the Java heap) and survive a killed run. Little-endian layout:
 * <pre>
 *   header   "TWXFROZ1", version, precision code, layers, hidden, count, 0, key (32 bytes), lengths int[count]
 *   values   per example in index order, length x hidden 16-bit floats (from a 64-byte aligned offset)
 *   trailer  CRC32 per example int[count], CRC32 of header + per-example CRCs, "TWXFEND1"
 * </pre>
 * The key is the SHA-256 of everything the values depend on (see {@link #key}). The file is written to a temp file,
 * trailer and then header last, forced to disk and renamed into place; a reader checks size, magics, key, lengths
 * and every CRC before mapping, so a truncated, corrupt or stale file is rebuilt, never loaded.
 */
public final class FrozenCacheFile {
  private static final byte[] MAGIC = "TWXFROZ1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "TWXFEND1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int FIXED_HEADER = 64;
  /** One mapping holds at most this many bytes (a MappedByteBuffer is int-indexed). */
  static final long MAX_SEGMENT = 1L << 30;

  /**
   * What a file must hold to be reused.
   *
   * @param key SHA-256 of the inputs, see {@link #key}
   * @param precision {@code FLOAT16} or {@code BFLOAT16}
   */
  public record Spec(byte[] key, int layers, int hidden, FrozenCache.Precision precision, int[] lengths) {
    public Spec {
      if (precision == FrozenCache.Precision.FLOAT32) {
        throw new IllegalArgumentException("cache files store 16-bit values");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("key must be a SHA-256 digest");
      }
    }

    long dataStart() {
      return align(FIXED_HEADER + 4L * lengths.length);
    }

    long valuesBytes() {
      long n = 0;
      for (int len : lengths) {
        n += (long) len * hidden;
      }
      return n * 2;
    }

    long fileBytes() {
      return dataStart() + valuesBytes() + 4L * lengths.length + 4 + END.length;
    }
  }

  private FrozenCacheFile() {}

  /** The file of one split's cache ({@code train}, {@code val}) in a cache directory. */
  public static String fileName(String split) {
    return "frozen-" + split + ".cache";
  }

  /**
   * SHA-256 of everything the cached values depend on: the frozen weights ({@code weights}, e.g. a digest of their
   * values), the frozen layer count, the max length, the storage precision, and every example's token and type ids
   * in order, which carry the tokenizer, the cleaning settings and the split's membership and order.
   */
  public static byte[] key(String weights, int layers, int maxLength, FrozenCache.Precision precision,
      TokenizedSet data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((VERSION + "|" + weights + "|" + layers + "|" + maxLength + "|" + precision + "|")
          .getBytes(StandardCharsets.UTF_8));
      for (Encoding e : data.encodings()) {
        ByteBuffer b = ByteBuffer.allocate(4 * (e.ids().length + e.typeIds().length + 1));
        b.putInt(e.ids().length);
        for (int id : e.ids()) {
          b.putInt(id);
        }
        for (int t : e.typeIds()) {
          b.putInt(t);
        }
        md.update(b.array());
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A damaged or stale file: the reason, for the log line, says which check failed. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason);
    }
  }

  /**
   * The cache in {@code file} when it is valid for {@code spec}; otherwise computes it with {@code compute} (which
   * feeds every example to the sink it is given), writes it atomically and maps the new file. Says which in one
   * line on {@code log}.
   */
  public static FrozenCache loadOrBuild(Path file, Spec spec, Consumer<FrozenCache.Sink> compute, PrintWriter log) {
    String why;
    if (Files.exists(file)) {
      try {
        FrozenCache cache = open(file, spec);
        log.printf(Locale.ROOT, "frozen cache: reusing %s (%d tweets, %.0f MB, key %s)%n", file, cache.size(),
            cache.bytes() / 1e6, HexFormat.of().formatHex(spec.key(), 0, 4));
        log.flush();
        return cache;
      } catch (Unusable e) {
        why = e.getMessage();
      }
    } else {
      why = "none yet";
    }
    log.printf(Locale.ROOT, "frozen cache: building %s (%s)%n", file, why);
    log.flush();
    write(file, spec, compute);
    try {
      return open(file, spec, false);
    } catch (Unusable e) {
      throw new IllegalStateException("the frozen cache just written to " + file + " does not read back (" + e
          .getMessage() + "); is the disk failing?", e);
    }
  }

  /** Computes the values into a temp file beside {@code file}, then moves it into place. */
  static void write(Path file, Spec spec, Consumer<FrozenCache.Sink> compute) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      deleteStaleTemps(dir, file.getFileName().toString());
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        long[] offsets = offsets(spec);
        int[] crcs = new int[spec.lengths().length];
        boolean[] seen = new boolean[crcs.length];
        compute.accept((example, src, from, count) -> {
          if (count != spec.lengths()[example] * spec.hidden()) {
            throw new IllegalStateException("example " + example + ": " + count + " values, expected "
                + spec.lengths()[example] * spec.hidden());
          }
          ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i < count; i++) {
            b.putShort(spec.precision().encode(src[from + i]));
          }
          CRC32 crc = new CRC32();
          crc.update(b.array());
          crcs[example] = (int) crc.getValue();
          seen[example] = true;
          try {
            writeFully(ch, b.flip(), offsets[example]);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        for (int i = 0; i < seen.length; i++) {
          if (!seen[i]) {
            throw new IllegalStateException("the frozen forward skipped example " + i);
          }
        }
        ByteBuffer header = header(spec);
        ByteBuffer trailer = ByteBuffer.allocate(4 * crcs.length + 4 + END.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : crcs) {
          trailer.putInt(c);
        }
        trailer.putInt(headerCrc(header, trailer.array(), crcs.length));
        trailer.put(END);
        writeFully(ch, trailer.flip(), spec.dataStart() + spec.valuesBytes());
        writeFully(ch, header, 0); // last: a file without its magic is never taken as a cache
        ch.force(true);
      }
      AtomicFiles.move(tmp, file);
      tmp = null;
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UncheckedIOException("Could not write the frozen-layer cache " + file + " (" + io.getMessage()
          + "); it needs about " + spec.fileBytes() / 1_000_000 + " MB free there, or set"
          + " transformer.cacheFrozen=false", io);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a dot-named leftover is removed by the next build
        }
      }
    }
  }

  static FrozenCache open(Path file, Spec spec) throws Unusable {
    return open(file, spec, true);
  }

  private static FrozenCache open(Path file, Spec spec, boolean reused) throws Unusable {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < FIXED_HEADER) {
        throw new Unusable("truncated: " + ch.size() + " bytes");
      }
      ByteBuffer fixed = read(ch, 0, FIXED_HEADER);
      byte[] magic = new byte[MAGIC.length];
      fixed.get(magic);
      if (!Arrays.equals(magic, MAGIC) || fixed.getInt() != VERSION) {
        throw new Unusable("not a version-" + VERSION + " tweetox frozen cache");
      }
      int precision = fixed.getInt();
      int layers = fixed.getInt();
      int hidden = fixed.getInt();
      int count = fixed.getInt();
      fixed.getInt();
      byte[] key = new byte[32];
      fixed.get(key);
      if (precision != spec.precision().ordinal() || layers != spec.layers() || hidden != spec.hidden()
          || count != spec.lengths().length || !Arrays.equals(key, spec.key())) {
        throw new Unusable("written for other inputs (key " + HexFormat.of().formatHex(key, 0, 4) + ", now "
            + HexFormat.of().formatHex(spec.key(), 0, 4) + ")");
      }
      if (ch.size() != spec.fileBytes()) {
        throw new Unusable("truncated or padded: " + ch.size() + " bytes, expected " + spec.fileBytes());
      }
      ByteBuffer header = read(ch, 0, (int) spec.dataStart());
      ByteBuffer lengths = header.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(FIXED_HEADER);
      for (int i = 0; i < count; i++) {
        if (lengths.getInt() != spec.lengths()[i]) {
          throw new Unusable("example " + i + " has another token count");
        }
      }
      long trailerAt = spec.dataStart() + spec.valuesBytes();
      ByteBuffer trailer = read(ch, trailerAt, (int) (ch.size() - trailerAt));
      byte[] end = new byte[END.length];
      trailer.get(trailer.limit() - END.length, end);
      int[] crcs = new int[count];
      for (int i = 0; i < count; i++) {
        crcs[i] = trailer.getInt(4 * i);
      }
      if (!Arrays.equals(end, END)
          || trailer.getInt(4 * count) != headerCrc(header.position(0), trailer.array(), count)) {
        throw new Unusable("damaged header or trailer");
      }
      return new FrozenCache(layers, hidden, spec.precision(), spec.lengths(), map(ch, spec, crcs), reused);
    } catch (IOException e) {
      throw new Unusable("unreadable: " + e.getMessage());
    }
  }

  /** Maps the values in segments of whole examples, checking each example's CRC on the way. */
  private static FrozenCache.Rows map(FileChannel ch, Spec spec, int[] crcs) throws IOException, Unusable {
    int n = spec.lengths().length;
    int[] segmentOf = new int[n];
    int[] shortOffset = new int[n];
    List<ShortBuffer> segments = new ArrayList<>();
    long[] offsets = offsets(spec);
    int first = 0;
    while (first < n) {
      int last = first;
      long end = offsets[first];
      while (last < n && end + rowBytes(spec, last) - offsets[first] <= MAX_SEGMENT) {
        end += rowBytes(spec, last);
        last++;
      }
      ByteBuffer seg = ch.map(FileChannel.MapMode.READ_ONLY, offsets[first], end - offsets[first])
          .order(ByteOrder.LITTLE_ENDIAN);
      CRC32 crc = new CRC32();
      for (int i = first; i < last; i++) {
        int at = (int) (offsets[i] - offsets[first]);
        crc.reset();
        crc.update(seg.duplicate().position(at).limit(at + (int) rowBytes(spec, i)));
        if ((int) crc.getValue() != crcs[i]) {
          throw new Unusable("example " + i + " fails its CRC check");
        }
        segmentOf[i] = segments.size();
        shortOffset[i] = at / 2;
      }
      segments.add(seg.asShortBuffer());
      first = last;
    }
    FrozenCache.Precision p = spec.precision();
    int hidden = spec.hidden();
    int[] lengths = spec.lengths();
    return (example, dst, offset) -> {
      short[] codes = new short[lengths[example] * hidden];
      segments.get(segmentOf[example]).get(shortOffset[example], codes);
      for (int i = 0; i < codes.length; i++) {
        dst[offset + i] = p.decode(codes[i]);
      }
    };
  }

  private static long rowBytes(Spec spec, int example) {
    return 2L * spec.lengths()[example] * spec.hidden();
  }

  private static long[] offsets(Spec spec) {
    long[] offsets = new long[spec.lengths().length];
    long at = spec.dataStart();
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = at;
      at += rowBytes(spec, i);
    }
    return offsets;
  }

  private static ByteBuffer header(Spec spec) {
    ByteBuffer b = ByteBuffer.allocate((int) spec.dataStart()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(spec.precision().ordinal()).putInt(spec.layers()).putInt(spec.hidden())
        .putInt(spec.lengths().length).putInt(0).put(spec.key());
    for (int len : spec.lengths()) {
      b.putInt(len);
    }
    return b.position(0);
  }

  private static int headerCrc(ByteBuffer header, byte[] trailer, int count) {
    CRC32 crc = new CRC32();
    crc.update(header.duplicate().position(0));
    crc.update(trailer, 0, 4 * count);
    return (int) crc.getValue();
  }

  private static ByteBuffer read(FileChannel ch, long at, int bytes) throws IOException, Unusable {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new Unusable("truncated");
      }
    }
    return b.flip();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  /** Temp files of a killed build (the same name, dot-prefixed): a new build replaces them. */
  private static void deleteStaleTemps(Path dir, String name) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + name + "*.tmp")) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static long align(long n) {
    return (n + 63) / 64 * 64;
  }
}
