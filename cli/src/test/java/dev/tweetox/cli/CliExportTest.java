package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.export.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tweetox export} and {@code tweetox predict --model <bundle>} through the real command line. */
class CliExportTest {
  @Test
  void exportsABundleThenPredictsFromItLikeFromTheRun() throws Exception {
    Path run = TinyRun.runDir();
    Path out = TinyRun.scratch("cli").resolve("bundle");
    CliRunner.Result r = CliRunner.run("export", "--run", run.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.lastLine()).isEqualTo(out.toAbsolutePath().toString());
    assertThat(out.resolve("SHA256SUMS")).exists();

    Path in = out.getParent().resolve("in.txt");
    Files.writeString(in, "what an amazing wonderful day\ni hate this, awful\n");
    CliRunner.Result viaBundle = CliRunner.run("predict", "--model", out.toString(), "--input", in.toString());
    CliRunner.Result viaRun = CliRunner.run("predict", "--model", run.toString(), "--model-type", "transformer",
        "--input", in.toString());
    assertThat(viaBundle.exitCode()).as(viaBundle.err()).isZero();
    List<String> lines = viaBundle.outLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(
        "id,text,label,label_value,confidence,p_negative,p_neutral,p_positive,flagged,threshold");
    assertThat(viaBundle.out()).isEqualTo(viaRun.out());

    CliRunner.Result again = CliRunner.run("export", "--run", run.toString(), "--out", out.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists and is not empty").contains("--force");
    CliRunner.Result forced = CliRunner.run("export", "--run", run.toString(), "--out", out.toString(), "--force",
        "--quiet");
    assertThat(forced.exitCode()).as(forced.err()).isZero();

    CliRunner.Result int8 = CliRunner.run("predict", "--model", out.toString(), "--precision", "int8", "--input",
        in.toString());
    assertThat(int8.exitCode()).as(int8.err()).isZero();
    assertThat(int8.outLines()).hasSize(3);
    assertThat(int8.outLines().get(0)).isEqualTo(lines.get(0));
  }
}
