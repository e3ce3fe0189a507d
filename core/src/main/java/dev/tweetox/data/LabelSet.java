package dev.tweetox.data;

import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed mapping from label values to class indices.
 *
 * <p>The rule (documented in the README): sentiment labels, written either as {@code -1/0/1} or as
 * {@code negative/neutral/positive} in any case, always map to negative=0, neutral=1, positive=2. Any other label
 * set is sorted, numerically if every value is an integer, otherwise by string, and indexed in that order. A config
 * may also give the order explicitly.
 *
 * @param values the label values as they appear in data files, in index order
 * @param names human-readable class names, in index order
 */
public record LabelSet(List<String> values, List<String> names) {
  private static final List<String> SENTIMENT_NAMES = List.of("negative", "neutral", "positive");
  private static final List<String> SENTIMENT_INTS = List.of("-1", "0", "1");

  public LabelSet {
    values = List.copyOf(values);
    names = List.copyOf(names);
    if (values.size() != names.size()) {
      throw new IllegalArgumentException("values and names differ in size");
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("duplicate label values: " + values);
    }
  }

  /** The notebook's three sentiment classes. */
  public static LabelSet sentiment() {
    return new LabelSet(SENTIMENT_NAMES, SENTIMENT_NAMES);
  }

  /** Builds the label set for the distinct values seen in a file, following the documented rule. */
  public static LabelSet infer(Collection<String> seenValues) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String v : seenValues) {
      distinct.add(v.trim());
    }
    Set<String> lower = new LinkedHashSet<>();
    distinct.forEach(v -> lower.add(v.toLowerCase(Locale.ROOT)));
    if (SENTIMENT_INTS.containsAll(distinct) && distinct.size() >= 2) {
      return new LabelSet(SENTIMENT_INTS, SENTIMENT_NAMES);
    }
    if (SENTIMENT_NAMES.containsAll(lower) && lower.size() >= 2) {
      return sentiment();
    }
    List<String> sorted = new ArrayList<>(distinct);
    boolean allInts = sorted.stream().allMatch(LabelSet::isInteger);
    sorted.sort(allInts ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
    return new LabelSet(sorted, sorted);
  }

  /** Uses the order given in a config. */
  public static LabelSet explicit(List<String> order) {
    return new LabelSet(order, order);
  }

  public int size() {
    return values.size();
  }

  public String name(int index) {
    return names.get(index);
  }

  /**
   * Index of a label value as written in a file. Sentiment sets accept both spellings and any letter case.
   *
   * @throws TweetoxException naming the value and the known ones
   */
  public int indexOf(String value, String where) {
    Integer idx = lookup().get(normalise(value));
    if (idx == null) {
      throw new TweetoxException(
          where + ": unknown label '" + value + "'; known labels are " + values
              + " (set data.labels in the config to declare the label set)");
    }
    return idx;
  }

  public boolean isSentiment() {
    return names.equals(SENTIMENT_NAMES);
  }

  private Map<String, Integer> lookup() {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      map.put(normalise(values.get(i)), i);
      map.put(normalise(names.get(i)), i);
      if (isSentiment()) {
        map.put(SENTIMENT_INTS.get(i), i);
      }
    }
    return map;
  }

  private static String normalise(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("+") && isInteger(t.substring(1)) ? t.substring(1) : t;
  }

  private static boolean isInteger(String s) {
    try {
      Long.parseLong(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
