package dev.tweetox.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids for rows without an id column: the first 16 hex characters (64 bits) of the SHA-256 of the raw UTF-8 text.
 * The id depends on the text alone, so re-ordering or appending rows never changes an existing row's id, and a saved
 * split stays valid.
 */
public final class TextIds {
  private TextIds() {}

  public static String of(String rawText) {
    return sha256Hex(rawText.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /** Full lowercase hex SHA-256 of some bytes; also used for data fingerprints. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
  }
}
