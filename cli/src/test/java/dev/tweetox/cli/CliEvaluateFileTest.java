package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.export.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code tweetox evaluate --model <run|bundle> --data <file>} through the real command line. */
class CliEvaluateFileTest {
  private static final String LABELLED = """
      text,label
      what an amazing wonderful day 😍,positive
      so happy and proud :),positive
      i hate this awful phone 😡,negative
      worst service ever :(,negative
      the bus leaves at nine,neutral
      meeting moved to monday,neutral
      """;

  @Test
  void scoresTheRunsModelOnAFileWithoutTouchingTheRun() throws Exception {
    Path run = TinyRun.runDir();
    Path dir = TinyRun.scratch("evaluate");
    Path data = Files.writeString(dir.resolve("labelled.csv"), LABELLED);
    Map<String, String> before = checksums(run);

    Path out = dir.resolve("eval-out");
    CliRunner.Result r = CliRunner.run("evaluate", "--model", run.toString(), "--data", data.toString(),
        "--out", out.toString(), "--model-type", "baseline", "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.lastLine()).isEqualTo(out.toAbsolutePath().toString());
    JsonNode metrics = ConfigLoader.json().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.path("baseline").path("test").path("macro_f1").isNumber()).as(metrics.toString()).isTrue();
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("confusion_baseline_test.png")).exists();
    assertThat(out.resolve("roc_baseline_test.png")).exists();
    assertThat(out.resolve("classification_report_baseline_test.csv")).exists();
    assertThat(out.resolve("predictions_test_baseline.csv")).exists();
    assertThat(Files.readAllLines(out.resolve("predictions_test_baseline.csv"))).hasSize(7);

    // Default folder, beside the run; the transformer on ONNX Runtime (asked for: "auto" is the best on val).
    CliRunner.Result t = CliRunner.run("evaluate", "--model", run.toString(), "--data", data.toString(),
        "--model-type", "transformer", "--quiet");
    assertThat(t.exitCode()).as(t.err()).isZero();
    Path defaultOut = run.resolveSibling(run.getFileName() + "-eval-labelled");
    assertThat(t.lastLine()).isEqualTo(defaultOut.toString());
    JsonNode tm = ConfigLoader.json().readTree(defaultOut.resolve("metrics.json").toFile());
    assertThat(tm.path("transformer").path("test").path("macro_f1").isNumber()).isTrue();

    assertThat(checksums(run)).isEqualTo(before);
  }

  @Test
  void scoresABundleAndMapsTheFilesLabels() throws Exception {
    Path dir = TinyRun.scratch("evaluate-bundle");
    Path data = Files.writeString(dir.resolve("mapped.csv"), LABELLED.replace(",positive", ",pos")
        .replace(",negative", ",neg").replace(",neutral", ",neu"));
    Path bundle = TinyRun.bundle();
    Map<String, String> before = checksums(bundle);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("evaluate", "--model", bundle.toString(), "--data", data.toString(),
        "--out", out.toString(), "--set", "data.labels=neg,neu,pos", "--model-type", "transformer", "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode metrics = ConfigLoader.json().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.path("transformer").path("test").path("f1_negative").isNumber()).isTrue();
    assertThat(Files.readAllLines(out.resolve("predictions_test_transformer.csv"))).hasSize(7);
    assertThat(checksums(bundle)).isEqualTo(before);
  }

  @Test
  void anUnknownLabelNamesTheValueTheRowAndTheModelsLabels() throws Exception {
    Path dir = TinyRun.scratch("evaluate-unknown");
    Path data = Files.writeString(dir.resolve("odd.csv"), LABELLED.replace("worst service ever :(,negative",
        "worst service ever :(,angry"));
    CliRunner.Result r = CliRunner.run("evaluate", "--model", TinyRun.runDir().toString(), "--data",
        data.toString(), "--out", dir.resolve("out").toString(), "--quiet");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("odd.csv row 4 (line 5) column 'label'", "unknown label 'angry'", "[-1, 0, 1]",
        "negative, neutral, positive", "--set data.labels=");
    assertThat(dir.resolve("out")).doesNotExist();

    CliRunner.Result wrongCount = CliRunner.run("evaluate", "--model", TinyRun.runDir().toString(), "--data",
        data.toString(), "--set", "data.labels=a,b", "--quiet");
    assertThat(wrongCount.exitCode()).isEqualTo(2);
    assertThat(wrongCount.err()).contains("lists 2 labels", "3 classes");

    CliRunner.Result inside = CliRunner.run("evaluate", "--model", TinyRun.runDir().toString(), "--data",
        data.toString(), "--out", TinyRun.runDir().resolve("eval").toString(), "--quiet");
    assertThat(inside.exitCode()).isEqualTo(2);
    assertThat(inside.err()).contains("inside the model folder");

    CliRunner.Result neither = CliRunner.run("evaluate", "--quiet");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("give either --run-dir");
  }

  /** Path to SHA-256 of every file under a folder. */
  private static Map<String, String> checksums(Path root) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        sums.put(root.relativize(p).toString(), sha256(p));
      }
    }
    return sums;
  }

  private static String sha256(Path p) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
