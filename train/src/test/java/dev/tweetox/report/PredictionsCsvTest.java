package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.data.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvTest {
  @TempDir Path dir;

  @Test
  void writesNamesAndProbabilityColumns() throws Exception {
    Path file = dir.resolve("predictions_test.csv");
    LabelSet labels = LabelSet.infer(List.of("not-offensive", "offensive"));
    PredictionsCsv.write(file, List.of("t1", "t2"), List.of("fine, thanks", "say \"what\""), new int[] {0, 1},
        new int[] {0, 0}, new double[][] {{0.9, 0.1}, {0.75, 0.25}}, labels);
    assertThat(Files.readString(file)).isEqualTo(
        "id,text,gold,predicted,p_not-offensive,p_offensive\n"
            + "t1,\"fine, thanks\",not-offensive,not-offensive,0.9,0.1\n"
            + "t2,\"say \"\"what\"\"\",offensive,not-offensive,0.75,0.25\n");
  }

  @Test
  void rejectsMismatchedLengths() {
    LabelSet labels = LabelSet.explicit(List.of("x", "y"));
    Path file = dir.resolve("p.csv");
    assertThatThrownBy(() -> PredictionsCsv.write(file, List.of("a"), List.of("t"), new int[] {0, 1}, new int[] {0},
        new double[][] {{1, 0}}, labels)).hasMessageContaining("differ in length: ids 1, texts 1, gold 2");
    assertThatThrownBy(() -> PredictionsCsv.write(file, List.of("a"), List.of("t"), new int[] {0}, new int[] {0},
        new double[][] {{1, 0, 0}}, labels)).hasMessageContaining("row 0 has 3 probabilities but 2 classes");
    assertThat(file).doesNotExist();
  }
}
