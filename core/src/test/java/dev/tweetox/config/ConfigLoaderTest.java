package dev.tweetox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  @Test
  void defaultsAreTheNotebookGridOnWordAndCharTfidf() {
    TweetoxConfig c = ConfigLoader.load(null, List.of());
    assertThat(c).isEqualTo(TweetoxConfig.defaults());
    assertThat(c.baseline().c()).containsExactly(0.1, 0.5, 1.0, 2.0, 4.0, 8.0);
    assertThat(c.baseline().classWeight()).containsExactly("none", "balanced", "1.2:0.8:1.2");
    assertThat(c.cleaning().stem()).isFalse();
    assertThat(c.cleaning().removeStopwords()).isFalse();
  }

  @Test
  void yamlFileAndOverridesApplyInOrder() throws Exception {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, "seed: 7\nbaseline:\n  folds: 3\n  c: [1.0, 2.0]\ncleaning:\n  lowercase: true\n");
    TweetoxConfig c = ConfigLoader.load(f, List.of("baseline.folds=4", "baseline.penalty=l2", "name=abc"));
    assertThat(c.seed()).isEqualTo(7L);
    assertThat(c.baseline().folds()).isEqualTo(4);
    assertThat(c.baseline().c()).containsExactly(1.0, 2.0);
    assertThat(c.baseline().penalty()).containsExactly(Penalty.L2);
    assertThat(c.cleaning().lowercase()).isTrue();
    assertThat(c.name()).isEqualTo("abc");
  }

  @Test
  void savedJsonReadsBackEqual() throws Exception {
    TweetoxConfig c = ConfigLoader.load(null, List.of("seed=3", "data.dataset=tweeteval-offensive"));
    Path f = tmp.resolve("config.json");
    Files.writeString(f, ConfigLoader.toJson(c));
    assertThat(ConfigLoader.readSaved(f)).isEqualTo(c);
  }

  @Test
  void emojiToWordsIsOnForNewConfigsAndOffForConfigsSavedBeforeIt() throws Exception {
    TweetoxConfig c = ConfigLoader.load(null, List.of());
    assertThat(c.cleaning().emojiToWords()).isTrue();
    com.fasterxml.jackson.databind.node.ObjectNode tree = ConfigLoader.json().valueToTree(c);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("cleaning")).remove("emojiToWords");
    Path old = tmp.resolve("old-config.json");
    Files.writeString(old, tree.toString());
    TweetoxConfig legacy = ConfigLoader.readSaved(old);
    assertThat(legacy.cleaning().emojiToWords()).isFalse();
    assertThat(legacy.cleaning().urls()).isTrue();
    assertThat(ConfigLoader.readSaved(tree, "tweetox.json").cleaning().emojiToWords()).isFalse();
    // A saved config that has the key keeps it either way.
    Path saved = tmp.resolve("config.json");
    Files.writeString(saved, ConfigLoader.toJson(c));
    assertThat(ConfigLoader.readSaved(saved).cleaning().emojiToWords()).isTrue();
    // A config file a user writes without the key gets today's default.
    Path user = tmp.resolve("user.yml");
    Files.writeString(user, "cleaning:\n  lowercase: true\n");
    assertThat(ConfigLoader.load(user, List.of()).cleaning().emojiToWords()).isTrue();
    assertThat(ConfigLoader.load(null, List.of("cleaning.emojiToWords=false")).cleaning().emojiToWords()).isFalse();
  }

  @Test
  void unknownKeyInFileNamesTheKeyAndTheValidOnes() throws Exception {
    Path f = tmp.resolve("c.yml");
    Files.writeString(f, "baseline:\n  cc: [1.0]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("c.yml")
        .hasMessageContaining("unknown config key 'baseline.cc'")
        .hasMessageContaining("classWeight");
  }

  @Test
  void unknownOverrideKeyFails() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("split.tran=0.5")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("unknown config key 'split.tran'");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("nosuch.key=1")))
        .hasMessageContaining("unknown config key 'nosuch'");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("seed")))
        .hasMessageContaining("must look like key=value");
  }

  @Test
  void invalidValuesNameTheField() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("split.train=0.9")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("split")
        .hasMessageContaining("must be 1");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("baseline.penalty=l3")))
        .hasMessageContaining("baseline.penalty");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.format=xml")))
        .hasMessageContaining("data.format");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("baseline.folds=many")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("folds");
  }

  @Test
  void modelTypesAreTheModelKinds() {
    // config may not depend on the model package (model -> data -> config), so the list is spelled twice
    assertThat(TweetoxConfig.MODEL_TYPES)
        .containsExactlyElementsOf(Arrays.stream(ModelKind.values()).map(ModelKind::key).toList());
    assertThat(ModelKind.parseAll(TweetoxConfig.defaults().models()))
        .containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE);
  }

  @Test
  void theEnsembleNeedsTwoModelsToStack() {
    for (String models : List.of("models=transformer,ensemble", "models=baseline,baseline,ensemble")) {
      assertThatThrownBy(() -> ConfigLoader.load(null, List.of(models)))
          .isInstanceOf(TweetoxException.class).hasMessageContaining("models")
          .hasMessageContaining("needs two of baseline, transformer and student").hasMessageContaining("tweetox ensemble");
    }
    assertThat(ConfigLoader.load(null, List.of("models=ensemble,transformer,baseline")).models())
        .containsExactly("ensemble", "transformer", "baseline");
    assertThat(ConfigLoader.load(null, List.of("models=transformer,student,ensemble")).models())
        .containsExactly("transformer", "student", "ensemble");
  }

  @Test
  void wordValuesBindToEnumsAndNameTheKeyAndTheValidWords() throws Exception {
    TweetoxConfig c = ConfigLoader.load(null, List.of("cleaning.conflicts=majority", "data.format=tse",
        "baseline.penalty=l1,l2", "data.dataset=tweeteval-offensive"));
    assertThat(c.cleaning().conflicts()).isEqualTo(ConflictPolicy.MAJORITY);
    assertThat(c.data().format()).isEqualTo(DataFormat.TSE);
    assertThat(c.baseline().penalty()).containsExactly(Penalty.L1, Penalty.L2);
    assertThat(c.data().dataset()).isEqualTo(BundledDataset.TWEETEVAL_OFFENSIVE);
    // the saved config keeps the words
    assertThat(ConfigLoader.toJson(c)).contains("\"conflicts\" : \"majority\"").contains("\"format\" : \"tse\"")
        .contains("\"dataset\" : \"tweeteval-offensive\"").containsPattern("\"penalty\" : \\[ \"l1\", \"l2\" \\]");

    Path f = tmp.resolve("w.yml");
    Files.writeString(f, "cleaning:\n  conflicts: sometimes\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of())).isInstanceOf(TweetoxException.class)
        .hasMessage(f + ": config cleaning.conflicts: 'sometimes' is not one of [drop, majority, keep]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.format=xml")))
        .hasMessage("command-line overrides: config data.format: 'xml' is not one of"
            + " [auto, notebook, tse, csv, tsv, jsonl]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("baseline.penalty=l2,L1")))
        .hasMessage("command-line overrides: config baseline.penalty[1]: 'L1' is not one of [l1, l2]");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.dataset=sentiment140")))
        .hasMessageContaining("config data.dataset: 'sentiment140' is not one of"
            + " [tweet-sentiment, tweeteval-offensive]");
  }

  @Test
  void missingAndMalformedFilesAreClearErrors() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(tmp.resolve("nope.yaml"), List.of()))
        .hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"seed\": ");
    assertThatThrownBy(() -> ConfigLoader.load(bad, List.of()))
        .hasMessageContaining("bad.json").hasMessageContaining("not valid JSON");
  }

  @Test
  void offensiveBenchmarkUsesBinaryClassWeightsAndItsFilesAsPublished() {
    TweetoxConfig d = TweetoxConfig.defaults();
    TweetoxConfig off = d.adjustedFor(BundledDataset.TWEETEVAL_OFFENSIVE);
    assertThat(off.baseline().classWeight()).containsExactly("none", "balanced");
    assertThat(off.cleaning().dropDuplicates()).isFalse();
    assertThat(off.cleaning().conflicts()).isEqualTo(ConflictPolicy.KEEP);
    assertThat(off.cleaning().urls()).isTrue();
    assertThat(d.adjustedFor(BundledDataset.TWEET_SENTIMENT)).isEqualTo(d);
    TweetoxConfig overridden = ConfigLoader.load(off, null, List.of("cleaning.dropDuplicates=true"));
    assertThat(overridden.cleaning().dropDuplicates()).isTrue();
  }
}
