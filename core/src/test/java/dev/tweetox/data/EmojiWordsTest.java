package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.CleaningConfig;
import org.junit.jupiter.api.Test;

class EmojiWordsTest {
  private static final TextCleaner DEFAULT = new TextCleaner(CleaningConfig.defaults());
  private static final TextCleaner ONLY = new TextCleaner(TextCleanerTest.only("emoji", "whitespace"));

  @Test
  void emojiBecomeTheirCldrNamesWithSpacesAround() {
    assertThat(ONLY.clean("i love it😍")).isEqualTo("i love it smiling face with heart-eyes");
    assertThat(ONLY.clean("🔥🔥 lit")).isEqualTo("fire fire lit");
    assertThat(ONLY.clean("a😂b")).isEqualTo("a face with tears of joy b");
  }

  @Test
  void aTextBelowTheFirstEmojiCodePointNeedsNoLookupBecauseNoEmojiIsThatLow() {
    // the shortcut is only right while every emoji has a character at or above U+00A9 (keycaps such as #️⃣ start
    // with ASCII but carry U+FE0F or U+20E3); a jemoji upgrade that breaks this fails here
    assertThat(net.fellbaum.jemoji.EmojiManager.getAllEmojis()).isNotEmpty()
        .allSatisfy(e -> assertThat(EmojiWords.belowFirstEmoji(e.getEmoji())).as(e.getDescription()).isFalse());
    assertThat(EmojiWords.belowFirstEmoji("plain ascii :) #tag 12:30")).isTrue();
    assertThat(EmojiWords.belowFirstEmoji("caf\u00e9")).isFalse();
    assertThat(ONLY.clean("#\uFE0F\u20E3 go")).isEqualTo("keycap go");
    assertThat(ONLY.clean("no emoji :) here")).isEqualTo("no emoji smiling face here");
  }

  @Test
  void defaultsAreOnAndKeepTheRestOfTheCleaning() {
    assertThat(CleaningConfig.defaults().emojiToWords()).isTrue();
    assertThat(DEFAULT.clean("@Bob sooooo good 🔥 #Win"))
        .isEqualTo("@user soo good fire Win");
    // An HTML entity for an emoji or a heart is unescaped first, then turned into words.
    assertThat(DEFAULT.clean("&#128293; and &lt;3")).isEqualTo("fire and heart");
    assertThat(DEFAULT.clean("#love😍 =)")).isEqualTo("love smiling face with heart-eyes smiling face");
    assertThat(DEFAULT.clean("tm™")).isEqualTo("tm trade mark");
  }

  @Test
  void offLeavesEmojiAndEmoticonsAlone() {
    TextCleaner off = new TextCleaner(TextCleanerTest.only("whitespace"));
    assertThat(off.clean("so good 😍 :)")).isEqualTo("so good 😍 :)");
  }

  @Test
  void skinTonesAreDropped() {
    assertThat(ONLY.clean("👍🏽")).isEqualTo("thumbs up");
    assertThat(ONLY.clean("🤷🏻‍♂️ whatever")).isEqualTo("man shrugging whatever");
    assertThat(ONLY.clean("👩🏾‍💻")).isEqualTo("woman technologist");
    // A lone tone modifier carries no meaning of its own.
    assertThat(ONLY.clean("ok 🏽")).isEqualTo("ok");
  }

  @Test
  void zwjSequencesAreOneEmoji() {
    assertThat(ONLY.clean("👨‍👩‍👧")).isEqualTo("family man woman girl");
    assertThat(ONLY.clean("🏳️‍🌈")).isEqualTo("rainbow flag");
  }

  @Test
  void flagsLoseTheirPunctuation() {
    assertThat(ONLY.clean("allez 🇫🇷!")).isEqualTo("allez flag France !");
    assertThat(new TextCleaner(TextCleanerTest.only("emoji", "whitespace", "lowercase")).clean("🇫🇷"))
        .isEqualTo("flag france");
  }

  @Test
  void runsOfOneEmojiAreCappedAtTwoWithElongationCapping() {
    TextCleaner capped = new TextCleaner(TextCleanerTest.only("emoji", "whitespace", "elongation"));
    assertThat(capped.clean("😡😡😡😡 no")).isEqualTo("enraged face enraged face no");
    assertThat(capped.clean("😂 😂 😂")).isEqualTo("face with tears of joy face with tears of joy");
    assertThat(capped.clean("😂😡😂")).isEqualTo("face with tears of joy enraged face face with tears of joy");
    assertThat(ONLY.clean("😡😡😡")).isEqualTo("enraged face enraged face enraged face");
  }

  @Test
  void textStyleHeartsAndVariationSelectorsAreHandled() {
    assertThat(ONLY.clean("❤ ❤️ ☺")).isEqualTo("red heart red heart smiling face");
  }

  @Test
  void emoticonsBecomeWords() {
    assertThat(ONLY.clean("great :) :-) :)))")).isEqualTo("great smiling face smiling face smiling face");
    assertThat(ONLY.clean(":D xD XD")).isEqualTo("grinning face laughing face laughing face");
    assertThat(ONLY.clean(";) ;-)")).isEqualTo("winking face winking face");
    assertThat(ONLY.clean(":( :-( :'( =(")).isEqualTo("frowning face frowning face crying face frowning face");
    assertThat(ONLY.clean("i <3 you </3")).isEqualTo("i heart you broken heart");
    assertThat(ONLY.clean(":P :p")).isEqualTo("face with tongue face with tongue");
    assertThat(ONLY.clean("nice:)")).isEqualTo("nice smiling face");
  }

  @Test
  void emoticonLookalikesStay() {
    assertThat(ONLY.clean("at 12:30 :Done 10:P <3rd xDrive a:Pb")).isEqualTo("at 12:30 :Done 10:P <3rd xDrive a:Pb");
    assertThat(ONLY.clean("(see 5:)")).isEqualTo("(see 5:)");
  }

  @Test
  void emoticonsInsideUrlsAreGoneBeforeTheyAreRead() {
    assertThat(DEFAULT.clean("look http://x.co/:P/xD")).isEqualTo("look http");
  }
}
