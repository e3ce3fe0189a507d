package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real command line on a 60-tweet fixture: run, same-seed rerun, evaluate, predict. */
class CliPipelineTest {
  static final Path FIXTURE = Fixtures.path("pipeline/tweets60.csv");
  static final String[] SMALL_GRID = {
    "--set", "baseline.folds=3", "--set", "baseline.c=1,4", "--set", "baseline.penalty=l2",
    "--set", "baseline.classWeight=none,balanced", "--set", "baseline.minDf=1", "--quiet"
  };

  @TempDir static Path tmp;
  static Path runDir;
  static CliRunner.Result first;

  static String[] args(String... head) {
    List<String> a = new ArrayList<>(List.of(head));
    a.addAll(List.of(SMALL_GRID));
    return a.toArray(String[]::new);
  }

  @BeforeAll
  static void runOnce() throws IOException {
    runDir = tmp.resolve("runs/a");
    // Both model types, the transformer being a tiny random BERT so the whole pipeline runs in seconds.
    Path bert = dev.tweetox.transformer.training.TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    first = CliRunner.run(args("run", "--data", FIXTURE.toString(), "--run-dir", runDir.toString(),
        "--set", "transformer.weights=" + bert, "--set", "transformer.maxLength=16",
        "--set", "transformer.trainFraction=1", "--set", "transformer.frozenLayers=1",
        "--set", "transformer.epochs=2"));
  }

  @Test
  void runWritesEveryArtifactAndPrintsTheRunDirLast() {
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.lastLine()).isEqualTo(runDir.toAbsolutePath().toString());
    for (String f : List.of("config.json", "provenance.json", "metrics.json", "train_ids.csv", "val_ids.csv",
        "test_ids.csv", "split.json", "ground_truth_test_set.csv", "class_ratios.csv", "cleaning_report.json",
        "grid_search_baseline.csv", "predictions_test_baseline.csv", "confusion_baseline_test.png",
        "roc_baseline_val.png", "pr_baseline_test.png", "val_vs_test_baseline.csv", "report.html", "tables.xlsx",
        "analysis_grid_test.png", "baseline")) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
    assertThat(runDir.getParent().resolve("runs_log.csv")).exists();
    for (String f : List.of("predictions_test_transformer.csv", "confusion_transformer_test.png",
        "model_comparison_test.csv", "transformer/model/model.safetensors")) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
  }

  @Test
  void theReportComparesBothModels() throws IOException {
    String csv = Files.readString(runDir.resolve("model_comparison_test.csv"));
    assertThat(csv.lines().findFirst().orElseThrow()).contains("baseline").contains("transformer");
    String html = Files.readString(runDir.resolve("report.html"));
    assertThat(html).contains("inference examples - baseline").contains("inference examples - transformer")
        .contains("Oh wonderful, another day of dealing with this nonsense");
    JsonNode m = new ObjectMapper().readTree(runDir.resolve("metrics.json").toFile());
    assertThat(m.path("transformer").path("test").has("macro_f1")).isTrue();
  }

  @Test
  void metricsJsonIsModelSplitMetric() throws IOException {
    JsonNode m = new ObjectMapper().readTree(runDir.resolve("metrics.json").toFile());
    double f1 = m.path("baseline").path("test").path("macro_f1").asDouble(-1);
    assertThat(f1).isBetween(0.5, 1.0);
    assertThat(m.path("baseline").path("val").has("accuracy")).isTrue();
  }

  @Test
  void provenanceRecordsSeedFingerprintAndVersions() throws IOException {
    JsonNode p = new ObjectMapper().readTree(runDir.resolve("provenance.json").toFile());
    assertThat(p.path("seed").asLong()).isEqualTo(42L);
    assertThat(p.path("dataFingerprint").asText()).hasSize(64);
    assertThat(p.path("libraries").toString()).contains("liblinear");
    assertThat(p.path("finishedAt").asText()).isNotEmpty();
    assertThat(p.path("cleaning").path("stem").asBoolean(true)).isFalse();
  }

  @Test
  void sameSeedTwiceGivesIdenticalSplitAndBaselineMetrics() throws IOException {
    Path other = tmp.resolve("runs/b");
    CliRunner.Result second = CliRunner.run(args("baseline", "--data", FIXTURE.toString(), "--run-dir",
        other.toString()));
    assertThat(second.exitCode()).as(second.err()).isZero();
    for (String f : List.of("train_ids.csv", "val_ids.csv", "test_ids.csv")) {
      assertThat(Files.readString(other.resolve(f))).isEqualTo(Files.readString(runDir.resolve(f)));
    }
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(other.resolve("metrics.json").toFile()).path("baseline"))
        .isEqualTo(json.readTree(runDir.resolve("metrics.json").toFile()).path("baseline"));
    assertThat(Files.readString(other.resolve("grid_search_baseline.csv")))
        .isEqualTo(Files.readString(runDir.resolve("grid_search_baseline.csv")));
  }

  @Test
  void runPresetQuickStartsFromTheQuickTransformerPreset() throws IOException {
    Path quick = tmp.resolve("runs/quick");
    CliRunner.Result r = CliRunner.run(args("run", "--preset", "quick", "--models", "baseline", "--data",
        FIXTURE.toString(), "--run-dir", quick.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    var cfg = new ObjectMapper().readTree(quick.resolve("config.json").toFile()).path("transformer");
    var expected = dev.tweetox.config.TransformerConfig.preset("quick");
    assertThat(cfg.path("preset").asText()).isEqualTo("quick");
    assertThat(cfg.path("frozenLayers").asInt()).isEqualTo(expected.frozenLayers());
    assertThat(cfg.path("trainFraction").asDouble()).isEqualTo(expected.trainFraction());
  }

  @Test
  void runPresetBestKeepsTheUsersModelsAndSettings() throws IOException {
    Path best = tmp.resolve("runs/best");
    CliRunner.Result r = CliRunner.run(args("run", "--preset", "best", "--models", "baseline", "--set",
        "student.epochs=2", "--data", FIXTURE.toString(), "--run-dir", best.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    var cfg = new ObjectMapper().readTree(best.resolve("config.json").toFile());
    assertThat(cfg.path("models").toString()).isEqualTo("[\"baseline\"]");
    assertThat(cfg.path("student").path("epochs").asInt()).isEqualTo(2); // --set applies on top of the preset
    assertThat(cfg.path("transformer").path("preset").asText()).isEqualTo("default");
  }

  @Test
  void aSecondRunReusesTheSavedSplit() {
    CliRunner.Result again = CliRunner.run(args("split", "--data", FIXTURE.toString(), "--run-dir",
        runDir.toString()));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("reused");
  }

  @Test
  void evaluateRescoresTheSavedModel() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode before = json.readTree(runDir.resolve("metrics.json").toFile());
    CliRunner.Result r = CliRunner.run("evaluate", "--run-dir", runDir.toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode after = json.readTree(runDir.resolve("metrics.json").toFile());
    // ECE and Brier average the probabilities themselves, which ONNX Runtime (evaluate) and DJL (run) compute to
    // float rounding, for the transformer and the ensemble that stacks it; every other metric, and the baseline's,
    // must be identical.
    List<String> continuous = dev.tweetox.eval.Metric.CALIBRATION.stream().map(dev.tweetox.eval.Metric::key).toList();
    assertThat(after.fieldNames()).toIterable().containsExactlyElementsOf(before::fieldNames);
    before.fields().forEachRemaining(model -> model.getValue().fields().forEachRemaining(split -> {
      JsonNode now = after.path(model.getKey()).path(split.getKey());
      assertThat(now.fieldNames()).toIterable().containsExactlyElementsOf(split.getValue()::fieldNames);
      split.getValue().fields().forEachRemaining(metric -> {
        String where = model.getKey() + "." + split.getKey() + "." + metric.getKey();
        double want = metric.getValue().asDouble();
        boolean runsBert = model.getKey().equals("transformer") || model.getKey().equals("ensemble");
        if (runsBert && continuous.contains(metric.getKey())) {
          assertThat(now.path(metric.getKey()).asDouble()).as(where).isCloseTo(want,
              org.assertj.core.data.Offset.offset(1e-4));
        } else {
          assertThat(now.path(metric.getKey()).asDouble()).as(where).isEqualTo(want);
        }
      });
    }));
  }

  @Test
  void predictLabelsACsvAndTheNotebookExamples() throws IOException {
    Path in = tmp.resolve("new.csv");
    Files.writeString(in, "id,text\n1,what an amazing wonderful day\n2,\"i hate this, awful\"\n");
    CliRunner.Result r = CliRunner.run("predict", "--model", runDir.toString(), "--model-type", "baseline",
        "--input", in.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines.get(0)).isEqualTo(
        "id,text,label,label_value,confidence,p_negative,p_neutral,p_positive,flagged,threshold");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("1,what an amazing wonderful day,positive,1,");
    assertThat(lines.get(2)).startsWith("2,\"i hate this, awful\",negative,-1,");
    // the baseline's saved decision: flag negative at the threshold chosen on validation, the same on every row
    String threshold = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
    assertThat(lines.get(1)).matches(".*,(true|false),[01]\\.\\d{6}");
    assertThat(lines.get(2)).endsWith("," + threshold);

    Path out = tmp.resolve("examples.jsonl");
    CliRunner.Result ex = CliRunner.run("predict", "--model", runDir.toString(), "--examples", "--output",
        out.toString());
    assertThat(ex.exitCode()).as(ex.err()).isZero();
    List<String> jl = Files.readAllLines(out);
    assertThat(jl).hasSize(5);
    JsonNode firstRow = new ObjectMapper().readTree(jl.get(0));
    double sum = 0;
    for (JsonNode p : firstRow.path("probabilities")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(firstRow.path("text").asText()).startsWith("This is absolutely disgusting!");
    assertThat(firstRow.path("flagged").isBoolean()).isTrue();
    assertThat(firstRow.path("threshold").isNumber()).isTrue();
  }

  @Test
  void predictExplainWritesEveryWordWithItsOffsetsAndScore() throws IOException {
    Path in = tmp.resolve("explain.csv");
    Files.writeString(in, "id,text\n1,\"i hate this, awful 😡\"\n2,what an amazing day\n");
    for (String kind : List.of("baseline", "transformer")) {
      CliRunner.Result r = CliRunner.run("predict", "--model", runDir.toString(), "--model-type", kind,
          "--input", in.toString(), "--explain", "--quiet");
      assertThat(r.exitCode()).as(r.err()).isZero();
      List<String> lines = r.outLines();
      assertThat(lines).hasSize(2);
      JsonNode row = new ObjectMapper().readTree(lines.get(0));
      assertThat(row.path("id").asText()).isEqualTo("1");
      assertThat(row.path("method").asText()).isEqualTo(kind.equals("baseline") ? "linear" : "occlusion");
      assertThat(row.path("probabilities").size()).isEqualTo(3);
      String text = row.path("text").asText();
      List<String> words = new ArrayList<>();
      row.path("words").forEach(w -> {
        words.add(w.path("word").asText());
        assertThat(text.substring(w.path("start").asInt(), w.path("end").asInt()))
            .isEqualTo(w.path("word").asText());
        assertThat(w.path("score").isNumber()).isTrue();
      });
      assertThat(words).containsExactly("i", "hate", "this,", "awful", "😡");
    }
    CliRunner.Result csv = CliRunner.run("predict", "--model", runDir.toString(), "--input", in.toString(),
        "--explain", "--format", "csv");
    assertThat(csv.exitCode()).isEqualTo(2);
    assertThat(csv.err()).contains("--explain writes JSON lines");
  }
}
