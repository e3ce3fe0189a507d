package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.transformer.training.TinyTraining;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tweetox train} end to end with the tiny random BERT on the 60-tweet pipeline fixture. */
class CliTrainTest {
  @Test
  void trainRunsThePipelineWithTheTransformerOnlyAndPredictUsesIt(@TempDir Path tmp) throws Exception {
    Path bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    Path runDir = tmp.resolve("run");
    CliRunner.Result r = CliRunner.run("train", "--preset", "quick", "--data", CliPipelineTest.FIXTURE.toString(),
        "--run-dir", runDir.toString(), "--set", "transformer.weights=" + bert, "--set", "transformer.maxLength=16",
        "--set", "transformer.trainFraction=1", "--set", "transformer.frozenLayers=1", "--quiet");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("transformer: best val macro-F1").contains("transformer test: macro-F1");
    assertThat(r.lastLine()).isEqualTo(runDir.toAbsolutePath().toString());
    JsonNode m = new ObjectMapper().readTree(runDir.resolve("metrics.json").toFile());
    assertThat(m.has("transformer")).isTrue();
    assertThat(m.has("baseline")).isFalse();
    JsonNode cfg = new ObjectMapper().readTree(runDir.resolve("config.json").toFile());
    assertThat(cfg.path("models").toString()).isEqualTo("[\"transformer\"]");
    assertThat(cfg.path("transformer").path("preset").asText()).isEqualTo("quick");
    assertThat(cfg.path("transformer").path("frozenLayers").asInt()).isEqualTo(1);
    for (String f : List.of("transformer/model/config.json", "transformer/model/model.safetensors",
        "transformer/model/vocab.txt", "transformer/transformer_training_log.csv",
        "transformer/checkpoint-last/state.json", "predictions_test_transformer.csv", "report.html")) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
  }

  @Test
  void unknownPresetIsRejected() {
    CliRunner.Result r = CliRunner.run("train", "--preset", "huge", "--quiet");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("transformer.preset").contains("huge");
  }
}
