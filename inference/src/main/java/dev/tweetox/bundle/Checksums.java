package dev.tweetox.bundle;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes and checks a bundle's {@code SHA256SUMS} in the format of GNU {@code sha256sum} ({@code <hex>  <path>},
 * paths relative to the bundle with {@code /}), so {@code sha256sum -c SHA256SUMS} checks it too.
 */
public final class Checksums {
  /** A bundle lists a few dozen files; anything far larger is not a checksum file. */
  static final long MAX_BYTES = 1L << 20;

  private Checksums() {}

  /** Hashes every regular file under {@code dir} except the checksum file itself and writes the list, sorted. */
  public static Map<String, String> write(Path dir) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String rel : files(dir)) {
      if (!rel.equals(Bundle.CHECKSUMS)) {
        sums.put(rel, sha256(dir.resolve(rel)));
      }
    }
    StringBuilder out = new StringBuilder();
    sums.forEach((rel, hex) -> out.append(hex).append("  ").append(rel).append('\n'));
    AtomicFiles.writeString(dir.resolve(Bundle.CHECKSUMS), out.toString());
    return sums;
  }

  /**
   * Checks every file listed in {@code SHA256SUMS} and that each of {@code required} is listed.
   *
   * @return relative path to hex digest, in file order
   * @throws TweetoxException naming the first file that is missing or does not match, and saying to re-export
   */
  public static Map<String, String> verify(Path dir, List<String> required) {
    Map<String, String> sums = read(dir);
    for (String r : required) {
      if (!sums.containsKey(r)) {
        throw new TweetoxException("bundle " + dir + ": " + Bundle.CHECKSUMS + " does not list " + r
            + ", so it cannot be trusted; re-export the bundle with `tweetox export`");
      }
    }
    sums.forEach((rel, expected) -> {
      Path file = dir.resolve(rel);
      if (!Files.isRegularFile(file)) {
        throw new TweetoxException("bundle " + dir + ": " + rel + " is listed in " + Bundle.CHECKSUMS
            + " but missing; re-export the bundle with `tweetox export`");
      }
      if (!sha256(file).equals(expected)) {
        throw new TweetoxException("bundle " + dir + ": " + rel + " does not match its SHA-256 in "
            + Bundle.CHECKSUMS + " (changed or corrupted since export); re-export the bundle with `tweetox export`");
      }
    });
    return sums;
  }

  /**
   * Throws unless every file under {@code subdir} of the bundle is in {@code sums} (as returned by {@link #verify}),
   * so a file slipped in after export is never loaded unchecked.
   */
  public static void requireListed(Path dir, Map<String, String> sums, String subdir) {
    for (String rel : files(dir.resolve(subdir))) {
      String full = subdir + "/" + rel;
      if (!sums.containsKey(full)) {
        throw new TweetoxException("bundle " + dir + ": " + full + " is not listed in " + Bundle.CHECKSUMS
            + ", so it cannot be trusted; re-export the bundle with `tweetox export`");
      }
    }
  }

  static Map<String, String> read(Path dir) {
    Path file = dir.resolve(Bundle.CHECKSUMS);
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TweetoxException(file + " is " + size + " bytes, more than a checksum list can be; re-export"
            + " the bundle with `tweetox export`");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot read (" + e.getMessage() + "); re-export the bundle", e);
    }
    Map<String, String> sums = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}")
          || !(line.startsWith("  ", 64) || line.startsWith(" *", 64))) {
        throw new TweetoxException(where + ": expected '<64 hex digits>  <file>'; re-export the bundle");
      }
      String rel = line.substring(66);
      if (rel.startsWith("/") || rel.contains("\\") || List.of(rel.split("/")).contains("..")) {
        throw new TweetoxException(where + ": path '" + rel + "' leaves the bundle; re-export the bundle");
      }
      if (sums.put(rel, line.substring(0, 64)) != null) {
        throw new TweetoxException(where + ": " + rel + " is listed twice; re-export the bundle");
      }
    }
    return sums;
  }

  /** Relative paths ({@code /}-separated) of the regular files under {@code dir}, sorted. */
  public static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The file's SHA-256 as lower-case hex, streamed so large weights never sit in the heap. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
