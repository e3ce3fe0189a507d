package dev.tweetox.data;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.DataFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the text, label and id columns from a header. Names match in any letter case. Columns set in the config
 * ({@code data.textColumn} etc.) always win; otherwise the layout comes from {@code data.format} or, for
 * {@code auto} and the generic formats, from the header: {@code review,label} is the notebook's export,
 * {@code textID,text,sentiment} is Tweet Sentiment Extraction (ids from {@code textID}), {@code text,label} is generic.
 */
final class ColumnResolver {
  private static final String EXPECTED = "expected review,label (notebook export), textID,text,sentiment "
      + "(Tweet Sentiment Extraction) or text,label; or set data.textColumn and data.labelColumn";

  /** The resolved columns as header indices; {@code id} is -1 when ids are text hashes. */
  record Resolved(String layout, int text, int label, int id, RawTable.Columns names) {}

  private ColumnResolver() {}

  static Resolved resolve(List<String> header, DataConfig config, String source) {
    String layout = layoutOf(header, config.format());
    String text = "text";
    String label = "label";
    String id = "";
    switch (layout) {
      case "notebook" -> text = "review";
      case "tse" -> {
        label = "sentiment";
        id = "textID";
      }
      case "generic" -> { }
      default -> {
        text = "";
        label = "";
      }
    }
    text = config.textColumn().isEmpty() ? text : config.textColumn();
    label = config.labelColumn().isEmpty() ? label : config.labelColumn();
    id = config.idColumn().isEmpty() ? id : config.idColumn();
    if (text.isEmpty() || label.isEmpty()) {
      throw new TweetoxException(source + ": cannot tell the text and label columns apart; the header has "
          + header + "; " + EXPECTED);
    }
    List<String> missing = new ArrayList<>();
    int t = find(header, text, missing, source);
    int l = find(header, label, missing, source);
    int i = id.isEmpty() ? -1 : find(header, id, missing, source);
    if (!missing.isEmpty()) {
      throw new TweetoxException(source + ": missing column" + (missing.size() > 1 ? "s " : " ") + missing
          + "; the header has " + header + "; " + EXPECTED);
    }
    boolean custom = !config.textColumn().isEmpty() || !config.labelColumn().isEmpty();
    RawTable.Columns names = new RawTable.Columns(header.get(t), header.get(l), i < 0 ? "" : header.get(i));
    return new Resolved(custom ? "custom" : layout, t, l, i, names);
  }

  /** The layout a format implies, detecting it from the header for the auto and generic formats. */
  private static String layoutOf(List<String> header, DataFormat format) {
    switch (format) {
      case NOTEBOOK, TSE -> {
        return format.key();
      }
      default -> {
        if (has(header, "review") && has(header, "label")) {
          return "notebook";
        }
        if (has(header, "textID") && has(header, "text") && has(header, "sentiment")) {
          return "tse";
        }
        return has(header, "text") && has(header, "label") ? "generic" : "unknown";
      }
    }
  }

  private static boolean has(List<String> header, String name) {
    return header.stream().anyMatch(h -> h.trim().equalsIgnoreCase(name));
  }

  private static int find(List<String> header, String name, List<String> missing, String source) {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        if (found >= 0) {
          throw new TweetoxException(source + ": the header names column '" + name + "' twice (columns "
              + (found + 1) + " and " + (i + 1) + "); rename one of them");
        }
        found = i;
      }
    }
    if (found < 0) {
      missing.add(name);
    }
    return found;
  }
}
