package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.tweetox.bert.safetensors.TensorSource;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SWA-style weight averaging (Izmailov et al. 2018): the uniform mean of the trainable weights after every step
 * from {@code firstStep} on. When training ends, the mean is validated; it replaces the saved best model only if
 * it scores higher, so turning it on never makes the result worse on validation.
 *
 * <p>The mean is part of the checkpoint (as {@code avg.<name>}), so a resumed run averages exactly the same steps;
 * the number of steps in it follows from the step count. It runs before {@link CheckpointWriter}, so the final
 * checkpoint is written only after the decision.
 */
final class WeightAverage implements TrainingListener {
  static final String PREFIX = "avg.";

  private final Map<String, Parameter> params;
  private final int firstStep;
  private final Supplier<MetricLog.Validation> validation;
  private final Runnable saveModel;
  private final String who;
  private final PrintWriter log;
  private final NDManager manager;
  private final Map<String, NDArray> mean = new LinkedHashMap<>();

  /**
   * @param firstStep the first optimizer step (1-based) whose weights enter the mean
   * @param saveModel writes the model's current weights as the best model
   */
  WeightAverage(Map<String, Parameter> params, int firstStep, Supplier<MetricLog.Validation> validation,
      Runnable saveModel, String who, PrintWriter log, NDManager parent) {
    this.params = params;
    this.firstStep = Math.max(1, firstStep);
    this.validation = validation;
    this.saveModel = saveModel;
    this.who = who;
    this.log = log;
    this.manager = parent.newSubManager();
  }

  /** The first step of the mean for averaging the last {@code fraction} of {@code totalSteps}. */
  static int firstStep(int totalSteps, double fraction) {
    return totalSteps - (int) Math.floor(totalSteps * fraction) + 1;
  }

  /** Restores the mean from a checkpoint written at {@code step}; without one (or before the window) it is empty. */
  void restore(TensorSource state, int step) {
    if (step < firstStep) {
      return;
    }
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      String key = PREFIX + e.getKey();
      if (!state.names().contains(key)) {
        throw new dev.tweetox.TweetoxException("the checkpoint at step " + step + " lacks the weight average " + key
            + "; delete checkpoint-last to train again from the start");
      }
      NDArray w = e.getValue().getArray();
      NDArray a = manager.zeros(w.getShape(), w.getDataType());
      a.set(state.read(key));
      mean.put(e.getKey(), a);
    }
  }

  /** Steps in the mean after {@code step} steps. */
  private int count(int step) {
    return Math.max(0, step - firstStep + 1);
  }

  @Override
  public void onStep(Step step, TrainingControl run) {
    int n = count(step.step());
    if (n == 0) {
      return;
    }
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray w = e.getValue().getArray();
      NDArray a = mean.get(e.getKey());
      if (n == 1 || a == null) {
        if (a != null) {
          a.close();
        }
        NDArray copy = w.duplicate();
        copy.attach(manager);
        mean.put(e.getKey(), copy);
      } else {
        try (NDArray d = w.sub(a)) {
          a.addi(d.divi(n)); // running mean: a += (w - a) / n
        }
      }
    }
  }

  @Override
  public void afterStep(Step step, TrainingControl run) {
    if (!run.state().finished() || count(step.step()) < 2) {
      return;
    }
    Map<String, NDArray> backup = new LinkedHashMap<>();
    try (NDManager m = manager.newSubManager()) {
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray w = e.getValue().getArray();
        NDArray copy = w.duplicate();
        copy.attach(m);
        backup.put(e.getKey(), copy);
        mean.get(e.getKey()).copyTo(w);
      }
      MetricLog.Validation v = validation.get();
      boolean better = v.macroF1() > run.state().bestMetric();
      log.printf(Locale.ROOT, "%s: weight average of steps %d-%d: val macro-F1 %.4f against %.4f for the"
          + " best single model (step %d); %s%n", who, firstStep, step.step(), v.macroF1(), run.state().bestMetric(),
          run.state().bestStep(), better ? "keeping the average" : "keeping the single model");
      log.flush();
      if (better) {
        saveModel.run();
        run.set(run.state().validated(v.macroF1()));
      }
      backup.forEach((name, w) -> w.copyTo(params.get(name).getArray()));
    }
  }

  /** The mean as {@code avg.<name>} tensors, for the checkpoint (empty before the window starts). */
  TensorSource state() {
    return ArrayTensors.view(PREFIX, mean);
  }

  @Override
  public void close() {
    manager.close();
  }
}
