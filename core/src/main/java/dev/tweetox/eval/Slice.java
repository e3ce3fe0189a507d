package dev.tweetox.eval;

import java.util.regex.Pattern;
import net.fellbaum.jemoji.EmojiManager;

/**
 * Subsets of tweets whose scores the error analysis reports apart, each decided on the raw text: a model that is
 * good on average may still fail on short tweets, negations or shouting. Length buckets partition the tweets;
 * the other slices overlap.
 */
public enum Slice {
  /** At most 5 whitespace-separated words. */
  SHORT("length 1-5 words"),
  /** 6 to 15 words. */
  MEDIUM("length 6-15 words"),
  /** More than 15 words. */
  LONG("length 16+ words"),
  /** An {@code @user} mention. */
  MENTION("has a mention"),
  /** An http(s) or www. link. */
  URL("has a URL"),
  /** A {@code #hashtag}. */
  HASHTAG("has a hashtag"),
  /** An emoji character (emoticons such as ":)" do not count). */
  EMOJI("has an emoji"),
  /**
   * A negation: not, no, never, nothing, nobody, none, nor, neither, cannot, without, a word ending in n't (with a
   * straight, curly or backtick apostrophe, as some corpora have "don`t"), or a common contraction typed without
   * its apostrophe (dont, cant, isnt, ...).
   */
  NEGATION("has a negation word"),
  /** A word of three or more letters written all in capitals ("HATE"), i.e. shouting. */
  ALL_CAPS("has an all-caps word");

  private static final Pattern MENTION_RE = Pattern.compile("(?<![\\w@])@\\w+");
  private static final Pattern URL_RE = Pattern.compile("(?i)(?<![\\w@])(?:https?://|www\\.)\\S");
  private static final Pattern HASHTAG_RE = Pattern.compile("(?<![\\w&#])#[\\p{L}\\p{N}_]+");
  private static final Pattern NEGATION_RE = Pattern.compile("(?i)(?<![\\p{L}'\u2019`])(?:not|no|never|nothing"
      + "|nobody|none|nor|neither|cannot|without|\\p{L}+n['\u2019`]t|dont|cant|wont|isnt|aint|arent|wasnt|werent"
      + "|didnt|doesnt|hasnt|havent|hadnt|couldnt|shouldnt|wouldnt)(?![\\p{L}'\u2019`])");
  private static final Pattern ALL_CAPS_RE = Pattern.compile("(?<!\\p{L})\\p{Lu}{3,}(?!\\p{L})");

  private final String description;

  Slice(String description) {
    this.description = description;
  }

  /** How the report names the slice. */
  public String description() {
    return description;
  }

  /** Whether a raw tweet belongs to this slice. */
  public boolean contains(String raw) {
    return switch (this) {
      case SHORT -> words(raw) <= 5;
      case MEDIUM -> words(raw) > 5 && words(raw) <= 15;
      case LONG -> words(raw) > 15;
      case MENTION -> MENTION_RE.matcher(raw).find();
      case URL -> URL_RE.matcher(raw).find();
      case HASHTAG -> HASHTAG_RE.matcher(raw).find();
      case EMOJI -> EmojiManager.containsAnyEmoji(raw);
      case NEGATION -> NEGATION_RE.matcher(raw).find();
      case ALL_CAPS -> ALL_CAPS_RE.matcher(raw).find();
    };
  }

  private static int words(String raw) {
    String s = raw.strip();
    return s.isEmpty() ? 0 : s.split("\\s+").length;
  }
}
