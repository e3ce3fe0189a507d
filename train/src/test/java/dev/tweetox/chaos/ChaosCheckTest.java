package dev.tweetox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos check with a few rounds (scripts/chaos runs 30): every kill recovers to the uninterrupted result. */
class ChaosCheckTest {
  @TempDir Path work;

  @Test
  void killedRunsRecoverToTheUninterruptedResult() {
    StringWriter out = new StringWriter();
    ChaosCheck.Summary s = new ChaosCheck(work, new PrintWriter(out)).run(3, 16);
    assertThat(s.ok()).as(out.toString()).isTrue();
    assertThat(s.rounds()).isEqualTo(3);
    assertThat(s.violations()).isZero();
    assertThat(s.rowsDuplicated()).isZero();
    assertThat(s.rowsLost()).isZero();
    assertThat(s.metricsDiffering()).isZero();
    assertThat(out.toString()).contains("chaos: round  3:");
  }
}
