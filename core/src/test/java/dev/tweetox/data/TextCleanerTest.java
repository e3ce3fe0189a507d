package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.ConflictPolicy;
import org.junit.jupiter.api.Test;

class TextCleanerTest {
  private static final TextCleaner DEFAULT = new TextCleaner(CleaningConfig.defaults());

  /** Defaults with every step off, then the named ones on. */
  static CleaningConfig only(String... steps) {
    java.util.Set<String> on = java.util.Set.of(steps);
    return new CleaningConfig(on.contains("html"), on.contains("urls"), on.contains("mentions"),
        on.contains("hashtags"), on.contains("control"), on.contains("whitespace"), on.contains("elongation"),
        on.contains("lowercase"), on.contains("stem"), on.contains("stopwords"), true, ConflictPolicy.DROP,
        on.contains("emoji"));
  }

  @Test
  void defaultsNormaliseATypicalTweet() {
    String raw = "  @Bob_99 I'm sooooo happy &amp; proud!!! see https://t.co/xYz #Winning  \n www.x.com/a ";
    assertThat(DEFAULT.clean(raw)).isEqualTo("@user I'm soo happy & proud!!! see http Winning http");
  }

  @Test
  void unescapesHtmlEntitiesOnce() {
    TextCleaner c = new TextCleaner(only("html"));
    assertThat(c.clean("a &amp; b &lt;3 &gt; &quot;q&quot; it&#39;s it&#x27;s &#X1F600; &hellip; &nbsp;x"))
        .isEqualTo("a & b <3 > \"q\" it's it's 😀 … \u0020x");
    assertThat(c.clean("&amp;lt; stays one level")).isEqualTo("&lt; stays one level");
    assertThat(c.clean("AT&T &unknown; &#xZZ; & alone &#0;")).isEqualTo("AT&T &unknown; &#xZZ; & alone &#0;");
  }

  @Test
  void replacesUrlsWithHttp() {
    TextCleaner c = new TextCleaner(only("urls"));
    assertThat(c.clean("see http://a.b/c?d=1, HTTPS://X.Y and (www.site.org/p)."))
        .isEqualTo("see http, http and (http).");
    assertThat(c.clean("http://t.co/x!!!http://u.v")).isEqualTo("http");
    assertThat(c.clean("email me@www.site.org")).isEqualTo("email me@www.site.org");
  }

  @Test
  void replacesMentionsButNotEmailAddresses() {
    TextCleaner c = new TextCleaner(only("mentions"));
    assertThat(c.clean("@alice @Bob_2: hi,@carol")).isEqualTo("@user @user: hi,@user");
    assertThat(c.clean("mail bob@example.com @user")).isEqualTo("mail bob@example.com @user");
  }

  @Test
  void stripsTheHashFromHashtags() {
    TextCleaner c = new TextCleaner(only("hashtags"));
    assertThat(c.clean("#MeToo and #été #1 but not C# or &#39;")).isEqualTo("MeToo and été 1 but not C# or &#39;");
  }

  @Test
  void removesControlCharactersButKeepsEmojiAndUnicode() {
    TextCleaner c = new TextCleaner(only("control"));
    assertThat(c.clean("a\u0000b\u0007c\tline\nnext\uFEFF é 👩\u200D💻 ✓"))
        .isEqualTo("abc line next é 👩\u200D💻 ✓");
  }

  @Test
  void collapsesWhitespaceIncludingNoBreakSpaces() {
    TextCleaner c = new TextCleaner(only("whitespace"));
    assertThat(c.clean("  a \t\n b\u00A0\u00A0c  ")).isEqualTo("a b c");
  }

  @Test
  void capsRunsOfOneLetterAtTwo() {
    TextCleaner c = new TextCleaner(only("elongation"));
    assertThat(c.clean("sooooo goooood, Nooo!!! 1000 zzZZ ééé"))
        .isEqualTo("soo good, Noo!!! 1000 zzZZ éé");
  }

  @Test
  void lowercaseIsOffByDefaultAndWorksWhenOn() {
    assertThat(DEFAULT.clean("NOT Good")).isEqualTo("NOT Good");
    assertThat(new TextCleaner(only("lowercase")).clean("NOT Good")).isEqualTo("not good");
  }

  @Test
  void everyStepOffLeavesTheTextAsIs() {
    String raw = " @a #b &amp; http://x  soooo\n";
    assertThat(new TextCleaner(only()).clean(raw)).isEqualTo(raw);
  }

  @Test
  void baselineTextIsUnchangedByDefault() {
    assertThat(DEFAULT.baselineText("I am not happy")).isEqualTo("I am not happy");
  }

  @Test
  void stopwordRemovalKeepsNegations() {
    TextCleaner c = new TextCleaner(only("stopwords"));
    assertThat(c.baselineText("I am not happy and it isn't the best, but never mind. Don’t go, nor you!"))
        .isEqualTo("not happy isn't best, but never mind. Don’t go, nor !");
  }

  @Test
  void stemmingLowercasesAndStemsWords() {
    TextCleaner c = new TextCleaner(only("stem"));
    assertThat(c.baselineText("Loving the Running dogs!! 😍 http")).isEqualTo("love the run dog!! 😍 http");
  }

  @Test
  void stemAndStopwordsTogether() {
    TextCleaner c = new TextCleaner(only("stem", "stopwords"));
    assertThat(c.baselineText("The movies were not amazing")).isEqualTo("movi not amaz");
  }
}
