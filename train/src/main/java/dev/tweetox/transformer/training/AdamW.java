package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.TensorSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) with bias correction and decoupled weight decay, which is skipped for biases and
 * layer-norm parameters (Hugging Face names ending in {@code .bias} or containing {@code LayerNorm}), as in BERT.
 * DJL's built-in Adam decays every parameter alike, hence this class. Updates are in place on the parameter and
 * moment arrays; per-step temporaries are closed before {@link #step} returns.
 *
 * <p>Call {@link #step} after {@code backward}, outside the gradient collector; it reads and then zeroes the
 * gradients, so the next backward starts from zero even if the engine accumulates.
 */
public final class AdamW implements AutoCloseable {
  public static final double BETA1 = 0.9;
  public static final double BETA2 = 0.999;
  public static final double EPS = 1e-6;

  private final Map<String, Parameter> params;
  private final Map<String, Double> rateScales;
  private final double weightDecay;
  private final NDManager manager;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private int updates;

  /** @param params the trainable parameters by Hugging Face name; frozen ones must be left out */
  public AdamW(Map<String, Parameter> params, double weightDecay, NDManager parent) {
    this(params, Map.of(), weightDecay, parent);
  }

  /**
   * @param rateScales learning-rate multipliers by parameter name (see {@link LayerDecay}); a missing name trains
   *     at the full rate
   */
  public AdamW(Map<String, Parameter> params, Map<String, Double> rateScales, double weightDecay,
      NDManager parent) {
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.rateScales = Map.copyOf(rateScales);
    this.weightDecay = weightDecay;
    this.manager = parent.newSubManager();
    for (Map.Entry<String, Parameter> e : this.params.entrySet()) {
      NDArray w = e.getValue().getArray();
      m.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
      v.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
    }
  }

  /** Whether weight decay applies to the parameter of this name. */
  public static boolean decays(String hfName) {
    return !hfName.endsWith(".bias") && !hfName.contains("LayerNorm");
  }

  /** Updates applied so far (the {@code t} of the bias correction). */
  public int updates() {
    return updates;
  }

  /** The global L2 norm of all gradients. */
  public double gradNorm() {
    double sum = 0;
    for (Parameter p : params.values()) {
      try (NDArray g = p.getArray().getGradient(); NDArray sq = g.square(); NDArray s = sq.sum()) {
        sum += s.getFloat();
      }
    }
    return Math.sqrt(sum);
  }

  /**
   * One update at learning rate {@code lr}, the gradients first scaled down to a global L2 norm of at most
   * {@code maxGradNorm} (0 = no clipping).
   */
  public void clippedStep(double lr, double maxGradNorm) {
    double scale = 1;
    if (maxGradNorm > 0) {
      double norm = gradNorm();
      if (norm > maxGradNorm) {
        scale = maxGradNorm / (norm + 1e-6);
      }
    }
    step(lr, scale);
  }

  /**
   * One update at learning rate {@code lr}; gradients are first multiplied by {@code gradScale} (for clipping).
   */
  public void step(double lr, double gradScale) {
    updates++;
    double bc1 = 1 - Math.pow(BETA1, updates);
    double bc2 = 1 - Math.pow(BETA2, updates);
    float sqrtBc2 = (float) Math.sqrt(bc2);
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      String name = e.getKey();
      double rate = lr * rateScales.getOrDefault(name, 1.0);
      float stepSize = (float) (rate / bc1);
      NDArray w = e.getValue().getArray();
      NDArray mom = m.get(name);
      NDArray var = v.get(name);
      try (NDArray g = w.getGradient()) {
        if (gradScale != 1) {
          g.muli(gradScale);
        }
        try (NDArray g1 = g.mul(1 - BETA1); NDArray g2 = g.square()) {
          mom.muli(BETA1).addi(g1);
          var.muli(BETA2).addi(g2.muli(1 - BETA2));
        }
        if (weightDecay > 0 && decays(name)) {
          w.muli(1 - rate * weightDecay);
        }
        try (NDArray denom = var.sqrt(); NDArray upd = mom.mul(stepSize)) {
          denom.divi(sqrtBc2).addi(EPS);
          w.subi(upd.divi(denom));
        }
        g.subi(g); // zero in place
      }
    }
  }

  /** Moments under {@code m.<name>} and {@code v.<name>}, for a checkpoint. */
  public TensorSource state() {
    return ArrayTensors.concat(ArrayTensors.view("m.", m), ArrayTensors.view("v.", v));
  }

  /** Restores moments and the update count written by {@link #state}. */
  public void restore(TensorSource state, int updateCount, String where) {
    for (Map<String, NDArray> moments : java.util.List.of(m, v)) {
      String prefix = moments == m ? "m." : "v.";
      for (Map.Entry<String, NDArray> e : moments.entrySet()) {
        String key = prefix + e.getKey();
        if (!state.names().contains(key)) {
          throw new TweetoxException(where + " lacks optimizer state " + key + "; delete the checkpoint to start"
              + " over");
        }
        if (!java.util.Arrays.equals(state.shape(key), e.getValue().getShape().getShape())) {
          throw new TweetoxException(where + ": optimizer state " + key + " has another shape than the model;"
              + " delete the checkpoint to start over");
        }
        e.getValue().set(state.read(key));
      }
    }
    this.updates = updateCount;
  }

  @Override
  public void close() {
    manager.close();
  }
}
