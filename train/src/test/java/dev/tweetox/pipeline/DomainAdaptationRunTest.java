package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transformer.mlmEpochs} in a run: adapted weights first, fine-tuned from, and kept for a rerun. */
class DomainAdaptationRunTest {
  @Test
  void theRunAdaptsThenFineTunesAndARerunReusesTheAdaptedWeights(@TempDir Path tmp) {
    Progress.setQuiet(true);
    Path teacher = TinyTraining.writeRandomBert(tmp.resolve("weights"), 3);
    TweetoxConfig cfg = StudentRunTest.config(teacher, tmp, "models=transformer", "transformer.mlmEpochs=1");
    Path runDir = tmp.resolve("runs/mlm");
    StringWriter log = new StringWriter();
    Pipeline.run(cfg, RunDirectory.resolve(runDir, cfg), "test", new PrintWriter(log));

    RunDirectory dir = RunDirectory.existing(runDir);
    Path adapted = dir.stageDir(ModelKind.TRANSFORMER).resolve(TransformerStage.ADAPTED_DIR);
    assertThat(adapted.resolve(HfBertDirectory.CONFIG)).isRegularFile();
    assertThat(dir.hasModel(ModelKind.TRANSFORMER)).isTrue();
    assertThat(log.toString()).contains("transformer: domain adaptation (masked LM) of layers 1-1")
        .contains("transformer: domain adaptation done").contains("transformer: " + adapted);

    // a fine-tuning key changes: the stage reruns, the adaptation (which does not read it) is reused
    TweetoxConfig other = StudentRunTest.config(teacher, tmp, "models=transformer", "transformer.mlmEpochs=1",
        "transformer.patience=2");
    StringWriter again = new StringWriter();
    Pipeline.run(other, RunDirectory.resolve(runDir, other), "test", new PrintWriter(again));
    assertThat(again.toString()).contains("domain adaptation already done").doesNotContain("domain adaptation done");
  }
}
