package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in listeners on hand-made steps, without an engine. */
class TrainingListenersTest {
  static final MetricLog.Validation VAL = new MetricLog.Validation(0.9, 0.5, 0.5, 0.5, 0.4);

  static TrainingListener.Step step(int n, boolean validates) {
    return new TrainingListener.Step(n, n / 5.0, 8, 1.25, 1e-4, n, validates, n % 5 == 0);
  }

  @Test
  void earlyStoppingStopsAtPatienceAndSaysWhy() {
    StringWriter log = new StringWriter();
    TrainingControl run = new TrainingControl(TrainingState.fresh("f"), "transformer", new PrintWriter(log));
    EarlyStopping rule = new EarlyStopping(2);
    run.set(run.state().stepped(1, 1.0, 1).validated(0.4));
    rule.onValidation(step(1, true), VAL, true, run);
    run.set(run.state().stepped(2, 2.0, 2).validated(0.3));
    rule.onValidation(step(2, true), VAL, false, run);
    assertThat(run.stopping()).isFalse();
    run.set(run.state().stepped(3, 3.0, 3).validated(0.4));
    rule.onValidation(step(3, true), VAL, false, run);
    assertThat(run.stopping()).isTrue();
    assertThat(run.state().bestStep()).isEqualTo(1);
    assertThat(log.toString()).isEqualTo("transformer: early stop, no better val macro-F1 in 2 evaluations"
        + " (best 0.4000 at step 1)" + System.lineSeparator());
  }

  @Test
  void metricLogHasARowEveryLogEveryStepsAndAtEachValidation(@TempDir Path dir) throws Exception {
    MetricLog log = MetricLog.open(dir.resolve(MetricLog.FILE), 0);
    MetricLogWriter writer = new MetricLogWriter(log, 3);
    TrainingControl run =
        new TrainingControl(TrainingState.fresh("f"), "transformer", new PrintWriter(new StringWriter()));
    writer.onStart(run.state());
    for (int n = 1; n <= 7; n++) {
      boolean validates = n == 5;
      writer.onStep(step(n, validates), run);
      if (validates) {
        writer.onValidation(step(n, true), VAL, true, run);
      }
    }
    writer.onFinish(run.state());
    List<String> rows = Files.readAllLines(dir.resolve(MetricLog.FILE));
    assertThat(rows.stream().skip(1).map(r -> r.substring(0, r.indexOf(',')))).containsExactly("3", "5", "6");
    assertThat(rows.get(2)).startsWith("5,1.0000,1.250000,0.900000,0.500000,0.500000,0.500000,0.400000,1.000e-04,");
    assertThat(rows.get(1)).contains(",,,,,");
    // the five validation cells are empty, and every row has as many cells as the header
    assertThat(rows.get(1).split(",", -1)).hasSize(MetricLog.HEADER.split(",").length)
        .satisfies(cells -> assertThat(List.of(cells).subList(3, 8)).containsOnly(""));
    assertThat(rows).allSatisfy(r -> assertThat(r.split(",", -1)).hasSize(MetricLog.HEADER.split(",").length));
  }

  @Test
  void progressMessageShowsMeanLossAndRate() {
    assertThat(ProgressReport.message(step(3, false))).isEqualTo("loss 1.2500 lr 1.00e-04");
  }
}
