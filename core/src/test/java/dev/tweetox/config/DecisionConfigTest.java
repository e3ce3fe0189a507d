package dev.tweetox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAimAtNinetyPercentPrecisionOnTheDatasBadClass() {
    DecisionConfig d = TweetoxConfig.defaults().decision();
    assertThat(d.flagClass()).isEmpty();
    assertThat(d.hasFixedThreshold()).isFalse();
    assertThat(d.effectiveMinPrecision()).isEqualTo(0.9);
  }

  @Test
  void overridesSetEitherAPrecisionTargetOrAFixedThreshold() {
    DecisionConfig p = ConfigLoader.load(null, List.of("decision.flagClass=offensive", "decision.minPrecision=0.8"))
        .decision();
    assertThat(p.flagClass()).isEqualTo("offensive");
    assertThat(p.effectiveMinPrecision()).isEqualTo(0.8);
    DecisionConfig t = ConfigLoader.load(null, List.of("decision.threshold=0.7")).decision();
    assertThat(t.hasFixedThreshold()).isTrue();
    assertThat(t.threshold()).isEqualTo(0.7);
  }

  @Test
  void bothOrOutOfRangeOrUnknownKeysAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("decision.minPrecision=0.8", "decision.threshold=0.6")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("mutually exclusive");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("decision.minPrecision=1.5")))
        .hasMessageContaining("decision.minPrecision");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("decision.threshold=-0.1")))
        .hasMessageContaining("decision.threshold");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("decision.precision=0.9")))
        .hasMessageContaining("unknown config key 'decision.precision'").hasMessageContaining("minPrecision");
  }

  @Test
  void savedConfigRoundTripsAndALegacyOneWithoutTheSectionGetsTheDefaults() throws Exception {
    TweetoxConfig cfg = ConfigLoader.load(null, List.of("decision.threshold=0.65"));
    Path saved = dir.resolve("config.json");
    Files.writeString(saved, ConfigLoader.toJson(cfg));
    assertThat(ConfigLoader.readSaved(saved)).isEqualTo(cfg);

    String legacy = ConfigLoader.json().readTree(ConfigLoader.toJson(TweetoxConfig.defaults())).deepCopy()
        .toString().replaceFirst(",\"decision\":\\{[^}]*\\}", "");
    assertThat(legacy).doesNotContain("decision");
    Path old = dir.resolve("old.json");
    Files.writeString(old, legacy);
    assertThat(ConfigLoader.readSaved(old).decision()).isEqualTo(DecisionConfig.defaults());
  }
}
