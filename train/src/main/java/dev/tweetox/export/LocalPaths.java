package dev.tweetox.export;

import java.util.regex.Pattern;

/**
 * Reduces absolute file paths in text to their last segment. A bundle is shared, so the logs it copies must not
 * carry the exporting machine's folders or user name; a file name still says which data a run read.
 */
final class LocalPaths {
  /** {@code /a/b/c.csv} not preceded by a word, dot, colon or slash (so URLs like {@code http://x/y} survive). */
  private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.:/])/(?:[^\\s\"',;/]+/)+([^\\s\"',;/]+)");

  private LocalPaths() {}

  static String strip(String text) {
    return ABSOLUTE.matcher(text).replaceAll("$1");
  }

  /** {@code strip} for a table cell: strings are stripped, numbers and empty cells kept. */
  static Object strip(Object cell) {
    return cell instanceof String s ? strip(s) : cell;
  }
}
