package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.TransformerTrainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stages write their models where {@link RunDirectory} says a run keeps them. */
class RunLayoutTest {
  private final RunDirectory dir = new RunDirectory(Path.of("/runs/r"));

  @Test
  void stagesUseTheRunDirectoryLayout() {
    assertThat(BaselineStage.modelDir(dir)).isEqualTo(Path.of("/runs/r/baseline"));
    assertThat(TransformerStage.modelDir(dir)).isEqualTo(Path.of("/runs/r/transformer/model"));
    // the trainer saves its best model in this sub-folder of the stage folder it is given
    assertThat(dir.stageDir(ModelKind.TRANSFORMER).resolve(TransformerTrainer.MODEL_DIR))
        .isEqualTo(dir.modelDir(ModelKind.TRANSFORMER));
  }
}
