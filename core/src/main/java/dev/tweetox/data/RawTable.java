package dev.tweetox.data;

import java.util.List;

/**
 * A data file as read: its rows, where they came from and what was detected.
 *
 * @param source the path as given, or {@code bundled:<name>}
 * @param fingerprint lowercase hex SHA-256 of the file's bytes (after gzip decompression)
 * @param layout the detected layout: {@code notebook}, {@code tse}, {@code generic} or {@code custom}
 * @param columns the text, label and (possibly empty) id column names as spelled in the file
 * @param idsFromColumn true when ids come from an id column rather than text hashes
 * @param blankLines blank lines skipped
 */
record RawTable(
    String source,
    String fingerprint,
    String layout,
    Columns columns,
    boolean idsFromColumn,
    List<RawRow> rows,
    long blankLines) {

  /** Column names as spelled in the file's header; {@code id} is empty when there is none. */
  record Columns(String text, String label, String id) {}
}
