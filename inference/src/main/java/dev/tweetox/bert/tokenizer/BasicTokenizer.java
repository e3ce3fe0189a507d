package dev.tweetox.bert.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's pre-tokenization for uncased models: drop control characters, turn any whitespace into a space, put
 * spaces around CJK ideographs, lower-case, strip accents (NFD, then drop non-spacing marks) and split on
 * whitespace and punctuation. Behaves like the reference {@code BasicTokenizer(do_lower_case=True)}.
 */
public final class BasicTokenizer {
  /** Splits text into lower-cased, accent-free words and single punctuation characters. */
  public List<String> tokenize(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        return;
      }
      if (isWhitespace(cp)) {
        cleaned.append(' ');
      } else if (isCjk(cp)) {
        cleaned.append(' ').appendCodePoint(cp).append(' ');
      } else {
        cleaned.appendCodePoint(cp);
      }
    });
    List<String> out = new ArrayList<>();
    for (String word : cleaned.toString().split(" ")) {
      if (!word.isEmpty()) {
        splitOnPunctuation(stripAccents(word.toLowerCase(Locale.ROOT)), out);
      }
    }
    return out;
  }

  private static String stripAccents(String word) {
    String nfd = Normalizer.normalize(word, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(nfd.length());
    nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static void splitOnPunctuation(String word, List<String> out) {
    StringBuilder current = new StringBuilder();
    word.codePoints().forEach(cp -> {
      if (isPunctuation(cp)) {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
        out.add(new String(Character.toChars(cp)));
      } else if (!isWhitespace(cp)) { // NFD or lower-casing may not add spaces, but be safe
        current.appendCodePoint(cp);
      }
    });
    if (current.length() > 0) {
      out.add(current.toString());
    }
  }

  static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /** Unicode "C*" categories, except the whitespace controls handled above. */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
  }

  /** BERT treats all non-alphanumeric ASCII as punctuation, plus Unicode "P*" categories. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** The CJK Unified Ideograph blocks BERT splits character by character (not kana or hangul). */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
