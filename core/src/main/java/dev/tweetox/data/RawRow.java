package dev.tweetox.data;

/**
 * One data row as read from a file, before cleaning.
 *
 * @param id the id cell, or empty when the table has no id column
 * @param text the raw text cell (may be blank: such rows are dropped as empty)
 * @param label the raw label cell (may be blank)
 * @param row 1-based data row, not counting the header or skipped blank lines
 * @param line 1-based physical line where the row starts (differs from the row when texts hold line breaks)
 */
record RawRow(String id, String text, String label, long row, long line) {
  /** "file row 17 (line 19)", the prefix of every message about this row. */
  String where(String source) {
    return where(source, row, line);
  }

  static String where(String source, long row, long line) {
    return source + " row " + row + " (line " + line + ")";
  }
}
