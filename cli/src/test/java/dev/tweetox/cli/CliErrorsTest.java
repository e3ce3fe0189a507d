package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input through the real command line: exit code 2, one line naming the culprit, nothing left behind. */
class CliErrorsTest {
  @TempDir Path tmp;

  private CliRunner.Result split(Path data, Path runDir) {
    return CliRunner.run("split", "--data", data.toString(), "--run-dir", runDir.toString(), "--quiet");
  }

  private void assertOneLineErrorAndNoArtifacts(CliRunner.Result r, Path runDir, String... fragments) {
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("tweetox: error: ");
    for (String f : fragments) {
      assertThat(r.err()).contains(f);
    }
    assertThat(runDir).doesNotExist();
  }

  @Test
  void rerunFlagsAreCheckedBeforeAnyWork() {
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("run", "--models", "baseline", "--redo", "bert", "--run-dir",
        run.toString(), "--quiet"), run, "unknown stage 'bert'; use one of prepare, baseline, transformer, student, ensemble, evaluate");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("baseline", "--force", "--redo", "baseline", "--run-dir",
        run.toString(), "--quiet"), run, "either --force", "or --redo <stage>, not both");
  }

  @Test
  void badTypedOptionValuesNameTheValidWords() {
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("run", "--models", "baseline,bert", "--run-dir", run.toString(),
        "--quiet"), run, "--models", "unknown model type 'bert'; use one of baseline, transformer");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("split", "--dataset", "sentiment140", "--run-dir",
        run.toString(), "--quiet"), run, "--dataset",
        "'sentiment140' is not one of [tweet-sentiment, tweeteval-offensive]");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("predict", "--model", run.toString(), "--model-type", "bert",
        "--examples"), run, "--model-type",
        "unknown model type 'bert'; use one of baseline, transformer, student, ensemble or auto");
  }

  @Test
  void theEnsembleWithOneModelToStackIsAClearError() {
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("run", "--models", "transformer,ensemble", "--run-dir",
        run.toString(), "--quiet"), run, "models", "needs two of baseline, transformer and student", "tweetox ensemble --run-dir");
    assertOneLineErrorAndNoArtifacts(CliRunner.run("ensemble", "--run-dir", run.toString()), run,
        "is not a tweetox run directory");
  }

  @Test
  void missingFile() {
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(split(tmp.resolve("nope.csv"), run), run, "nope.csv");
  }

  @Test
  void emptyFile() throws IOException {
    Path f = Files.writeString(tmp.resolve("empty.csv"), "");
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(split(f, run), run, "empty.csv");
  }

  @Test
  void missingColumnsListsTheColumnsThatExist() throws IOException {
    Path f = Files.writeString(tmp.resolve("cols.csv"), "tweet,stars\nhello,1\n");
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(split(f, run), run, "cols.csv", "tweet", "stars");
  }

  @Test
  void singleClass() throws IOException {
    Path f = Files.writeString(tmp.resolve("one.csv"), "text,label\na b,pos\nc d,pos\ne f,pos\n");
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(split(f, run), run, "one.csv");
  }

  @Test
  void nonUtf8NamesTheRow() throws IOException {
    byte[] bytes = "text,label\nok,1\nbad \u00ff,0\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Path f = Files.write(tmp.resolve("latin1.csv"), bytes);
    Path run = tmp.resolve("run");
    assertOneLineErrorAndNoArtifacts(split(f, run), run, "latin1.csv", "row 2");
  }

  @Test
  void unknownConfigKeyAndBadOverride() {
    CliRunner.Result r = CliRunner.run("split", "--set", "baseline.cc=1", "--run-dir", tmp.resolve("r").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown config key 'baseline.cc'");
  }

  @Test
  void splitFileThatDoesNotMatchTheData() throws IOException {
    Path run = tmp.resolve("run");
    assertThat(split(CliPipelineTest.FIXTURE, run).exitCode()).isZero();
    Path other = Files.writeString(tmp.resolve("other.csv"), Files.readString(CliPipelineTest.FIXTURE)
        .replace("class is", "klass is"));
    CliRunner.Result r = split(other, run);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("split.json").contains("fingerprint");
  }

  @Test
  void predictNeedsARunDirectory() {
    CliRunner.Result r = CliRunner.run("predict", "--model", tmp.toString(), "--examples");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not a tweetox run directory");
  }

  @Test
  void helpAndVersion() {
    CliRunner.Result h = CliRunner.run("--help");
    assertThat(h.exitCode()).isZero();
    assertThat(h.out()).contains("run", "split", "baseline", "evaluate", "predict");
    CliRunner.Result v = CliRunner.run("--version");
    assertThat(v.exitCode()).isZero();
    assertThat(v.out()).startsWith("tweetox ");
  }
}
