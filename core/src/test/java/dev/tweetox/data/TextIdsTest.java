package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextIdsTest {
  @Test
  void idIsTheFirst16HexOfSha256OfTheUtf8Text() {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(TextIds.of("abc")).isEqualTo("ba7816bf8f01cfea");
    assertThat(TextIds.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void idDependsOnTheExactRawText() {
    assertThat(TextIds.of("I love it 😍")).hasSize(16).isEqualTo(TextIds.of("I love it 😍"));
    assertThat(TextIds.of("I love it")).isNotEqualTo(TextIds.of("I love it "));
  }
}
