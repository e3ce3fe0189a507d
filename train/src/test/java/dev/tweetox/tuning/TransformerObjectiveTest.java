package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.training.FrozenCachePool;
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

  /** The tiny training set; validation and test are its first {@code heldOut} texts. */
  private static TuneData tinyData(int heldOut) {
    Progress.setQuiet(true);
    TrainingData d = TinyTraining.data();
    int[] y = java.util.Arrays.copyOf(d.valLabels(), heldOut);
    List<String> texts = d.valTexts().subList(0, heldOut);
    return new TuneData(d.trainTexts(), d.trainLabels(), texts, y, texts, y, d.labels());
  }

  @Test
  void aPruneAnswerStopsTrainingAfterThatValidation() {
    Path bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    TransformerConfig base = TinyTraining.config(bert, 1, 1e-3, 0, false, 9);
    TuneData data = tinyData(40);
    List<double[]> reports = new ArrayList<>();
    Objective.Reporter pruneAtEpoch2 = (step, epoch, budget, f1, acc, loss) -> {
      reports.add(new double[] {step, epoch, budget, f1});
      return epoch < 2;
    };
    StringWriter log = new StringWriter();
    TrialOutcome o = new TransformerObjective(base, data, 1, Halving.defaults(), new PrintWriter(log),
        new FrozenCachePool(2))
        .run(0, Map.of("epochs", 4, "learningRate", 2e-3), tmp.resolve("trial"), pruneAtEpoch2);
    assertThat(o.status()).isEqualTo(TrialStatus.PRUNED);
    // 40 tweets in batches of 8: 5 steps per epoch; validations at epochs 1 and 2, then stopped (of 4 epochs)
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0)).containsExactly(5, 1.0, 1.0, reports.get(0)[3]);
    assertThat(reports.get(1)).containsExactly(10, 2.0, 2.0, reports.get(1)[3]);
    assertThat(o.value()).isEqualTo(Math.max(reports.get(0)[3], reports.get(1)[3]));
    assertThat(log.toString()).contains("stopped after step 10 by the tuner (pruned)");
    assertThat(tmp.resolve("trial/model/model.safetensors")).exists();
    assertThat(tmp.resolve("trial/checkpoint-last")).doesNotExist();
  }

  @Test
  void trialsSharingTheFrozenLayersReuseTheirCacheWithIdenticalScores() {
    Path bert = TinyTraining.writeRandomBert(tmp.resolve("bert"), 3);
    TransformerConfig base = TinyTraining.config(bert, 2, 1e-3, 2, true, 9);
    // validation = a part of the training texts, so the train and validation caches differ
    TuneData data = tinyData(20);
    Objective.Reporter keep = (step, epoch, budget, f1, acc, loss) -> true;
    FrozenCachePool pool = new FrozenCachePool(2);
    StringWriter log = new StringWriter();
    TransformerObjective shared = new TransformerObjective(base, data, 1, null, new PrintWriter(log), pool);
    Map<String, Object> a = Map.of("learningRate", 2e-3);
    Map<String, Object> b = Map.of("learningRate", 5e-3);
    TrialOutcome first = shared.run(0, a, tmp.resolve("t0"), keep);
    assertThat(pool.hits()).isZero();
    TrialOutcome second = shared.run(1, b, tmp.resolve("t1"), keep);
    assertThat(pool.hits()).isEqualTo(2); // train and validation caches
    assertThat(log.toString()).contains("reused the cached frozen outputs");
    // another frozen depth needs its own cache
    shared.run(2, Map.of("learningRate", 2e-3, "frozenLayers", 1), tmp.resolve("t2"), keep);
    assertThat(pool.hits()).isEqualTo(2);

    // the reused cache gives exactly the scores a freshly built one gives
    TransformerObjective alone = new TransformerObjective(base, data, 1, null,
        new PrintWriter(new StringWriter()), new FrozenCachePool(2));
    assertThat(alone.run(1, b, tmp.resolve("fresh"), keep).value()).isEqualTo(second.value());
    assertThat(first.testValue()).isNull(); // scored later, for the best trial only
    assertThat(shared.testScore(new TrialRecord(1, b, TrialStatus.COMPLETE, "w", 1, 0L, 1L, second.value(), null,
        second.bestEpoch(), second.checkpoint(), null))).isBetween(0.0, 1.0);
  }
}
