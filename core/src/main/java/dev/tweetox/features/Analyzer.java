package dev.tweetox.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a document into the terms a TF-IDF block counts. The two implementations follow scikit-learn's
 * {@code analyzer="word"} (with its default token pattern) and {@code analyzer="char_wb"}, so feature counts and
 * scores are comparable with Python results.
 */
public sealed interface Analyzer permits Analyzer.WordNgrams, Analyzer.CharWbNgrams {

  /** Receives one term occurrence and the characters of the document it was read from. */
  @FunctionalInterface
  interface SpanSink {
    /**
     * @param start offset in the document (not its lowercased copy) of the occurrence's first character
     * @param end one past its last character; an n-gram spans from its first word's start to its last word's end
     */
    void accept(String term, int start, int end);
  }

  /** Feeds every term occurrence of {@code doc} to {@code sink}, repeats included. */
  default void analyze(String doc, Consumer<String> sink) {
    analyzeSpans(doc, (term, start, end) -> sink.accept(term));
  }

  /**
   * As {@link #analyze}, with where each occurrence lies in {@code doc}: explanations map features back to words
   * with it, so it is the one implementation of the analysis.
   */
  void analyzeSpans(String doc, SpanSink sink);

  /** The name written to saved models: {@code word} or {@code char_wb}. */
  String name();

  int minN();

  int maxN();

  static Analyzer of(String name, int minN, int maxN) {
    return switch (name) {
      case "word" -> new WordNgrams(minN, maxN);
      case "char_wb" -> new CharWbNgrams(minN, maxN);
      default -> throw new IllegalArgumentException("unknown analyzer " + name);
    };
  }

  /**
   * Lower-cased tokens of two or more word characters ({@code (?U)\b\w\w+\b}), then n-grams of consecutive tokens
   * joined by one space.
   */
  record WordNgrams(int minN, int maxN) implements Analyzer {
    private static final Pattern TOKEN = Pattern.compile("(?U)\\b\\w\\w+\\b");

    public WordNgrams {
      if (minN < 1 || maxN < minN) {
        throw new IllegalArgumentException("need 1 <= minN <= maxN");
      }
    }

    @Override
    public String name() {
      return "word";
    }

    @Override
    public void analyzeSpans(String doc, SpanSink sink) {
      String lower = doc.toLowerCase(Locale.ROOT);
      int[] toDoc = docOffsets(doc, lower);
      Matcher m = TOKEN.matcher(lower);
      List<String> tokens = new ArrayList<>();
      List<int[]> spans = new ArrayList<>();
      while (m.find()) {
        tokens.add(m.group());
        spans.add(new int[] {m.start(), m.end()});
      }
      for (int n = minN; n <= Math.min(maxN, tokens.size()); n++) {
        for (int i = 0; i + n <= tokens.size(); i++) {
          sink.accept(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)),
              at(toDoc, spans.get(i)[0]), at(toDoc, spans.get(i + n - 1)[1]));
        }
      }
    }
  }

  /**
   * Character n-grams taken only inside words: each whitespace-separated word is lower-cased and padded with one
   * space on each side. A padded word no longer than {@code n} is emitted once, whole, and stops longer n-grams for
   * that word (scikit-learn's rule, so short words are not counted several times). Lengths are in code points.
   */
  record CharWbNgrams(int minN, int maxN) implements Analyzer {
    public CharWbNgrams {
      if (minN < 1 || maxN < minN) {
        throw new IllegalArgumentException("need 1 <= minN <= maxN");
      }
    }

    @Override
    public String name() {
      return "char_wb";
    }

    @Override
    public void analyzeSpans(String doc, SpanSink sink) {
      String lower = doc.toLowerCase(Locale.ROOT);
      int[] toDoc = docOffsets(doc, lower);
      int i = 0;
      int len = lower.length();
      while (i < len) {
        while (i < len && isSpace(lower.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < len && !isSpace(lower.charAt(i))) {
          i++;
        }
        if (i > start) {
          int from = at(toDoc, start);
          int to = at(toDoc, i);
          emitWord(" " + lower.substring(start, i) + " ", term -> sink.accept(term, from, to));
        }
      }
    }

    private void emitWord(String padded, Consumer<String> sink) {
      int[] cps = padded.codePoints().toArray();
      boolean bmp = cps.length == padded.length();
      for (int n = minN; n <= maxN; n++) {
        int last = Math.max(0, cps.length - n);
        for (int off = 0; off <= last; off++) {
          int end = Math.min(cps.length, off + n);
          sink.accept(bmp ? padded.substring(off, end) : new String(cps, off, end - off));
        }
        if (last == 0) {
          break;
        }
      }
    }

    /** Python's {@code str.split()} separators: Java whitespace plus no-break and other Unicode spaces. */
    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
  }

  /**
   * Where each offset of {@code lower} (the Locale.ROOT lowercase of {@code doc}) lies in {@code doc}, or null when
   * lowercasing kept every length (nearly always; "\u0130" is one character that lowercases to two).
   */
  private static int[] docOffsets(String doc, String lower) {
    if (lower.length() == doc.length()) {
      return null;
    }
    int[] map = new int[lower.length() + 1];
    int l = 0;
    for (int d = 0; d < doc.length(); ) {
      int cp = doc.codePointAt(d);
      int n = Character.charCount(cp);
      int ln = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT).length();
      for (int k = 0; k < ln && l < map.length; k++) {
        map[l++] = d;
      }
      d += n;
    }
    while (l < map.length) {
      map[l++] = doc.length();
    }
    return map;
  }

  private static int at(int[] toDoc, int lowerOffset) {
    return toDoc == null ? lowerOffset : toDoc[lowerOffset];
  }
}
