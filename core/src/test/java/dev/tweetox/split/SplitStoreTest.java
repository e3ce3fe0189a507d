package dev.tweetox.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.DataFormat;
import dev.tweetox.config.SplitConfig;
import dev.tweetox.data.DatasetLoader;
import dev.tweetox.data.Example;
import dev.tweetox.data.GivenSplits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitStoreTest {
  private static final SplitConfig P = SplitConfig.defaults();
  private static final String FP = "a".repeat(64);

  @TempDir
  Path run;

  List<Example> data;
  SplitAssignment made;

  @BeforeEach
  void makeSplit() {
    data = SplitFixtures.examples(20, 12, 8);
    SplitStore.StoredSplit first = SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42);
    assertThat(first.reused()).isFalse();
    made = first.assignment();
  }

  @Test
  void writesIdFilesAndAManifest() throws IOException {
    assertThat(made).isEqualTo(StratifiedSplitter.split(data, P, 42));
    List<String> lines = Files.readAllLines(run.resolve("val_ids.csv"));
    assertThat(lines.get(0)).isEqualTo("id");
    assertThat(lines.subList(1, lines.size())).isEqualTo(made.val());
    JsonNode m = new ObjectMapper().readTree(run.resolve("split.json").toFile());
    assertThat(m.get("kind").asText()).isEqualTo("stratified");
    assertThat(m.get("fingerprint").asText()).isEqualTo(FP);
    assertThat(m.get("seed").asLong()).isEqualTo(42);
    assertThat(m.at("/proportions/val").asDouble()).isEqualTo(0.15);
    assertThat(m.get("total").asInt()).isEqualTo(40);
    assertThat(m.get("idsSha256").asText()).hasSize(64);
    assertThat(m.at("/counts/train/negative").asInt() + m.at("/counts/val/negative").asInt()
        + m.at("/counts/test/negative").asInt()).isEqualTo(20);
    try (var files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("train_ids.csv", "val_ids.csv", "test_ids.csv", "split.json");
    }
  }

  @Test
  void reusesAValidSplitEvenIfTheSeedWouldNowGiveAnother() {
    SplitStore.StoredSplit again = SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42);
    assertThat(again.reused()).isTrue();
    assertThat(again.assignment()).isEqualTo(made);
  }

  @Test
  void aDifferentFingerprintIsRefused() {
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, "9f8e" + FP.substring(4), P,
        42))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("split.json: data fingerprint aaaaaaaaaaaa... differs from the input's 9f8eaaaaaaaa...")
        .hasMessageContaining("delete the split files")
        .hasMessageContaining("or use a new --run-dir");
  }

  @Test
  void aDifferentSeedOrProportionIsRefused() {
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 7))
        .hasMessageContaining("split.json: the split was made with seed 42 but this run's seed is 7");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP,
        new SplitConfig(0.8, 0.1, 0.1), 42))
        .hasMessageContaining("split.json: the split has train proportion 0.7 but the config asks for 0.8");
  }

  @Test
  void anIdInTwoPartsIsRefused() throws IOException {
    String trainId = made.train().get(0);
    Files.writeString(run.resolve("val_ids.csv"), "id\n" + String.join("\n", made.val()) + "\n" + trainId + "\n");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("val_ids.csv: id '" + trainId + "' also appears in train_ids.csv");
  }

  @Test
  void anIdTwiceInOneFileIsRefused() throws IOException {
    List<String> ids = new ArrayList<>(made.test());
    ids.add(ids.get(0));
    Files.writeString(run.resolve("test_ids.csv"), "id\n" + String.join("\n", ids) + "\n");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("test_ids.csv line " + (ids.size() + 1) + ": id '" + ids.get(0) + "' appears twice");
  }

  @Test
  void anUnknownIdIsRefused() throws IOException {
    Files.writeString(run.resolve("test_ids.csv"), "id\n" + String.join("\n", made.test()) + "\nzzz\n");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("test_ids.csv line " + (made.test().size() + 2) + ": id 'zzz' is not in the data");
  }

  @Test
  void aDataIdMissingFromEveryPartIsRefused() throws IOException {
    String dropped = made.test().get(0);
    Files.writeString(run.resolve("test_ids.csv"), "id\n" + String.join("\n", made.test().subList(1,
        made.test().size())) + "\n");
    long row = data.stream().filter(e -> e.id().equals(dropped)).findFirst().orElseThrow().row();
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("id '" + dropped + "' (data row " + row + ") is in none of the split files");
  }

  @Test
  void sameFileButOtherCleanedExamplesIsRefused() {
    List<Example> other = SplitFixtures.examples(25, 12, 8); // as if cleaning now kept five more rows
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, other, SplitFixtures.LABELS, FP, P, 42))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("split.json: the input file is the same but its cleaned examples are not (40 saved, "
            + "45 now); did the cleaning settings change?");
  }

  @Test
  void idFilesWithoutAManifestAreAnIncompleteSplit() throws IOException {
    Files.delete(run.resolve("split.json"));
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("train_ids.csv exists but")
        .hasMessageContaining("split.json does not, so the split is incomplete");
  }

  @Test
  void aMissingIdFileOrBadHeaderIsRefused() throws IOException {
    Files.writeString(run.resolve("train_ids.csv"), "ids\nx\n");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("train_ids.csv line 1: expected the header 'id', found 'ids'");
    Files.delete(run.resolve("train_ids.csv"));
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("train_ids.csv is missing but split.json exists");
  }

  @Test
  void aCorruptManifestIsRefused() throws IOException {
    Files.writeString(run.resolve("split.json"), "{ not json");
    assertThatThrownBy(() -> SplitStore.loadOrCreate(run, data, SplitFixtures.LABELS, FP, P, 42))
        .hasMessageContaining("split.json is not valid JSON");
  }

  @Test
  void givenSplitsAreSavedAndCannotBeMixedWithAStratifiedOne(@TempDir Path other) throws IOException {
    Path train = other.resolve("train.csv");
    Files.writeString(train, "text,label\na,x\nb,y\nc,x\n");
    Files.writeString(other.resolve("val.csv"), "text,label\nd,y\n");
    Files.writeString(other.resolve("test.csv"), "text,label\ne,x\nf,y\n");
    DataConfig c = new DataConfig(train.toString(), null, DataFormat.AUTO, "", "", "", List.of(),
        other.resolve("val.csv").toString(), other.resolve("test.csv").toString());
    GivenSplits g = DatasetLoader.loadGivenSplits(c, CleaningConfig.defaults());
    Path givenRun = other.resolve("run");
    SplitStore.StoredSplit s = SplitStore.loadOrCreate(givenRun, g);
    assertThat(s.assignment().test()).hasSize(2);
    assertThat(SplitStore.loadOrCreate(givenRun, g).reused()).isTrue();
    assertThatThrownBy(() -> SplitStore.loadOrCreate(givenRun, g.all(), g.labels(), g.fingerprint(), P, 42))
        .hasMessageContaining("the saved split is 'given' but this run uses a 'stratified' split");
  }
}
