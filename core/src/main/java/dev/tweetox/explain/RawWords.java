package dev.tweetox.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.IndexedEmoji;

/**
 * The words an explanation scores: the raw text's whitespace-separated chunks, with each emoji split off as its own
 * word ("so happy😍😍" is "so", "happy", "😍", "😍"). Punctuation stays with its word ("hate!!"): cleaning and the
 * baseline's character n-grams read them together. Explanations work on these raw words, never on cleaned text, so
 * their offsets always point into what the user sent.
 */
public final class RawWords {
  private RawWords() {}

  /** The words of {@code raw} in order, each with its offsets in {@code raw}. */
  public static List<WordScore> of(String raw) {
    TreeSet<Integer> cuts = new TreeSet<>();
    if (EmojiManager.containsAnyEmoji(raw)) {
      for (IndexedEmoji e : EmojiManager.extractEmojisInOrderWithIndex(raw)) {
        cuts.add(e.getCharIndex());
        cuts.add(e.getEndCharIndex());
      }
    }
    List<WordScore> words = new ArrayList<>();
    int i = 0;
    while (i < raw.length()) {
      while (i < raw.length() && isSpace(raw.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < raw.length() && !isSpace(raw.charAt(i))) {
        i++;
      }
      int from = start;
      for (Integer cut : cuts.subSet(start, false, i, false)) {
        words.add(new WordScore(raw.substring(from, cut), from, cut, 0));
        from = cut;
      }
      if (i > from) {
        words.add(new WordScore(raw.substring(from, i), from, i, 0));
      }
    }
    return words;
  }

  /** At most {@code max} words: longer texts get runs of adjacent words merged into one span, evenly. */
  static List<WordScore> atMost(String raw, List<WordScore> words, int max) {
    if (words.size() <= max) {
      return words;
    }
    List<WordScore> merged = new ArrayList<>(max);
    for (int g = 0; g < max; g++) {
      int from = (int) ((long) g * words.size() / max);
      int to = (int) ((long) (g + 1) * words.size() / max);
      int start = words.get(from).start();
      int end = words.get(to - 1).end();
      merged.add(new WordScore(raw.substring(start, end), start, end, 0));
    }
    return merged;
  }

  /** Whitespace as Java and Unicode see it, no-break spaces included (the cleaner collapses those too). */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
