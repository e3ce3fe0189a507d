package dev.tweetox.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.Penalty;
import dev.tweetox.features.TfidfSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineModelFilesTest {
  @TempDir
  Path dir;

  private static BaselineModel sentimentModel() {
    ToyTweets.Data d = ToyTweets.sentiment(8);
    return BaselineTrainer.fitOne(d.texts(), d.y(), ToyTweets.SENTIMENT, ToyTweets.SETTINGS,
        new LrParams(2.0, Penalty.L1, new ClassWeighting("1.2:0.8:1.2")), 1e-4, 3);
  }

  private static final List<String> PROBE =
      List.of("i love mondays", "awful bus", "", "naïve café 😀 \\t tab\tand\nnewline", "so so");

  @Test
  void roundTripGivesIdenticalProbabilities() {
    BaselineModel m = sentimentModel();
    m.save(dir);
    BaselineModel back = BaselineModel.load(dir);
    assertThat(back.predictProba(PROBE)).isDeepEqualTo(m.predictProba(PROBE));
    assertThat(back.labels()).isEqualTo(m.labels());
    assertThat(back.params()).isEqualTo(m.params());
    assertThat(back.vectorizer().settings()).isEqualTo(m.vectorizer().settings());
    assertThat(back.vectorizer().charBlock().orElseThrow().terms())
        .isEqualTo(m.vectorizer().charBlock().orElseThrow().terms());
    assertThat(back.vectorizer().wordBlock().idf()).isEqualTo(m.vectorizer().wordBlock().idf());
  }

  @Test
  void termsWithBackslashesTabsAndNewlinesSurvive() {
    // char_wb terms never hold whitespace, but word bigrams can hold a backslash; escaping must be exact
    List<String> texts = List.of("a\\\\b c\\d", "x\\y zz", "a\\\\b ok", "x\\y ok");
    BaselineModel m = BaselineTrainer.fitOne(texts, new int[] {0, 1, 0, 1}, ToyTweets.BINARY,
        new TfidfSettings(1, 2, 2, 3, 1, 1.0, false, 0), new LrParams(1, Penalty.L2, ClassWeighting.NONE),
        1e-4, 1);
    m.save(dir);
    BaselineModel back = BaselineModel.load(dir);
    assertThat(back.vectorizer().charBlock().orElseThrow().terms())
        .isEqualTo(m.vectorizer().charBlock().orElseThrow().terms());
    assertThat(back.predictProba(texts)).isDeepEqualTo(m.predictProba(texts));
  }

  @Test
  void binaryWordOnlyModelRoundTrips() throws IOException {
    List<String> texts = List.of("you idiot", "nice day", "stupid idiot", "nice work");
    BaselineModel m = BaselineTrainer.fitOne(texts, new int[] {1, 0, 1, 0}, ToyTweets.BINARY,
        new TfidfSettings(1, 1, 0, 0, 1, 1.0, false, 0), new LrParams(1, Penalty.L2, ClassWeighting.BALANCED),
        1e-4, 1);
    m.save(dir);
    BaselineModel back = BaselineModel.load(dir);
    assertThat(back.predictProba(texts)).isDeepEqualTo(m.predictProba(texts));
    assertThat(back.vectorizer().charBlock()).isEmpty();
    // 1 decision function x (6 words + bias) x 8 bytes
    assertThat(Files.size(dir.resolve("weights.bin"))).isEqualTo(56);
  }

  @Test
  void modelJsonDescribesTheFiles() throws IOException {
    BaselineModel m = sentimentModel();
    m.save(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
    assertThat(json.get("format").asText()).isEqualTo("tweetox-baseline");
    assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(json.get("kind").asText()).isEqualTo("baseline");
    assertThat(json.at("/labels/names").toString()).isEqualTo("[\"negative\",\"neutral\",\"positive\"]");
    assertThat(json.at("/params/classWeight").asText()).isEqualTo("1.2:0.8:1.2");
    assertThat(json.at("/vectorizer/charNgramMax").asInt()).isEqualTo(4);
    assertThat(json.at("/vectorizer/wordFeatures").asInt()).isEqualTo(m.vectorizer().wordBlock().size());
    assertThat(json.at("/decisionFunctions").asInt()).isEqualTo(3);
    assertThat(json.at("/files/weights.bin/bytes").asLong())
        .isEqualTo(3L * (m.vectorizer().featureCount() + 1) * 8);
    assertThat(json.at("/files/vocabulary.tsv/sha256").asText()).hasSize(64);
    assertThat(Files.readAllLines(dir.resolve("vocabulary.tsv")))
        .hasSize(m.vectorizer().featureCount())
        .first().asString().startsWith("word\t");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("model.json", "vocabulary.tsv", "weights.bin");
    }
  }

  @Test
  void aFlippedByteInTheWeightsIsDetected() throws IOException {
    sentimentModel().save(dir);
    Path weights = dir.resolve("weights.bin");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("weights.bin")
        .hasMessageContaining("SHA-256")
        .hasMessageContaining("re-train or re-export");
  }

  @Test
  void aTruncatedVocabularyIsDetected() throws IOException {
    sentimentModel().save(dir);
    Path vocab = dir.resolve("vocabulary.tsv");
    byte[] bytes = Files.readAllBytes(vocab);
    Files.write(vocab, Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("vocabulary.tsv")
        .hasMessageContaining("truncated")
        .hasMessageContaining("re-train or re-export");
  }

  @Test
  void missingOrForeignModelJsonIsExplained() throws IOException {
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("model.json: not found");
    Files.writeString(dir.resolve("model.json"), "{\"format\": \"something-else\"}");
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("format is not 'tweetox-baseline'");
    Files.writeString(dir.resolve("model.json"), "{\"format\": \"tweetox-baseline\", \"formatVersion\": 1}");
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("field 'files' is missing");
    Files.writeString(dir.resolve("model.json"), "{not json");
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("model.json: is not valid JSON");
  }

  @Test
  void anUnwritableTargetIsAUserError() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> sentimentModel().save(file.resolve("model")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("cannot save the baseline model");
  }

  @Test
  void aNewerFormatVersionAsksForReExport() throws IOException {
    sentimentModel().save(dir);
    Path json = dir.resolve("model.json");
    Files.writeString(json, Files.readString(json).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    assertThatThrownBy(() -> BaselineModel.load(dir))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("formatVersion 2 is not supported");
  }
}
