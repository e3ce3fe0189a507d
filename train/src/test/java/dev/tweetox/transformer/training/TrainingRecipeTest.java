package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-recipe options: layer-wise rate decay, multi-sample dropout and weight averaging. */
class TrainingRecipeTest {
  @TempDir static Path shared;
  static Path bert;

  @BeforeAll
  static void writeBert() {
    Progress.setQuiet(true);
    bert = TinyTraining.writeRandomBert(shared.resolve("tiny-bert"), 11);
  }

  @Test
  void layerDecayScalesEachLayerByItsDepthFromTheHead() {
    Map<String, Double> s = LayerDecay.scales(List.of("classifier.weight", "bert.pooler.dense.weight",
        "bert.encoder.layer.11.output.dense.weight", "bert.encoder.layer.0.attention.self.query.bias",
        "bert.embeddings.word_embeddings.weight"), 12, 0.9);
    assertThat(s.get("classifier.weight")).isEqualTo(1.0);
    assertThat(s.get("bert.pooler.dense.weight")).isEqualTo(1.0);
    assertThat(s.get("bert.encoder.layer.11.output.dense.weight")).isCloseTo(0.9, offset(1e-12));
    assertThat(s.get("bert.encoder.layer.0.attention.self.query.bias")).isCloseTo(Math.pow(0.9, 12), offset(1e-12));
    assertThat(s.get("bert.embeddings.word_embeddings.weight")).isCloseTo(Math.pow(0.9, 13), offset(1e-12));
    assertThat(LayerDecay.scales(List.of("bert.encoder.layer.3.x"), 4, 1.0)).containsEntry("bert.encoder.layer.3.x",
        1.0);
  }

  @Test
  void aScaledParameterMovesByItsShareOfTheRate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("full.bias", TinyTraining.constant(m, "a", 1f));
      params.put("half.bias", TinyTraining.constant(m, "b", 1f));
      try (AdamW opt = new AdamW(params, Map.of("half.bias", 0.5), 0.0, m)) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(params.get("full.bias").getArray().sum().add(params.get("half.bias").getArray().sum()));
        }
        opt.step(0.01, 1);
      }
      // Adam's first step moves by lr * sign(g), so the scaled one moves half as far
      assertThat(params.get("full.bias").getArray().toFloatArray()[0]).isCloseTo(1f - 0.01f, offset(1e-6f));
      assertThat(params.get("half.bias").getArray().toFloatArray()[0]).isCloseTo(1f - 0.005f, offset(1e-6f));
    }
  }

  @Test
  void multiSampleDropoutAveragesMasksWhileTrainingAndLeavesPredictionAlone() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(TinyTraining.bertConfig().withNumLabels(3)
          .withDropout(0.5f, 0f), m);
      NDArray hidden = m.randomNormal(new Shape(4, 6, 32));
      NDArray mask = m.ones(new Shape(4, 6), DataType.INT32);
      float[] predict = logits(model, hidden, mask, false);
      double plainSpread = spread(model, hidden, mask);
      model.setDropoutSamples(16);
      assertThat(logits(model, hidden, mask, false)).containsExactly(predict);
      double averagedSpread = spread(model, hidden, mask);
      // 16 independent masks cut the variance of the mean about 16-fold; ask for a quarter
      assertThat(averagedSpread).isLessThan(plainSpread / 4);
    }
  }

  @Test
  void weightAverageIsTheMeanOfTheWindowAndResumesFromItsCheckpointedState() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = Map.of("classifier.bias", TinyTraining.constant(m, "w", 0f));
      NDArray w = params.get("classifier.bias").getArray();
      StringWriter log = new StringWriter();
      WeightAverage whole = new WeightAverage(params, 3, () -> null, () -> {}, "transformer", new PrintWriter(log), m);
      TrainingControl run = new TrainingControl(TrainingState.fresh("f"), "transformer", new PrintWriter(log));
      for (int step = 1; step <= 5; step++) {
        w.set(new float[] {step, 10f * step});
        whole.onStep(step(step), run);
      }
      assertThat(whole.state().read("avg.classifier.bias")).containsExactly(4f, 40f); // steps 3, 4, 5

      WeightAverage first = new WeightAverage(params, 3, () -> null, () -> {}, "transformer", new PrintWriter(log), m);
      for (int step = 1; step <= 4; step++) {
        w.set(new float[] {step, 10f * step});
        first.onStep(step(step), run);
      }
      WeightAverage resumed =
          new WeightAverage(params, 3, () -> null, () -> {}, "transformer", new PrintWriter(log), m);
      resumed.restore(first.state(), 4);
      w.set(new float[] {5f, 50f});
      resumed.onStep(step(5), run);
      assertThat(resumed.state().read("avg.classifier.bias")).containsExactly(4f, 40f);
      assertThat(WeightAverage.firstStep(100, 0.25)).isEqualTo(76);
    }
  }

  @Test
  void averagedTrainingIsDecidedOnValidationAndResumesToTheSameModel(@TempDir Path a, @TempDir Path b) {
    TransformerConfig cfg = TinyTraining.config(bert, 3, 2e-3, 0, false, 10).toBuilder().averageLast(0.6)
        .layerDecay(0.8).build();
    TransformerTrainer.Options opt = TinyTraining.options().withCheckpointSteps(4);
    StringWriter log = new StringWriter();
    TransformerTrainer.Result whole = TinyTraining.train(cfg, a, opt, log);
    // 15 steps, the last 60% of them averaged
    assertThat(log.toString()).contains("layer-wise rate decay 0.80").contains("weight average of steps 7-15");

    TransformerTrainer.Result cut = TinyTraining.train(cfg, b, opt.withStopAfterSteps(9), new StringWriter());
    assertThat(cut.interrupted()).isTrue();
    assertThat(Checkpoints.read(b).orElseThrow().state().step()).isEqualTo(8);
    TransformerTrainer.Result resumed = TinyTraining.train(cfg, b, opt, new StringWriter());
    assertThat(resumed.state().bestMetric()).isEqualTo(whole.state().bestMetric());
    assertThat(resumed.state().bestStep()).isEqualTo(whole.state().bestStep());
    SafetensorsReader wa = SafetensorsReader.open(a.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    SafetensorsReader wb = SafetensorsReader.open(b.resolve("model").resolve(HfBertDirectory.WEIGHTS));
    for (String name : wa.names()) {
      assertThat(wb.read(name)).as(name).containsExactly(wa.read(name));
    }
  }


  private static TrainingListener.Step step(int n) {
    return new TrainingListener.Step(n, n / 5.0, 8, 1.0, 1e-3, n, false, false);
  }


  private static float[] logits(BertClassifier model, NDArray hidden, NDArray mask, boolean training) {
    try (NDManager m = hidden.getManager().newSubManager()) {
      return model.logitsFromHidden(new ParameterStore(m, false), hidden, mask, 2, training).toFloatArray();
    }
  }

  /** Mean variance of the training-mode logits over 30 calls. */
  private static double spread(BertClassifier model, NDArray hidden, NDArray mask) {
    int calls = 30;
    float[][] runs = new float[calls][];
    for (int i = 0; i < calls; i++) {
      runs[i] = logits(model, hidden, mask, true);
    }
    double total = 0;
    for (int j = 0; j < runs[0].length; j++) {
      double mean = 0;
      for (float[] r : runs) {
        mean += r[j] / calls;
      }
      for (float[] r : runs) {
        total += (r[j] - mean) * (r[j] - mean) / calls;
      }
    }
    return total / runs[0].length;
  }
}
