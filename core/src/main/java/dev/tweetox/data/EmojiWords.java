package dev.tweetox.data;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.IndexedEmoji;
import net.fellbaum.jemoji.Qualification;

/**
 * Emoji and emoticons as words, so both models read "fire" where the tweet had 🔥. BERT's uncased vocabulary has
 * almost no emoji (they all become {@code [UNK]}), and the baseline's tokenizer drops them, so without this step the
 * strongest sentiment cue of many tweets is lost.
 *
 * <ul>
 *   <li>An emoji becomes its Unicode CLDR short name (from jemoji), with spaces around it: 😍 is "smiling face with
 *       heart-eyes". Qualifiers after the colon are kept ("flag: France" is "flag France", the ZWJ family
 *       👨‍👩‍👧 is "family man woman girl"), except skin tones, which are dropped: 👍🏽 is "thumbs up". A lone skin
 *       tone or hair component is dropped. Punctuation in names other than in-word hyphens and apostrophes becomes
 *       a space.
 *   <li>With {@code capRuns}, a run of one emoji (adjacent or separated only by spaces) keeps two, as letter runs
 *       do: 😂😂😂😂 is "face with tears of joy face with tears of joy".
 *   <li>A small table of emoticons, {@code :) :-) :D ;) :( :-( :'( <3 :P xD} and close variants, become words the
 *       uncased vocabulary knows ("smiling face", "frowning face", "heart", ...). An emoticon ending in a letter or
 *       digit must not run into a word, and none may follow a digit or colon, so "12:30", ":Done" and "10:P" stay.
 * </ul>
 */
final class EmojiWords {
  /** @param triggers characters one of which every match contains: a text without any skips the regex */
  private record Emoticon(Pattern pattern, String words, String triggers) {
    boolean mayMatch(String text) {
      for (int i = 0; i < triggers.length(); i++) {
        if (text.indexOf(triggers.charAt(i)) >= 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** Left edge of an emoticon: not after a digit, colon or semicolon (times, ratios, "::"). */
  private static final String LEFT = "(?<![\\p{N}:;=<])";
  /** Right edge of an emoticon ending in a letter or digit: not followed by a letter or digit. */
  private static final String WORD_END = "(?![\\p{L}\\p{N}])";

  private static final List<Emoticon> EMOTICONS = List.of(
      emoticon(":'-?\\(+", "crying face", ":"),
      emoticon("[:=]-?\\)+|:-?\\]", "smiling face", ":="),
      emoticon("[:=]-?D" + WORD_END, "grinning face", ":="),
      emoticon(";-?\\)+", "winking face", ";"),
      emoticon("[:=]-?\\(+|:-?\\[", "frowning face", ":="),
      emoticon("</3+" + WORD_END, "broken heart", "<"),
      emoticon("<3+" + WORD_END, "heart", "<"),
      emoticon(":-?[Pp]" + WORD_END, "face with tongue", ":"),
      new Emoticon(Pattern.compile("(?<![\\p{L}\\p{N}])[xX]D+" + WORD_END), "laughing face", "D"));

  /** Characters of a CLDR name that become spaces: all but letters, digits, hyphens and apostrophes. */
  private static final Pattern NAME_PUNCT = Pattern.compile("[^\\p{L}\\p{N}'\u2019-]+");
  /** Hyphens and apostrophes not inside a word. */
  private static final Pattern EDGE_HYPHENS =
      Pattern.compile("(?<![\\p{L}\\p{N}])['\u2019-]+|['\u2019-]+(?![\\p{L}\\p{N}])");
  private static final Pattern VARIATION_SELECTOR = Pattern.compile("[\uFE0E\uFE0F]");

  private EmojiWords() {}

  private static Emoticon emoticon(String regex, String words, String triggers) {
    return new Emoticon(Pattern.compile(LEFT + "(?:" + regex + ")"), words, triggers);
  }

  /** The text with every emoji and listed emoticon replaced by words. */
  static String replace(String text, boolean capRuns) {
    String t = emoji(text, capRuns);
    for (Emoticon e : EMOTICONS) {
      if (!e.mayMatch(t)) {
        continue; // most tweets have no emoticon character at all; the regexes cost more than the rest of cleaning
      }
      Matcher m = e.pattern().matcher(t);
      if (m.find()) {
        t = m.replaceAll(Matcher.quoteReplacement(" " + e.words() + " "));
      }
    }
    return t;
  }

  private static String emoji(String text, boolean capRuns) {
    if (belowFirstEmoji(text) || !EmojiManager.containsAnyEmoji(text)) {
      return text;
    }
    List<IndexedEmoji> found = EmojiManager.extractEmojisInOrderWithIndex(text);
    StringBuilder out = new StringBuilder(text.length() + 16 * found.size());
    int pos = 0;
    String prevName = null;
    int run = 0;
    for (IndexedEmoji ie : found) {
      String gap = VARIATION_SELECTOR.matcher(text.substring(pos, ie.getCharIndex())).replaceAll("");
      String name = name(ie.getEmoji());
      boolean sameRun = name != null && name.equals(prevName) && gap.isBlank();
      run = sameRun ? run + 1 : 1;
      pos = ie.getEndCharIndex();
      if (capRuns && sameRun && run > 2) {
        continue;
      }
      out.append(gap);
      if (name == null) {
        prevName = null;
        continue;
      }
      prevName = name;
      out.append(' ').append(name).append(' ');
    }
    out.append(VARIATION_SELECTOR.matcher(text.substring(pos)).replaceAll(""));
    return out.toString();
  }

  /**
   * Whether every character is below U+00A9 (©, the first code point jemoji knows): such a text has no emoji, and
   * skipping jemoji for it spares loading its emoji table (about half a second) when a data set has none.
   */
  static boolean belowFirstEmoji(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= '\u00A9') {
        return false;
      }
    }
    return true;
  }

  /** The words for one emoji, or null to drop it (a lone skin tone or hair component). */
  static String name(Emoji emoji) {
    if (emoji.getQualification() == Qualification.COMPONENT) {
      return null;
    }
    String description = emoji.getDescription();
    int colon = description.indexOf(": ");
    StringBuilder words = new StringBuilder(colon < 0 ? description : description.substring(0, colon));
    if (colon >= 0) {
      for (String qualifier : description.substring(colon + 2).split(",")) {
        if (!qualifier.toLowerCase(Locale.ROOT).endsWith("skin tone")) {
          words.append(' ').append(qualifier);
        }
      }
    }
    String plain = NAME_PUNCT.matcher(words).replaceAll(" ");
    return EDGE_HYPHENS.matcher(plain).replaceAll(" ").trim().replaceAll(" +", " ");
  }
}
