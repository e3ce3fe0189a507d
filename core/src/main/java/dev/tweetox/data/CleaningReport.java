package dev.tweetox.data;

import dev.tweetox.config.ConflictPolicy;
import java.util.List;
import java.util.Locale;

/**
 * What loading and cleaning did to a file, for the log and the run report.
 *
 * @param rowsRead data rows read (blank lines not counted)
 * @param blankLines blank lines skipped
 * @param emptyRows rows dropped because the text or label cell was empty
 * @param emptyAfterCleaning rows dropped because cleaning left no text
 * @param duplicatesDropped rows dropped as exact duplicates (same cleaned text and same label)
 * @param conflictingTexts distinct cleaned texts seen with more than one label
 * @param conflictRowsDropped rows dropped by the conflict policy
 * @param conflictPolicy what was done with conflicting texts
 * @param conflictExamples up to 10 conflicting texts, alphabetically
 * @param rowsKept rows in the final data set
 */
public record CleaningReport(
    long rowsRead,
    long blankLines,
    long emptyRows,
    long emptyAfterCleaning,
    long duplicatesDropped,
    long conflictingTexts,
    long conflictRowsDropped,
    ConflictPolicy conflictPolicy,
    List<String> conflictExamples,
    long rowsKept) {

  public static final int MAX_EXAMPLES = 10;

  public CleaningReport {
    conflictExamples = List.copyOf(conflictExamples);
  }

  /** One paragraph for logs and reports. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Read %,d rows", rowsRead));
    if (blankLines > 0) {
      s.append(String.format(Locale.ROOT, " (%,d blank lines skipped)", blankLines));
    }
    s.append(String.format(Locale.ROOT, "; dropped %,d with an empty text or label, %,d left empty by cleaning "
        + "and %,d exact duplicates (same cleaned text and label). ", emptyRows, emptyAfterCleaning,
        duplicatesDropped));
    if (conflictingTexts == 0) {
      s.append("No text appeared with conflicting labels. ");
    } else {
      String action = switch (conflictPolicy) {
        case DROP -> "all their rows were dropped";
        case MAJORITY -> "the majority label was kept and ties dropped";
        case KEEP -> "all their rows were kept";
      };
      s.append(String.format(Locale.ROOT, "%,d texts appeared with conflicting labels; under policy '%s' %s "
          + "(%,d rows dropped), e.g. %s. ", conflictingTexts, conflictPolicy, action, conflictRowsDropped,
          examplesText()));
    }
    s.append(String.format(Locale.ROOT, "Kept %,d rows.", rowsKept));
    return s.toString();
  }

  private String examplesText() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(3, conflictExamples.size()); i++) {
      String t = conflictExamples.get(i);
      s.append(i == 0 ? "" : ", ").append('"').append(t.length() > 50 ? t.substring(0, 47) + "..." : t).append('"');
    }
    return s.toString();
  }
}
