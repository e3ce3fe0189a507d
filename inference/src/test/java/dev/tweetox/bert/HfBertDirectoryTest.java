package dev.tweetox.bert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HfBertDirectoryTest {
  @Test
  void configJsonWritesFloatsAsSetNotWidened() {
    BertConfig c = new BertConfig(100, 32, 2, 2, 64, 64, 2, 1e-12f, 0.1f, 0.3f, 2);
    String json = HfBertDirectory.configJson(c, List.of("a", "b"));
    assertThat(json).contains("\"layer_norm_eps\" : 1.0E-12,").contains("\"hidden_dropout_prob\" : 0.1,")
        .contains("\"attention_probs_dropout_prob\" : 0.3,").doesNotContain("0000000");
  }
}
