package dev.tweetox.transformer.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.training.AdamW;
import dev.tweetox.transformer.training.ClassifierFactory;
import dev.tweetox.transformer.training.Losses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Throughput of BERT-Base training steps and inference on this machine, with the achieved GFLOP/s. Weights are
 * random (throughput does not depend on their values), so no 408 MB load is needed.
 *
 * <p>FLOP count, per token and layer: {@code 2 P + 4 T H} for a forward pass, where {@code P = 4 H^2 + 2 H I} are
 * the layer's matmul weights (Q, K, V, output, and the two feed-forward matrices) and {@code 4 T H} the two
 * attention matmuls (QK^T and PV) at sequence length T. Backward costs twice the forward, so a trained layer costs
 * {@code 3 (2 P + 4 T H)} per token; frozen layers that are not cached add one forward. The pooler and classifier
 * are ignored (under 0.1%). Embedding lookups, layer norms, softmax and GELU are not counted.
 */
public final class TrainingBench {
  /**
   * What was measured.
   *
   * @param gflopsPerCpuSecond GFLOP per CPU-second of the whole process (NaN if the JVM cannot tell or the
   *     interval was shorter than the CPU clock's tick); unlike
   *     {@code gflops} it does not drop when other processes take a share of the cores
   * @param busyCores CPU-seconds per wall-second during the measurement; below the thread count means the cores
   *     were shared (or threads waited)
   */
  public record Result(double samplesPerSecond, double gflops, double secondsPerStep, double gflopsPerCpuSecond,
      double busyCores) {
    static Result of(int steps, int samplesPerStep, double flops, CpuClock.Interval t) {
      return new Result(steps * (double) samplesPerStep / t.wallSeconds(), flops / t.wallSeconds() / 1e9,
          t.wallSeconds() / steps, t.cpuSeconds() > 0 ? flops / t.cpuSeconds() / 1e9 : Double.NaN, t.busyCores());
    }
  }

  private TrainingBench() {}

  /** Forward FLOPs of one layer for a [batch, seq] input. */
  public static double layerForwardFlops(BertConfig c, int batch, int seq) {
    double p = 4.0 * c.hidden() * c.hidden() + 2.0 * c.hidden() * c.intermediate();
    return (double) batch * seq * (2 * p + 4.0 * seq * c.hidden());
  }

  /**
   * Training steps (forward, backward, clipping, AdamW) of the upper {@code layers - frozen} layers on a fixed
   * random batch; with {@code cached} the frozen part runs once up front, as with {@code cacheFrozen}.
   */
  public static Result train(BertConfig config, int frozen, boolean cached, int batch, int seq, int warmup,
      int steps) {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(config, root);
      model.setFrozen(frozen, true);
      Map<String, Parameter> trainable = new LinkedHashMap<>();
      model.namedParameters().forEach((n, p) -> {
        if (p.requiresGradient()) {
          trainable.put(n, p);
        }
      });
      NDList inputs = inputs(root, config, batch, seq);
      NDArray hidden = cached
          ? model.encoder().forwardLower(new ParameterStore(root, false), inputs, frozen, false) : null;
      int[] gold = new int[batch];
      for (int i = 0; i < batch; i++) {
        gold[i] = i % config.numLabels();
      }
      try (AdamW opt = new AdamW(trainable, 0.01, root)) {
        CpuClock.Mark mark = null;
        for (int s = 0; s < warmup + steps; s++) {
          if (s == warmup) {
            mark = CpuClock.start();
          }
          try (NDManager m = root.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              ParameterStore ps = new ParameterStore(m, false);
              NDArray logits = cached ? model.logitsFromHidden(ps, hidden, inputs.get(2), frozen, true)
                  : model.forward(ps, inputs, true).singletonOrThrow();
              NDArray loss = Losses.crossEntropy(m, logits, gold, null);
              gc.backward(loss);
            }
            double norm = opt.gradNorm();
            opt.step(1e-5, norm > 1 ? 1 / norm : 1);
          }
        }
        CpuClock.Interval t = mark.stop();
        int trained = config.layers() - frozen;
        double flops = layerForwardFlops(config, batch, seq) * (3.0 * trained + (cached ? 0 : frozen));
        return Result.of(steps, batch, flops * steps, t);
      }
    }
  }

  /** Inference (no gradients) through the whole model. */
  public static Result infer(BertConfig config, int batch, int seq, int warmup, int steps,
      dev.tweetox.bert.safetensors.TensorSource weights) {
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(config, root);
      if (weights != null) {
        dev.tweetox.transformer.pretrained.BertWeights.load(model.namedParameters(), weights);
      }
      model.freezeParameters(true);
      NDList inputs = inputs(root, config, batch, seq);
      CpuClock.Mark mark = null;
      for (int s = 0; s < warmup + steps; s++) {
        if (s == warmup) {
          mark = CpuClock.start();
        }
        try (NDManager m = root.newSubManager()) {
          model.forward(new ParameterStore(m, false), inputs, false).singletonOrThrow().softmax(-1).toFloatArray();
        }
      }
      CpuClock.Interval t = mark.stop();
      double flops = layerForwardFlops(config, batch, seq) * config.layers();
      return Result.of(steps, batch, flops * steps, t);
    }
  }

  private static NDList inputs(NDManager m, BertConfig c, int batch, int seq) {
    Random rnd = new Random(7);
    long[] ids = new long[batch * seq];
    int low = Math.min(1000, c.vocabSize() / 2); // past BERT's special and unused tokens
    for (int i = 0; i < ids.length; i++) {
      ids[i] = low + rnd.nextInt(c.vocabSize() - low);
    }
    Shape shape = new Shape(batch, seq);
    long[] ones = new long[ids.length];
    java.util.Arrays.fill(ones, 1L);
    return new NDList(m.create(ids, shape), m.zeros(shape, DataType.INT64), m.create(ones, shape));
  }
}
