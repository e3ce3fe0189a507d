package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.io.Progress;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline stage keeps its grid search's fits in the run directory and reuses them on a rerun. */
class BaselineStageResumeTest {
  @TempDir Path tmp;

  @BeforeAll
  static void quiet() {
    Progress.setQuiet(true);
  }

  private static TweetoxConfig config(String c) {
    return ConfigLoader.load(TweetoxConfig.defaults(), null, List.of("name=grid", "seed=7",
        "data.path=" + Fixtures.path("pipeline/tweets60.csv"), "baseline.folds=3", "baseline.c=" + c,
        "baseline.penalty=l1,l2", "baseline.classWeight=none", "baseline.minDf=1", "baseline.threads=1"));
  }

  private static String train(TweetoxConfig cfg, RunDirectory dir) {
    StringWriter out = new StringWriter();
    PrintWriter log = new PrintWriter(out);
    BaselineStage.train(cfg, dir, PrepareStage.run(cfg, dir, log), log);
    return out.toString();
  }

  @Test
  void aRerunReusesTheRecordedFitsAndWritesTheSameGrid() throws Exception {
    TweetoxConfig cfg = config("1,4");
    RunDirectory dir = RunDirectory.resolve(tmp.resolve("run"), cfg);
    assertThat(train(cfg, dir)).doesNotContain("reused");
    Path folds = dir.resolve(BaselineStage.FOLDS_CSV);
    Path grid = dir.resolve(BaselineStage.GRID_CSV);
    List<String> rows = Files.readAllLines(folds);
    assertThat(rows).hasSize(2 + 4 * 3);
    assertThat(rows.get(0)).contains("data=").contains("trainIds=").contains("grid=").contains("seed=7");
    String gridCsv = Files.readString(grid);
    assertThat(BaselineStage.modelDir(dir).resolve(BaselineStage.FOLDS_CSV)).doesNotExist();

    // as if killed after 5 fits, in the middle of writing the 6th row
    Files.writeString(folds, String.join("\n", rows.subList(0, 2 + 5)) + "\n" + rows.get(7).substring(0, 4));
    String rerun = train(cfg, dir);
    assertThat(rerun).contains("baseline grid: " + BaselineStage.FOLDS_CSV + " its last row was cut short")
        .contains("baseline grid: 5/12 fits reused from " + BaselineStage.FOLDS_CSV);
    assertThat(Files.readString(grid)).isEqualTo(gridCsv);
    assertThat(Files.readAllLines(folds)).hasSize(2 + 12).doesNotHaveDuplicates();

    assertThat(train(cfg, dir)).contains("12/12 fits reused");
    // another grid: nothing is reused
    TweetoxConfig other = config("1,8");
    assertThat(train(other, dir)).contains("written for other inputs").doesNotContain("fits reused");
  }
}
