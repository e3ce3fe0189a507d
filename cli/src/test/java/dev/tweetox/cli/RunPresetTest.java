package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class RunPresetTest {
  private final RunPreset.Converter converter = new RunPreset.Converter();

  @Test
  void bestTrainsTheDefaultTeacherAndThenItsStudent() {
    RunPreset best = converter.convert("best");
    assertThat(best).isEqualTo(RunPreset.BEST);
    assertThat(best.transformer()).isEqualTo(TransformerConfig.Preset.DEFAULT);
    assertThat(best.models()).containsSubsequence(ModelKind.TRANSFORMER, ModelKind.STUDENT)
        .containsAll(RunPreset.DEFAULT.models());
    // the config a `run --preset best` starts from is valid: the student comes after its teacher
    TweetoxConfig cfg = best.base();
    assertThat(cfg.models()).containsExactly("baseline", "transformer", "ensemble", "student");
    assertThat(cfg.transformer()).isEqualTo(TransformerConfig.preset("default"));
    assertThat(cfg.student()).isEqualTo(TweetoxConfig.defaults().student());
  }

  @Test
  void theDefaultRunTrainsNoStudent() {
    assertThat(converter.convert("default").models()).doesNotContain(ModelKind.STUDENT)
        .map(ModelKind::key).containsExactlyElementsOf(TweetoxConfig.defaults().models());
    assertThat(RunPreset.DEFAULT.base()).isEqualTo(TweetoxConfig.defaults());
    assertThat(converter.convert("full").models()).containsExactly(ModelKind.TRANSFORMER);
  }

  @Test
  void anUnknownPresetListsTheKnownOnes() {
    assertThatThrownBy(() -> converter.convert("Best2"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("--preset 'Best2' is not one of quick, default, best, full");
  }
}
