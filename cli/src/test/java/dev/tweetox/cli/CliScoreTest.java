package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.export.TinyRun;
import dev.tweetox.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code tweetox score}: the Spark job in an embedded local session, and its one-line errors. */
class CliScoreTest {
  private static final String CSV = Fixtures.path("pipeline/tweets60.csv").toString();

  @Test
  void scoresAFileWithMetricsInALocalSession() throws Exception {
    Path out = TinyRun.scratch("score").resolve("scored");
    CliRunner.Result r = CliRunner.run("score", "--model", TinyRun.bundle().toString(), "--input", CSV,
        "--output", out.toString(), "--format", "jsonl", "--label-column", "Label", "--master", "local[2]");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("score: 60 rows scored").contains("macro-F1");
    long rows;
    try (var files = Files.list(out)) {
      rows = files.filter(f -> f.getFileName().toString().startsWith("part-")).mapToLong(f -> {
        try {
          return Files.readAllLines(f).size();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
    assertThat(rows).isEqualTo(60);
    assertThat(Files.readString(Path.of(out + ".metrics.json"))).contains("\"macro_f1\"");
  }

  @Test
  void errorsAreOneLineNamingTheColumnOrFileWithExitCode2() {
    Path out = TinyRun.scratch("score-bad").resolve("scored");
    CliRunner.Result r = CliRunner.run("score", "--model", TinyRun.bundle().toString(), "--input", CSV,
        "--output", out.toString(), "--text-column", "tweet", "--master", "local[1]");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("tweetox: error: ").contains("no text column 'tweet'")
        .contains("[Review, Label]").doesNotContain("\n");
    Path missing = out.resolveSibling("no-bundle");
    r = CliRunner.run("score", "--model", missing.toString(), "--input", CSV, "--output", out.toString(),
        "--master", "local[1]");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(missing.toString()).contains("no such folder");
    r = CliRunner.run("score", "--model", missing.toString(), "--input", CSV, "--output", out.toString(),
        "--master", "yarn");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--master must be local");
  }
}
