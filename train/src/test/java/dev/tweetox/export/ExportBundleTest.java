package dev.tweetox.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundle exported from a tiny finished run: files, weights layout, card, logs, summary, checksums. */
class ExportBundleTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path run;
  static Path bundle;

  @BeforeAll
  static void export() {
    run = TinyRun.runDir();
    bundle = TinyRun.bundle();
  }

  @Test
  void bundleHoldsEveryPromisedFile() {
    assertThat(Checksums.files(bundle)).containsExactlyInAnyOrder("config.json", "vocab.txt", "model.safetensors",
        "model.int8.safetensors", "tweetox.json", "baseline/model.json", "baseline/vocabulary.tsv", "baseline/weights.bin", "model_card.md",
        "model_card.json", "experiment_runs_all.csv", "experiment_runs_all.xlsx", "summary_report.txt",
        "calibration.json", "baseline/calibration.json", "SHA256SUMS");
    assertThat(bundle.getParent()).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith("export-tmp"));
  }

  /** The names and shapes Hugging Face's BertForSequenceClassification has, for a given config. */
  static Map<String, List<Long>> hfBertLayout(BertConfig c) {
    long h = c.hidden();
    long i = c.intermediate();
    Map<String, List<Long>> m = new LinkedHashMap<>();
    m.put("bert.embeddings.word_embeddings.weight", List.of((long) c.vocabSize(), h));
    m.put("bert.embeddings.position_embeddings.weight", List.of((long) c.maxPositions(), h));
    m.put("bert.embeddings.token_type_embeddings.weight", List.of((long) c.typeVocab(), h));
    m.put("bert.embeddings.LayerNorm.weight", List.of(h));
    m.put("bert.embeddings.LayerNorm.bias", List.of(h));
    for (int l = 0; l < c.layers(); l++) {
      String p = "bert.encoder.layer." + l + ".";
      for (String qkv : List.of("query", "key", "value")) {
        m.put(p + "attention.self." + qkv + ".weight", List.of(h, h));
        m.put(p + "attention.self." + qkv + ".bias", List.of(h));
      }
      m.put(p + "attention.output.dense.weight", List.of(h, h));
      m.put(p + "attention.output.dense.bias", List.of(h));
      m.put(p + "attention.output.LayerNorm.weight", List.of(h));
      m.put(p + "attention.output.LayerNorm.bias", List.of(h));
      m.put(p + "intermediate.dense.weight", List.of(i, h));
      m.put(p + "intermediate.dense.bias", List.of(i));
      m.put(p + "output.dense.weight", List.of(h, i));
      m.put(p + "output.dense.bias", List.of(h));
      m.put(p + "output.LayerNorm.weight", List.of(h));
      m.put(p + "output.LayerNorm.bias", List.of(h));
    }
    m.put("bert.pooler.dense.weight", List.of(h, h));
    m.put("bert.pooler.dense.bias", List.of(h));
    m.put("classifier.weight", List.of((long) c.numLabels(), h));
    m.put("classifier.bias", List.of((long) c.numLabels()));
    return m;
  }

  @Test
  void safetensorsHasExactlyTheHuggingFaceNamesAndShapesAndFollowsTheSpec() throws Exception {
    byte[] bytes = Files.readAllBytes(bundle.resolve("model.safetensors"));
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).as("header padded to 8 bytes").isZero();
    assertThat(8 + n).isLessThanOrEqualTo(bytes.length);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{");
    String json = header.stripTrailing();
    assertThat(json).endsWith("}");
    assertThat(header.substring(json.length())).matches(" *").hasSizeLessThan(8);
    JsonNode root = JSON.readTree(json);

    JsonNode meta = root.get("__metadata__");
    assertThat(meta.isObject()).isTrue();
    meta.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
    assertThat(meta.path("format").asText()).isEqualTo("pt");

    BertConfig cfg = TinyTraining.bertConfig().withNumLabels(3);
    Map<String, List<Long>> expected = hfBertLayout(cfg);
    assertThat(expected).hasSize(5 + 16 * cfg.layers() + 2 + 2);
    Map<String, List<Long>> actual = new LinkedHashMap<>();
    List<long[]> spans = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode t = e.getValue();
      assertThat(t.path("dtype").asText()).as(e.getKey()).isEqualTo("F32");
      List<Long> shape = new ArrayList<>();
      t.path("shape").forEach(d -> shape.add(d.asLong()));
      actual.put(e.getKey(), shape);
      long begin = t.path("data_offsets").get(0).asLong();
      long end = t.path("data_offsets").get(1).asLong();
      assertThat(end - begin).as(e.getKey()).isEqualTo(4 * shape.stream().reduce(1L, (a, b) -> a * b));
      spans.add(new long[] {begin, end});
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    // the data area is covered exactly, in header order, with no gap and no overlap
    long at = 0;
    for (long[] s : spans) {
      assertThat(s[0]).isEqualTo(at);
      at = s[1];
    }
    assertThat(8 + n + at).isEqualTo(bytes.length);
  }

  @Test
  void configJsonIsAHuggingFaceSequenceClassificationConfig() throws Exception {
    JsonNode c = JSON.readTree(bundle.resolve("config.json").toFile());
    assertThat(c.path("architectures").get(0).asText()).isEqualTo("BertForSequenceClassification");
    assertThat(c.path("model_type").asText()).isEqualTo("bert");
    assertThat(c.path("num_hidden_layers").asInt()).isEqualTo(2);
    assertThat(c.path("hidden_size").asInt()).isEqualTo(32);
    assertThat(c.path("id2label").toString()).isEqualTo("{\"0\":\"negative\",\"1\":\"neutral\",\"2\":\"positive\"}");
    assertThat(c.path("label2id").toString()).isEqualTo("{\"negative\":0,\"neutral\":1,\"positive\":2}");
    // floats as set, not widened to double (0.10000000149011612)
    assertThat(Files.readString(bundle.resolve("config.json"))).contains("\"layer_norm_eps\" : 1.0E-12,")
        .contains("\"hidden_dropout_prob\" : 0.1,").contains("\"attention_probs_dropout_prob\" : 0.1,");
    assertThat(Files.readAllLines(bundle.resolve("vocab.txt")))
        .isEqualTo(Files.readAllLines(run.resolve("transformer/model/vocab.txt")));
    assertThat(Files.readAllBytes(bundle.resolve("baseline/weights.bin")))
        .isEqualTo(Files.readAllBytes(run.resolve("baseline/weights.bin")));
  }

  @Test
  void cardFrontMatterIsYamlWithHubKeysAndTheRunsMetrics() throws Exception {
    String md = Files.readString(bundle.resolve("model_card.md"));
    assertThat(md).startsWith("---\n");
    int end = md.indexOf("\n---\n", 4);
    JsonNode fm = new ObjectMapper(new YAMLFactory()).readTree(md.substring(4, end + 1));
    assertThat(fm.path("language").get(0).asText()).isEqualTo("en");
    assertThat(fm.path("pipeline_tag").asText()).isEqualTo("text-classification");
    assertThat(fm.path("license").asText()).isEqualTo("other");
    assertThat(fm.path("datasets").get(0).asText()).isEqualTo("tweets60.csv");
    assertThat(fm.path("tags").toString()).contains("text-classification");
    assertThat(fm.path("metrics").toString()).contains("f1").contains("accuracy");
    assertThat(fm.path("labels").toString()).isEqualTo("[\"negative\",\"neutral\",\"positive\"]");
    Map<String, Map<String, Map<String, Double>>> metrics = MetricsJson.read(run.resolve("metrics.json"));
    JsonNode results = fm.path("model-index").get(0).path("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).path("dataset").path("split").asText()).isEqualTo("validation");
    assertThat(results.get(1).path("dataset").path("split").asText()).isEqualTo("test");
    JsonNode testF1 = results.get(1).path("metrics").get(0);
    assertThat(testF1.path("type").asText()).isEqualTo("f1");
    assertThat(testF1.path("value").asDouble()).isCloseTo(metrics.get("transformer").get("test").get("macro_f1"),
        org.assertj.core.data.Offset.offset(5e-5));

    for (String section : List.of("## Intended use", "## Training data and split", "## Hyperparameters",
        "## Results", "## Limitations", "## Provenance", "sarcasm", "Domain shift", "2009-2010", "English only",
        "**baseline, test, per class**", "**transformer, val, per class**", "split ids fingerprint")) {
      assertThat(md).containsIgnoringCase(section);
    }
    JsonNode card = JSON.readTree(bundle.resolve("model_card.json").toFile());
    assertThat(card.fieldNames()).toIterable().contains("task", "labels", "training_data", "split",
        "hyperparameters", "metrics", "per_class", "intended_use", "limitations", "provenance");
    JsonNode prov = JSON.readTree(run.resolve("provenance.json").toFile());
    assertThat(card.path("provenance")).isEqualTo(prov);
    JsonNode split = JSON.readTree(run.resolve("split.json").toFile());
    assertThat(card.path("split").path("ids_sha256").asText()).isEqualTo(split.path("idsSha256").asText());
    assertThat(md).contains(prov.path("gitRevision").asText()).contains(prov.path("dataFingerprint").asText());
    long total = card.path("split").path("sizes").path("train").asLong() + card.path("split").path("sizes")
        .path("val").asLong() + card.path("split").path("sizes").path("test").asLong();
    assertThat(total).isEqualTo(split.path("total").asLong());
    // 3 classes, accuracy, macro and weighted averages
    assertThat(card.path("per_class").path("transformer").path("test")).hasSize(6);
    assertThat(card.path("metrics")).isEqualTo(JSON.valueToTree(metrics));
  }

  @Test
  void summaryReportComparesTheModelsHonestly() throws Exception {
    Map<String, Map<String, Map<String, Double>>> m = MetricsJson.read(run.resolve("metrics.json"));
    double base = m.get("baseline").get("test").get("macro_f1");
    double bert = m.get("transformer").get("test").get("macro_f1");
    String text = Files.readString(bundle.resolve("summary_report.txt"));
    assertThat(text).contains(String.format(Locale.ROOT, "baseline (TF-IDF + LR): %.4f", base))
        .contains(String.format(Locale.ROOT, "transformer (BERT):     %.4f", bert))
        .contains(String.format(Locale.ROOT, "improvement:            %+.4f", bert - base))
        .contains(bert >= 0.85 ? "met (" : "not met (");
    assertThat(bert).as("a random tiny BERT cannot reach the target").isLessThan(0.85);
  }

  @Test
  void experimentLogHasEveryLoggedRun() throws Exception {
    List<String> csv = Files.readAllLines(bundle.resolve("experiment_runs_all.csv"));
    List<String> log = Files.readAllLines(run.getParent().resolve("runs_log.csv"));
    assertThat(csv.get(0)).startsWith("source,started,run,");
    assertThat(csv).hasSize(log.size());
    assertThat(csv.get(1)).startsWith("runs_log,");
    assertThat(Files.size(bundle.resolve("experiment_runs_all.xlsx"))).isPositive();
  }

  @Test
  void trialsFromATuningCsvJoinTheRunsUnderTheirSource() {
    var runs = new dev.tweetox.report.Table("runs_log", List.of("run", "f1"), List.of(List.of("a", 0.5)));
    var trials = new dev.tweetox.report.Table("tuning_trials", List.of("trial", "f1"), List.of(List.of(1.0, 0.6)));
    var all = ExperimentLog.combined(List.of(runs, trials));
    assertThat(all.columns()).containsExactly("source", "run", "f1", "trial");
    assertThat(all.rows()).containsExactly(java.util.Arrays.asList("runs_log", "a", 0.5, null),
        java.util.Arrays.asList("tuning_trials", null, 0.6, 1.0));
  }

  @Test
  void checksumsCoverEveryFileInSha256sumFormat() throws Exception {
    List<String> lines = Files.readAllLines(bundle.resolve("SHA256SUMS"));
    List<String> files = new ArrayList<>(Checksums.files(bundle));
    files.remove("SHA256SUMS");
    assertThat(lines).hasSize(files.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).matches("[0-9a-f]{64}  \\S+");
      String rel = lines.get(i).substring(66);
      assertThat(rel).isEqualTo(files.get(i));
      assertThat(lines.get(i).substring(0, 64)).isEqualTo(Checksums.sha256(bundle.resolve(rel)));
    }
    assertThat(Checksums.verify(bundle, List.of("model.safetensors"))).hasSize(files.size());
  }

  @Test
  void verifyNamesTheTamperedFileAndRejectsUnsafeLists() throws Exception {
    Path copy = TinyRun.copy(bundle, TinyRun.scratch("tamper"));
    byte[] vocab = Files.readAllBytes(copy.resolve("vocab.txt"));
    vocab[0] ^= 1;
    Files.write(copy.resolve("vocab.txt"), vocab);
    assertThatThrownBy(() -> Checksums.verify(copy, List.of())).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("vocab.txt does not match its SHA-256").hasMessageContaining("re-export");

    Path sums = copy.resolve("SHA256SUMS");
    Files.writeString(sums, "0".repeat(64) + "  ../outside.txt\n");
    assertThatThrownBy(() -> Checksums.verify(copy, List.of())).hasMessageContaining("line 1")
        .hasMessageContaining("leaves the bundle");
    Files.writeString(sums, "");
    assertThatThrownBy(() -> Checksums.verify(copy, List.of("model.safetensors")))
        .hasMessageContaining("does not list model.safetensors");
    Files.writeString(sums, "xyz  config.json\n");
    assertThatThrownBy(() -> Checksums.verify(copy, List.of())).hasMessageContaining("SHA256SUMS line 1");
  }

  @Test
  void refusesANonEmptyTargetUnlessForcedAndNeverTheRunItself() throws Exception {
    Path out = TinyRun.scratch("force");
    Files.writeString(out.resolve("keep.txt"), "mine");
    PrintWriter quiet = new PrintWriter(new StringWriter());
    assertThatThrownBy(() -> BundleExporter.export(run, out, BundleExporter.Options.defaults(), quiet))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("exists and is not empty")
        .hasMessageContaining("--force");
    assertThat(out.resolve("keep.txt")).exists();
    BundleExporter.Result r = BundleExporter.export(run, out, new BundleExporter.Options(true, "mit"), quiet);
    assertThat(out.resolve("keep.txt")).doesNotExist();
    assertThat(r.files()).contains("model.safetensors", "SHA256SUMS");
    assertThat(r.int8Written()).isTrue();
    assertThat(Files.readString(out.resolve("model_card.md"))).contains("license: mit");
    // same run, same weights: the fp32 file is byte-identical to the first export's
    assertThat(Checksums.sha256(out.resolve("model.safetensors")))
        .isEqualTo(Checksums.sha256(bundle.resolve("model.safetensors")));

    assertThatThrownBy(() -> BundleExporter.export(run, run.resolve("bundle"),
        new BundleExporter.Options(true, "other"), quiet)).hasMessageContaining("overlaps the run directory");
  }

  /** Exporting the same run again gives the same bytes, checksums file included, and no local path. */
  @Test
  void twoExportsOfOneRunAreByteIdenticalAndCarryNoLocalPath() throws Exception {
    Path again = TinyRun.scratch("again");
    BundleExporter.export(run, again, new BundleExporter.Options(true, BundleExporter.Options.defaults().license()),
        new PrintWriter(new StringWriter()));
    assertThat(Files.readString(again.resolve(Bundle.CHECKSUMS)))
        .isEqualTo(Files.readString(bundle.resolve(Bundle.CHECKSUMS)));
    String absolute = run.toAbsolutePath().normalize().toString();
    String parent = run.toAbsolutePath().normalize().getParent().toString();
    for (String f : Checksums.files(again)) {
      String text = new String(Files.readAllBytes(again.resolve(f)), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text).as(f).doesNotContain(absolute).doesNotContain(parent);
    }
    assertThat(JSON.readTree(again.resolve(Bundle.MANIFEST).toFile()).path("sourceRun").asText())
        .startsWith(run.getFileName() + "@");
  }
}
