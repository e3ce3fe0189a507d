package dev.tweetox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadScriptTest {
  @Test
  void quotesEveryNonAsciiByteAsADecimalEscape() {
    assertThat(LoadScript.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(LoadScript.quote("é\n")).isEqualTo("\"\\195\\169\\010\"");
  }

  @Test
  void bodiesGroupConsecutiveTweetsAndDropTheRemainder() {
    assertThat(LoadScript.bodies(List.of("a", "b", "c"), 2)).containsExactly("{\"texts\":[\"a\",\"b\"]}");
    assertThat(LoadScript.bodies(List.of("a", "b"), 1)).containsExactly("{\"texts\":[\"a\"]}",
        "{\"texts\":[\"b\"]}");
  }

  @Test
  void theScriptPostsToPredictAndPrintsTheSummaryLine() {
    String lua = LoadScript.lua(List.of("{\"texts\":[\"x\"]}"));
    assertThat(lua).contains("\"{\\\"texts\\\":[\\\"x\\\"]}\",").contains("wrk.format(\"POST\", \"/v1/predict\"")
        .contains("\"TWEETOX\"");
  }

  @Test
  void parsesTheSummaryLine() {
    WrkResult r = WrkResult.parse("Running 1s test\nTWEETOX requests=200 duration_us=2000000 p50_us=1500"
        + " p99_us=12250 connect=1 read=2 write=0 status=3 timeout=4\n");
    assertThat(r.requestsPerSecond()).isEqualTo(100.0);
    assertThat(r.p50Millis()).isEqualTo(1.5);
    assertThat(r.p99Millis()).isEqualTo(12.25);
    assertThat(r.socketErrors()).isEqualTo(7);
    assertThat(r.errors()).isEqualTo(10);
    assertThatThrownBy(() -> WrkResult.parse("unable to connect")).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("no TWEETOX summary line");
    assertThatThrownBy(() -> WrkResult.parse("TWEETOX requests=1")).hasMessageContaining("lacks duration_us");
  }

  @Test
  void aMissingWrkSaysHowToInstallIt() {
    assertThatThrownBy(() -> ServeBench.findWrk("wrk-definitely-not-installed"))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("apt-get install wrk");
  }

  @Test
  void benchTweetsAreRealAndNonBlank() {
    List<String> t = BenchTweets.first(5);
    assertThat(t).hasSize(5).allMatch(s -> !s.isBlank());
    assertThat(t.get(0)).isEqualTo("Last session of the day  http://twitpic.com/67ezh");
  }
}
