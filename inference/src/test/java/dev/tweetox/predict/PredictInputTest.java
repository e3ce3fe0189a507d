package dev.tweetox.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictInputTest {
  private static List<PredictInput.Item> read(String name, byte[] bytes) {
    return PredictInput.read(name, new ByteArrayInputStream(bytes), "");
  }

  @Test
  void csvWithBomFindsTheTextAndIdColumns() {
    byte[] csv = "\uFEFFtextID,Text\na1,\"hello, world\"\n".getBytes(StandardCharsets.UTF_8);
    assertThat(read("in.csv", csv)).containsExactly(new PredictInput.Item("a1", "hello, world"));
  }

  @Test
  void plainLinesSkipBlanksAndJsonlReadsTheTextKey() {
    assertThat(read("stdin", "one\n\n two \n".getBytes(StandardCharsets.UTF_8)))
        .extracting(PredictInput.Item::text).containsExactly("one", " two ");
    assertThat(read("x.jsonl", "{\"id\":\"7\",\"text\":\"hi\"}\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(new PredictInput.Item("7", "hi"));
  }

  @Test
  void errorsNameTheInputAndTheLine(@TempDir Path tmp) throws Exception {
    Path latin1 = Files.write(tmp.resolve("bad.txt"), "ok\nbad \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PredictInput.read(latin1, ""))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("bad.txt line 2").hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> read("in.csv", "tweet_text\nx\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no text column").hasMessageContaining("tweet_text");
    assertThatThrownBy(() -> read("x.jsonl", "{\"body\":1}\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("x.jsonl line 1");
    assertThatThrownBy(() -> PredictInput.read(tmp.resolve("none.csv"), ""))
        .hasMessageContaining("none.csv").hasMessageContaining("--input");
  }
}
