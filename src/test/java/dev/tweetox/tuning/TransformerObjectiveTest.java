package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.training.TinyTraining;
import dev.tweetox.transformer.training.TrainingData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop's per-validation hook, as the tuner uses it: a "stop" answer ends training at once. */
class TransformerObjectiveTest {
  @TempDir Path tmp;

  @Test
  void aPruneAnswerStopsTrainingAfterThatValidation() {
    Progress.setQuiet(true);
    Path bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    TransformerConfig base = TinyTraining.config(bert, 1, 1e-3, 0, false, 9);
    TrainingData d = TinyTraining.data();
    TuneData data = new TuneData(d.trainTexts(), d.trainLabels(), d.valTexts(), d.valLabels(), d.valTexts(),
        d.valLabels(), d.labels());
    List<double[]> reports = new ArrayList<>();
    Objective.Reporter pruneAtEpoch2 = (step, epoch, budget, f1, acc, loss) -> {
      reports.add(new double[] {step, epoch, budget, f1});
      return epoch < 2;
    };
    StringWriter log = new StringWriter();
    TrialOutcome o = new TransformerObjective(base, data, 1, Halving.defaults(), new PrintWriter(log))
        .run(0, Map.of("epochs", 4, "learningRate", 2e-3), tmp.resolve("trial"), pruneAtEpoch2);
    assertThat(o.status()).isEqualTo(TrialRecord.PRUNED);
    // 40 tweets in batches of 8: 5 steps per epoch; validations at epochs 1 and 2, then stopped (of 4 epochs)
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0)).containsExactly(5, 1.0, 1.0, reports.get(0)[3]);
    assertThat(reports.get(1)).containsExactly(10, 2.0, 2.0, reports.get(1)[3]);
    assertThat(o.value()).isEqualTo(Math.max(reports.get(0)[3], reports.get(1)[3]));
    assertThat(log.toString()).contains("stopped after step 10 by the tuner (pruned)");
    assertThat(tmp.resolve("trial/model/model.safetensors")).exists();
    assertThat(tmp.resolve("trial/checkpoint-last")).doesNotExist();
  }
}
