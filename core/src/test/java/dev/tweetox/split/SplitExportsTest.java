package dev.tweetox.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitExportsTest {
  @TempDir
  Path run;

  private static final LabelSet NOTEBOOK = LabelSet.infer(List.of("-1", "0", "1"));
  private static final List<Example> DATA = List.of(
      new Example("a", "bad, \"very\"\nbad", "bad, \"very\" bad", 0, 1),
      new Example("b", "ok", "ok", 1, 2),
      new Example("c", "good", "good", 2, 3),
      new Example("d", "fine", "fine", 1, 4),
      new Example("e", "awful", "awful", 0, 5));
  private static final SplitAssignment SPLIT = new SplitAssignment(List.of("b", "c"), List.of("d"),
      List.of("a", "e"));

  @Test
  void groundTruthHasRawTextAndOriginalLabelValues() throws IOException {
    ClassRatios ratios = SplitExports.writeAll(run, SPLIT, DATA, NOTEBOOK);
    assertThat(Files.readString(run.resolve("ground_truth_test_set.csv")))
        .isEqualTo("id,text,label\na,\"bad, \"\"very\"\"\nbad\",-1\ne,awful,-1\n");
    assertThat(ratios.count("test", "negative")).isEqualTo(2);
  }

  @Test
  void classRatiosCsvHasOneRowPerPartAndClass() throws IOException {
    SplitExports.writeAll(run, SPLIT, DATA, NOTEBOOK);
    assertThat(Files.readAllLines(run.resolve("class_ratios.csv"))).containsExactly(
        "split,class,count,fraction",
        "train,negative,0,0.000000", "train,neutral,1,0.500000", "train,positive,1,0.500000",
        "val,negative,0,0.000000", "val,neutral,1,1.000000", "val,positive,0,0.000000",
        "test,negative,2,1.000000", "test,neutral,0,0.000000", "test,positive,0,0.000000",
        "all,negative,2,0.400000", "all,neutral,2,0.400000", "all,positive,1,0.200000");
  }

  @Test
  void tableIsAlignedAndReadable() {
    assertThat(ClassRatios.of(SPLIT, DATA, NOTEBOOK).table()).isEqualTo(
        "split  n    negative     neutral   positive\n"
            + "train  2    0 (0.0%)   1 (50.0%)  1 (50.0%)\n"
            + "val    1    0 (0.0%)  1 (100.0%)   0 (0.0%)\n"
            + "test   2  2 (100.0%)    0 (0.0%)   0 (0.0%)\n"
            + "all    5   2 (40.0%)   2 (40.0%)  1 (20.0%)\n");
  }
}
