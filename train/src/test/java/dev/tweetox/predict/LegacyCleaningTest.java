package dev.tweetox.predict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.export.TinyRun;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run or bundle saved before {@code cleaning.emojiToWords} existed was trained on emoji as they were, so it must
 * keep predicting that way; one saved with the key uses it.
 */
class LegacyCleaningTest {
  @Test
  void aNewRunAndBundleTurnEmojiIntoWords() {
    try (Predictor run = Predictor.load(TinyRun.runDir(), Precision.FP32, Optional.of(ModelKind.BASELINE));
        Predictor bundle = Predictor.load(TinyRun.bundle(), Precision.FP32)) {
      assertThat(run.cleaner().clean("so good 🔥 :)")).isEqualTo("so good fire smiling face");
      assertThat(bundle.cleaner().clean("so good 🔥 :)")).isEqualTo("so good fire smiling face");
    }
  }

  @Test
  void aRunSavedWithoutTheKeyKeepsEmoji() throws Exception {
    Path copy = TinyRun.copy(TinyRun.runDir(), TinyRun.scratch("legacy-run").resolve("tiny"));
    dropEmojiKey(copy.resolve(RunDirectory.CONFIG), null);
    try (Predictor p = Predictor.load(copy, Precision.FP32, Optional.of(ModelKind.BASELINE))) {
      assertThat(p.cleaner().config().emojiToWords()).isFalse();
      assertThat(p.cleaner().clean("so good 🔥 :)")).isEqualTo("so good 🔥 :)");
      assertThat(p.predict(java.util.List.of("so good 🔥"))).hasSize(1);
    }
  }

  @Test
  void aBundleSavedWithoutTheKeyKeepsEmoji() throws Exception {
    Path copy = TinyRun.copy(TinyRun.bundle(), TinyRun.scratch("legacy-bundle").resolve("bundle"));
    dropEmojiKey(copy.resolve(Bundle.MANIFEST), "config");
    Checksums.write(copy);
    try (Predictor p = Predictor.load(copy, Precision.FP32)) {
      assertThat(p.cleaner().config().emojiToWords()).isFalse();
      assertThat(p.cleaner().clean("so good 🔥 :)")).isEqualTo("so good 🔥 :)");
    }
  }

  /** Rewrites a saved JSON file as an older version wrote it: without cleaning.emojiToWords. */
  private static void dropEmojiKey(Path file, String configField) throws Exception {
    ObjectNode root = (ObjectNode) ConfigLoader.json().readTree(file.toFile());
    ObjectNode cfg = configField == null ? root : (ObjectNode) root.get(configField);
    assertThat(((ObjectNode) cfg.get("cleaning")).remove("emojiToWords")).isNotNull();
    Files.writeString(file, ConfigLoader.json().writeValueAsString(root));
  }
}
