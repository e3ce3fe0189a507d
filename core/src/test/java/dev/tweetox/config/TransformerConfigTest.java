package dev.tweetox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TransformerConfig.ClassWeight;
import dev.tweetox.config.TransformerConfig.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerConfigTest {
  @TempDir Path tmp;

  @Test
  void enumKeysBindFromAndWriteTheLowercaseWords() throws Exception {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, "transformer:\n  preset: full\n  classWeight: balanced\n");
    TransformerConfig t = ConfigLoader.load(f, List.of()).transformer();
    assertThat(t.preset()).isEqualTo(Preset.FULL);
    assertThat(t.classWeight()).isEqualTo(ClassWeight.BALANCED);
    String json = ConfigLoader.toJson(ConfigLoader.load(null, List.of("transformer.classWeight=balanced")));
    assertThat(json).contains("\"preset\" : \"default\"").contains("\"classWeight\" : \"balanced\"");
  }

  @Test
  void badEnumWordsNameTheKeyAndListTheValidWords() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.preset=huge")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("transformer.preset").hasMessageContaining("'huge' is not one of [quick, default, full]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.classWeight=Balanced")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("transformer.classWeight").hasMessageContaining("[none, balanced]");
    assertThatThrownBy(() -> TransformerConfig.preset("huge")).hasMessageContaining("transformer.preset");
  }

  @Test
  void missingEnumValueIsRequired() throws Exception {
    Path f = tmp.resolve("c.json");
    Files.writeString(f, "{\"transformer\": {\"classWeight\": null}}");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("transformer.classWeight").hasMessageContaining("[none, balanced]");
  }

  @Test
  void builderChangesOnlyWhatItIsTold() {
    TransformerConfig d = TransformerConfig.preset(Preset.DEFAULT);
    assertThat(d.toBuilder().build()).isEqualTo(d);
    TransformerConfig e = d.toBuilder().epochs(3).classWeight(ClassWeight.BALANCED).build();
    assertThat(e.epochs()).isEqualTo(3);
    assertThat(e.classWeight()).isEqualTo(ClassWeight.BALANCED);
    assertThat(e.toBuilder().epochs(d.epochs()).classWeight(d.classWeight()).build()).isEqualTo(d);
    assertThatThrownBy(() -> d.toBuilder().freezeEmbeddings(false).build())
        .hasMessageContaining("transformer.cacheFrozen");
  }

  @Test
  void presetsKeepTheirValues() {
    TransformerConfig q = TransformerConfig.preset("quick");
    assertThat(List.of(q.maxLength(), q.frozenLayers(), q.epochs())).containsExactly(48, 10, 1);
    assertThat(q.trainFraction()).isEqualTo(0.1);
    TransformerConfig f = TransformerConfig.preset(Preset.FULL);
    assertThat(List.of(f.maxLength(), f.frozenLayers(), f.epochs(), f.patience())).containsExactly(128, 0, 4, 2);
    assertThat(f.learningRate()).isEqualTo(3e-5);
    assertThat(f.freezeEmbeddings() || f.cacheFrozen()).isFalse();
    assertThat(TransformerConfig.PRESETS).containsExactly("quick", "default", "full");
  }

  @Test
  void theDefaultPresetUsesTheAblationsWinnersAndOutOfRangeValuesNameTheirKey() {
    TransformerConfig d = TransformerConfig.preset(Preset.DEFAULT);
    assertThat(List.of(d.layerDecay(), d.averageLast())).containsExactly(0.9, 0.3);
    assertThat(List.of(d.frozenLayers(), d.dropoutSamples(), d.epochs())).containsExactly(6, 4, 1);
    TransformerConfig q = TransformerConfig.preset(Preset.QUICK);
    assertThat(List.of(q.layerDecay(), q.averageLast())).containsExactly(1.0, 0.0);
    assertThat(q.dropoutSamples()).isEqualTo(1);
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.layerDecay=0")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("transformer.layerDecay")
        .hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.dropoutSamples=0")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("transformer.dropoutSamples");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.averageLast=1")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("transformer.averageLast")
        .hasMessageContaining("[0, 1)");
    assertThat(ConfigLoader.load(null, List.of("transformer.layerDecay=0.9")).transformer().layerDecay())
        .isEqualTo(0.9);
  }

  @Test
  void domainAdaptationIsOffByDefaultAndNeedsFrozenEmbeddings() {
    for (Preset p : Preset.values()) {
      assertThat(TransformerConfig.preset(p).mlmEpochs()).as(p.word()).isZero();
    }
    assertThat(StudentConfig.defaults().training().mlmEpochs()).isZero();
    assertThat(ConfigLoader.load(null, List.of("transformer.mlmEpochs=0.5")).transformer().mlmEpochs())
        .isEqualTo(0.5);
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.mlmEpochs=-1")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("transformer.mlmEpochs")
        .hasMessageContaining("[0, 10]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("transformer.mlmEpochs=1",
        "transformer.freezeEmbeddings=false", "transformer.cacheFrozen=false")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("transformer.mlmEpochs")
        .hasMessageContaining("freezeEmbeddings: true");
  }

  @Test
  void theStudentTrainsEveryLayerWithoutTheTeachersRecipeOptions() {
    TransformerConfig t = StudentConfig.defaults().training();
    assertThat(List.of(t.frozenLayers(), t.dropoutSamples())).containsExactly(0, 1);
    assertThat(List.of(t.layerDecay(), t.averageLast())).containsExactly(1.0, 0.0);
    assertThat(t.cacheFrozen() || t.freezeEmbeddings()).isFalse();
  }
}
