package dev.tweetox.data;

import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A data file's decoded text and fingerprint, shared by the data loader and {@code predict}'s input reader. The whole file is held in memory: tweet data sets are a few MB, and
 * having the bytes lets an encoding error be traced back to its row.
 *
 * @param source the path as given, or {@code bundled:<name>}
 * @param fileName the file name, without {@code .gz}, used to pick CSV, TSV or JSONL
 * @param text the content, decoded leniently (bad bytes become U+FFFD) and without a leading byte-order mark
 * @param fingerprint lowercase hex SHA-256 of the (decompressed) bytes, BOM included
 * @param badUtf8 byte offset of the first malformed UTF-8 sequence, if any
 * @param badUtf8Char the char offset in {@code text} where that sequence starts
 * @param badUtf8Line the 1-based line holding it
 */
public record SourceText(String source, String fileName, String text, String fingerprint,
    OptionalInt badUtf8, int badUtf8Char, long badUtf8Line) {

  public static SourceText read(Path file) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new TweetoxException(source + " is a directory; pass a CSV, TSV or JSONL file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return of(source, file.getFileName().toString(), in);
    } catch (NoSuchFileException e) {
      throw new TweetoxException("data file " + source + " does not exist; check data.path (or --data)");
    } catch (AccessDeniedException e) {
      throw new TweetoxException("data file " + source + " cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + source + ": " + e.getMessage(), e);
    }
  }

  /** Reads a data set shipped inside the jar; {@code source} is how messages name it. */
  static SourceText resource(String name, String source) {
    String path = "/dev/tweetox/data/" + name;
    try (InputStream in = SourceText.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("bundled data " + path + " is missing from the classpath");
      }
      return of(source, name, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read bundled " + path + ": " + e.getMessage(), e);
    }
  }

  public static SourceText of(String source, String fileName, InputStream raw) throws IOException {
    byte[] bytes;
    String name = fileName;
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      name = fileName.substring(0, fileName.length() - 3);
      try (InputStream gz = new GZIPInputStream(raw)) {
        bytes = gz.readAllBytes();
      } catch (ZipException | java.io.EOFException e) {
        throw new TweetoxException(source + " is not a valid gzip file (" + e.getMessage()
            + "); decompress it or drop the .gz extension");
      }
    } else {
      bytes = raw.readAllBytes();
    }
    return decode(source, name, bytes);
  }

  static SourceText decode(String source, String fileName, byte[] bytes) {
    String fingerprint = TextIds.sha256Hex(bytes);
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = strict.decode(in, out, true);
    if (!result.isError()) {
      strict.flush(out);
      return new SourceText(source, fileName, out.flip().toString(), fingerprint, OptionalInt.empty(), -1, -1);
    }
    int badByte = in.position();
    int badChar = out.position();
    long line = 1;
    for (int i = 0; i < badByte; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    String lenient = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    return new SourceText(source, fileName, lenient, fingerprint, OptionalInt.of(badByte), badChar, line);
  }

  boolean isBlank() {
    return text.isBlank();
  }

  /** The message for the first malformed byte, given the data row that holds it (0 for the header). */
  TweetoxException utf8Error(long row) {
    String where = row <= 0 ? source + " line " + badUtf8Line + (row == 0 ? " (header)" : "")
        : RawRow.where(source, row, badUtf8Line);
    return new TweetoxException(where + ": not valid UTF-8 (bad byte at offset " + badUtf8.getAsInt()
        + "); re-save the file as UTF-8");
  }
}
