package dev.tweetox.data;

import dev.tweetox.config.CleaningConfig;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tweet normalisation, one step per {@link CleaningConfig} switch, applied in a fixed order:
 * HTML entities, control characters, URLs, mentions, hashtags, emoji and emoticons as words, elongation, lowercase,
 * whitespace. Emoji come after HTML entities (so {@code &#128293;} and {@code &lt;3} are seen as 🔥 and {@code <3})
 * and after URLs (an emoticon-like {@code :/} or {@code :P} inside a link is gone by then), and before lowercase, so
 * names such as "flag France" follow the lowercase switch like the rest of the text.
 *
 * <p>URLs and mentions become the placeholders {@code http} and {@code @user} (the TweetEval / BERTweet convention)
 * rather than being deleted as the reference notebook did: "check this http" and "@user you are awful" keep their
 * shape, and the placeholder is a token both BERT's vocabulary and the baseline know.
 *
 * <p>{@link #clean} is what every model sees. {@link #baselineText} may additionally stem and drop stopwords, which
 * only the TF-IDF baseline ever uses; the transformer is never given stemmed text.
 */
public final class TextCleaner {
  /** A URL up to whitespace, leaving trailing punctuation ("see http://x.y/z." keeps its full stop). */
  private static final Pattern URL = Pattern.compile(
      "(?<![\\w@])(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)\\S*?(?=[.,!?;:)\\]\"']*(?:\\s|$))");
  private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@[A-Za-z0-9_]+");
  private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&#])#([\\p{L}\\p{N}_]+)");
  /** A word for the baseline steps; keeps n't and 's attached, with straight or curly apostrophes. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:['\u2019][A-Za-z]+)*");
  private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u2007\u202F]+");

  private final CleaningConfig config;

  public TextCleaner(CleaningConfig config) {
    this.config = config;
  }

  public CleaningConfig config() {
    return config;
  }

  /** The cleaned text every model sees. */
  public String clean(String raw) {
    String t = raw;
    if (config.unescapeHtml()) {
      t = HtmlEntities.unescape(t);
    }
    if (config.controlChars()) {
      t = removeControlChars(t);
    }
    if (config.urls()) {
      t = URL.matcher(t).replaceAll("http");
    }
    if (config.mentions()) {
      t = MENTION.matcher(t).replaceAll("@user");
    }
    if (config.hashtags()) {
      t = HASHTAG.matcher(t).replaceAll("$1");
    }
    if (config.emojiToWords()) {
      t = EmojiWords.replace(t, config.capElongation());
    }
    if (config.capElongation()) {
      t = capElongation(t);
    }
    if (config.lowercase()) {
      t = t.toLowerCase(Locale.ROOT);
    }
    if (config.collapseWhitespace()) {
      t = SPACES.matcher(t).replaceAll(" ").strip();
    }
    return t;
  }

  /**
   * The baseline's view of an already cleaned text: with {@code removeStopwords}, drops the words of
   * {@link Stopwords} (case-insensitively; negations are kept), and with {@code stem}, replaces every ASCII word by
   * its lowercase Porter stem. With both off it returns the text unchanged.
   */
  public String baselineText(String cleaned) {
    if (!config.stem() && !config.removeStopwords()) {
      return cleaned;
    }
    Matcher m = WORD.matcher(cleaned);
    StringBuilder out = new StringBuilder(cleaned.length());
    while (m.find()) {
      String lower = m.group().toLowerCase(Locale.ROOT);
      String replacement;
      if (config.removeStopwords() && Stopwords.contains(lower.replace('\u2019', '\''))) {
        replacement = "";
      } else if (config.stem()) {
        replacement = PorterStemmer.stem(lower);
      } else {
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return SPACES.matcher(out).replaceAll(" ").strip();
  }

  /**
   * Drops C0/C1 control characters and stray byte-order marks; line breaks and tabs become spaces so words on
   * either side stay apart. Format characters such as the zero-width joiner are kept: emoji sequences need them.
   */
  static String removeControlChars(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.getType(c) == Character.CONTROL || c == '\uFEFF';
      if (control && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (!control) {
        if (out != null) {
          out.append(c);
        }
      } else if (Character.isWhitespace(c) || c == '\u0085') {
        out.append(' ');
      }
    }
    return out == null ? s : out.toString();
  }

  /** Caps runs of one letter at two ("sooooo" -> "soo"); digits and punctuation ("!!!", "1000") are left alone. */
  static String capElongation(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int prev = -1;
    int run = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      run = cp == prev ? run + 1 : 1;
      prev = cp;
      if (run <= 2 || !Character.isLetter(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }
}
