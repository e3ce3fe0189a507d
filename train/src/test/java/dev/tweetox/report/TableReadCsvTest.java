package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReadCsvTest {
  @Test
  void csvRoundTripKeepsNumbersTextAndEmptyCells(@TempDir Path tmp) {
    Table t = new Table("t", List.of("C", "penalty", "score"),
        List.of(Arrays.asList(0.5, "l1", 0.7251), Arrays.asList(2.0, "has, comma", null)));
    Path f = tmp.resolve("t.csv");
    t.writeCsv(f);
    Table back = Table.readCsv(f, "t");
    assertThat(back).isEqualTo(t);
  }
}
