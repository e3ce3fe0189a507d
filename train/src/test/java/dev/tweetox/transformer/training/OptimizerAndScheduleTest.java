package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerAndScheduleTest {

  @Test
  void weightDecayIsDecoupledAndSkipsBiasesAndLayerNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("bert.encoder.layer.0.output.dense.weight", TinyTraining.constant(m, "w", 2f));
      params.put("bert.encoder.layer.0.output.dense.bias", TinyTraining.constant(m, "b", 2f));
      params.put("bert.encoder.layer.0.output.LayerNorm.weight", TinyTraining.constant(m, "g", 2f));
      try (AdamW opt = new AdamW(params, 0.5, m)) {
        // zero loss gradient: only the decay may move anything
        backward(m, params, 0f);
        opt.step(0.1, 1);
        assertThat(params.get("bert.encoder.layer.0.output.dense.weight").getArray().toFloatArray())
            .containsExactly(2f * (1 - 0.1f * 0.5f), 2f * (1 - 0.1f * 0.5f));
        assertThat(params.get("bert.encoder.layer.0.output.dense.bias").getArray().toFloatArray())
            .containsExactly(2f, 2f);
        assertThat(params.get("bert.encoder.layer.0.output.LayerNorm.weight").getArray().toFloatArray())
            .containsExactly(2f, 2f);
      }
    }
    assertThat(AdamW.decays("classifier.weight")).isTrue();
    assertThat(AdamW.decays("classifier.bias")).isFalse();
    assertThat(AdamW.decays("bert.embeddings.LayerNorm.weight")).isFalse();
  }

  @Test
  void firstStepMovesBySignOfGradientTimesLrAndGradientsAreZeroedAfter() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("x.bias", TinyTraining.constant(m, "b", 1f));
      try (AdamW opt = new AdamW(params, 0.0, m)) {
        backward(m, params, 3f); // d/dx of 3 * sum(x) = 3
        assertThat(opt.gradNorm()).isCloseTo(Math.sqrt(2 * 9), offset(1e-5));
        opt.step(0.01, 1);
        // bias-corrected first step: lr * g / (|g| + eps)
        assertThat(params.get("x.bias").getArray().toFloatArray()[0]).isCloseTo(1f - 0.01f, offset(1e-6f));
        assertThat(opt.gradNorm()).isZero();
        assertThat(opt.updates()).isEqualTo(1);
      }
    }
  }

  private static void backward(NDManager m, Map<String, Parameter> params, float slope) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (Parameter p : params.values()) {
        NDArray term = p.getArray().sum().mul(slope);
        loss = loss == null ? term : loss.add(term);
      }
      gc.backward(loss);
    }
  }

  @Test
  void linearWarmupThenLinearDecayToZero() {
    LinearSchedule s = new LinearSchedule(1.0, 2, 10);
    assertThat(s.lr(0)).isCloseTo(1.0 / 3, offset(1e-12));
    assertThat(s.lr(1)).isCloseTo(2.0 / 3, offset(1e-12));
    assertThat(s.lr(2)).isEqualTo(1.0);
    assertThat(s.lr(6)).isEqualTo(0.5);
    assertThat(s.lr(9)).isCloseTo(0.125, offset(1e-12));
    assertThat(s.lr(10)).isEqualTo(0.0);
    assertThat(LinearSchedule.of(5e-5, 0.1, 680).warmupSteps()).isEqualTo(68);
  }
}
