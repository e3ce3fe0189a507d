package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreErrorsTest {
  @TempDir Path tmp;

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void yamlSpaceLoads() throws Exception {
    SearchSpace s = SearchSpace.load(write("s.yaml", "model: baseline\nparameters:\n  c: {min: 0.1, max: 10, log: true}\n"
        + "  penalty: [l1, L2]\n  classWeight: [none, 1.2:0.8:1.2]\n"));
    assertThat(s.parameters().keySet()).containsExactly("c", "classWeight", "penalty");
    assertThat(s.parameters().get("classWeight").values()).containsExactly("none", "1.2:0.8:1.2");
    assertThat(s.parameters().get("c").log()).isTrue();
    assertThat(s.parameters().get("penalty").values()).containsExactly("l1", "l2");
    assertThat(SearchSpace.fromJson(s.toJson())).isEqualTo(s);
  }

  @Test
  void emptySpaceIsAnError() throws Exception {
    assertThatThrownBy(() -> SearchSpace.load(write("e.yaml", "model: transformer\nparameters: {}\n")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("e.yaml: the search space is empty; list at least one of [learningRate, batchSize");
  }

  @Test
  void unknownParameterAndUnknownKeyAreErrors() throws Exception {
    assertThatThrownBy(() -> SearchSpace.load(write("u.yaml", "model: transformer\nparameters:\n"
        + "  learningrate: {min: 1e-5, max: 1e-4}\n")))
        .hasMessageContaining("u.yaml parameters.learningrate: unknown parameter for model transformer; valid:"
            + " [learningRate,");
    assertThatThrownBy(() -> SearchSpace.load(write("b.yaml", "model: baseline\nparameters:\n  epochs: [1]\n")))
        .hasMessageContaining("parameters.epochs: unknown parameter for model baseline; valid: [c, penalty,");
    assertThatThrownBy(() -> SearchSpace.load(write("k.yaml", "model: baseline\nparameters:\n"
        + "  c: {min: 1, max: 2, step: 1}\n")))
        .hasMessageContaining("k.yaml parameters.c: unknown key 'step'; valid: [log, max, min, values]");
    assertThatThrownBy(() -> SearchSpace.load(write("t.yaml", "model: baseline\nparams: {}\n")))
        .hasMessageContaining("t.yaml: unknown key 'params'");
  }

  @Test
  void negativeAndReversedRangesAreErrors() throws Exception {
    assertThatThrownBy(() -> SearchSpace.load(write("n.yaml", "model: transformer\nparameters:\n"
        + "  weightDecay: {min: -0.1, max: 0.1}\n")))
        .hasMessageContaining("n.yaml parameters.weightDecay.min: -0.1 is outside the valid range [0, 1]");
    assertThatThrownBy(() -> SearchSpace.load(write("r.yaml", "model: transformer\nparameters:\n"
        + "  epochs: {min: 4, max: 2}\n")))
        .hasMessageContaining("r.yaml parameters.epochs: min 4 is above max 2; swap them");
    assertThatThrownBy(() -> SearchSpace.load(write("i.yaml", "model: transformer\nparameters:\n"
        + "  batchSize: [16, 24.5]\n")))
        .hasMessageContaining("i.yaml parameters.batchSize: '24.5' must be a whole number");
    assertThatThrownBy(() -> SearchSpace.load(write("w.yaml", "model: baseline\nparameters:\n"
        + "  classWeight: [heavy]\n")))
        .hasMessageContaining("w.yaml parameters.classWeight: 'heavy' is not one of [none, balanced] or explicit weights");
    assertThatThrownBy(() -> Strategy.GRID.configurations(SearchSpace.notebookRandom(), 0, 1))
        .hasMessageContaining("grid search needs listed values for every parameter, but epochs is a range");
  }

  @Test
  void unreachableDatabaseIsAClearError() {
    assertThatThrownBy(() -> StudyStore.open("jdbc:postgresql://127.0.0.1:1/nope?user=u&password=secret", tmp))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("cannot open the study store jdbc:postgresql://127.0.0.1:1/nope?user=u&password=***")
        .hasMessageContaining("check that the server runs")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> StudyStore.open("jdbc:mysql://x/y", tmp))
        .hasMessageContaining("--storage 'jdbc:mysql://x/y' is not supported");
  }

  @Test
  void reopeningAStudyWithAnotherSpaceIsAnError() {
    StudyStore store = StudyStore.open(null, tmp);
    StudySettings s = new StudySettings("s", ModelKind.BASELINE, Strategy.GRID, 0, 1, 1.0, Halving.defaults());
    store.openStudy(s, SearchSpace.baselineGrid());
    store.openStudy(s, SearchSpace.baselineGrid()); // same space: fine
    assertThat(store.trials("s")).hasSize(24);
    SearchSpace other = SearchSpace.fromJson("{\"model\": \"baseline\", \"parameters\": {\"c\": [1.0]}}");
    assertThatThrownBy(() -> store.openStudy(s, other))
        .hasMessageContaining("study 's' in jdbc:sqlite:")
        .hasMessageContaining("was made with another search space");
    StudySettings moreTrials = new StudySettings("s", ModelKind.BASELINE, Strategy.RANDOM, 5, 1, 1.0,
        Halving.defaults());
    assertThatThrownBy(() -> store.openStudy(moreTrials, SearchSpace.baselineGrid()))
        .hasMessageContaining("was made with other settings");
  }

  @Test
  void aStudyStoredWithItsSettingsKeysInAnotherOrderReopens() throws Exception {
    // a real study failed to resume: the halving keys came out of Map.of, whose order differs between JVMs
    StudyStore store = StudyStore.open(null, tmp);
    StudySettings s = new StudySettings("h", ModelKind.BASELINE, Strategy.HALVING, 3, 1, 0.5,
        new Halving(Halving.Resource.SAMPLES, 1800, 3));
    String ordered = "\"halving\":{\"resource\":\"samples\",\"minResource\":1800.0,\"eta\":3}";
    assertThat(s.toJson()).contains(ordered);
    store.openStudy(s, SearchSpace.baselineRandom());
    String stored = store.study("h").orElseThrow().settingsJson();
    String shuffled = stored.replace(ordered,
        "\"halving\":{\"eta\":3,\"minResource\":1800.0,\"resource\":\"samples\"}");
    assertThat(shuffled).isNotEqualTo(stored);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("tune.db"));
        java.sql.PreparedStatement u = c.prepareStatement("UPDATE tune_study SET settings_json = ?")) {
      u.setString(1, shuffled);
      assertThat(u.executeUpdate()).isEqualTo(1);
    }
    store.openStudy(s, SearchSpace.baselineRandom()); // same settings, keys in another order: fine
    StudySettings otherEta = new StudySettings("h", ModelKind.BASELINE, Strategy.HALVING, 3, 1, 0.5,
        new Halving(Halving.Resource.SAMPLES, 1800, 2));
    assertThatThrownBy(() -> store.openStudy(otherEta, SearchSpace.baselineRandom()))
        .hasMessageContaining("was made with other settings");
  }
}
