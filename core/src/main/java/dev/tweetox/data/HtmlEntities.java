package dev.tweetox.data;

import java.util.Map;

/**
 * Unescapes the HTML entities that appear in tweet dumps ({@code &amp;}, {@code &lt;}, {@code &#39;},
 * {@code &#x27;} ...). One pass only, so {@code &amp;lt;} becomes {@code &lt;}, as a browser would show it.
 * Unknown names and malformed references are left as they are.
 */
final class HtmlEntities {
  /** Named entities seen in scraped tweets; the full HTML5 table (2,000+ names) would be noise here. */
  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("hellip", "\u2026"), Map.entry("mdash", "\u2014"),
      Map.entry("ndash", "\u2013"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
      Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("laquo", "\u00AB"),
      Map.entry("raquo", "\u00BB"), Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"),
      Map.entry("trade", "\u2122"), Map.entry("euro", "\u20AC"), Map.entry("pound", "\u00A3"),
      Map.entry("cent", "\u00A2"), Map.entry("yen", "\u00A5"), Map.entry("deg", "\u00B0"),
      Map.entry("times", "\u00D7"), Map.entry("middot", "\u00B7"), Map.entry("bull", "\u2022"),
      Map.entry("heart", "\u2665"));
  private static final int MAX_NAME = 10;

  private HtmlEntities() {}

  static String unescape(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (amp >= 0) {
      out.append(s, i, amp);
      int semi = s.indexOf(';', amp + 1);
      String replacement = semi > amp + 1 && semi - amp - 1 <= MAX_NAME ? decode(s.substring(amp + 1, semi)) : null;
      if (replacement == null) {
        out.append('&');
        i = amp + 1;
      } else {
        out.append(replacement);
        i = semi + 1;
      }
      amp = s.indexOf('&', i);
    }
    return out.append(s, i, s.length()).toString();
  }

  /** The text for an entity body such as {@code amp}, {@code #39} or {@code #x27}; null if it is not one. */
  private static String decode(String body) {
    if (body.charAt(0) != '#') {
      return NAMED.get(body);
    }
    boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
    String digits = body.substring(hex ? 2 : 1);
    if (digits.isEmpty()) {
      return null;
    }
    try {
      int cp = Integer.parseInt(digits, hex ? 16 : 10);
      boolean valid = cp > 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xD800 || cp > 0xDFFF);
      return valid ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
