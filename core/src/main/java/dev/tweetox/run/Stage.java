package dev.tweetox.run;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One stage of a run: preparing the data, training one model kind, or evaluating and reporting. Training is one
 * stage per {@link ModelKind}, so a new model kind needs no new stage entry.
 *
 * @param step what the stage does
 * @param model the model kind trained, present exactly when {@code step} is {@link Step#TRAIN}
 */
public record Stage(Step step, Optional<ModelKind> model) implements Comparable<Stage> {
  /** The kinds of stage, in the order a run executes them. */
  public enum Step {
    /** Read and clean the data, make or reuse the split, export its tables. */
    PREPARE("prepare"),
    /** Train one model kind on the training split. */
    TRAIN("train"),
    /** Score every trained model on val and test and write the report. */
    EVALUATE("evaluate");

    private final String key;

    Step(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public static final Stage PREPARE = new Stage(Step.PREPARE, Optional.empty());
  public static final Stage EVALUATE = new Stage(Step.EVALUATE, Optional.empty());

  public Stage {
    if (model.isPresent() != (step == Step.TRAIN)) {
      throw new IllegalArgumentException("a " + step.key() + " stage " + (model.isPresent() ? "has no" : "needs a")
          + " model kind");
    }
  }

  public static Stage train(ModelKind kind) {
    return new Stage(Step.TRAIN, Optional.of(kind));
  }

  /** {@code prepare}, the model kind's key ({@code baseline}, {@code transformer}, ...), or {@code evaluate}. */
  public String key() {
    return model.map(ModelKind::key).orElse(step.key());
  }

  /**
   * Whether this stage reads what {@code upstream} produces. Every training reads the prepared data; the ensemble
   * also reads its members and the student its teacher ({@link ModelKind#trainedFrom}); evaluation reads the
   * prepared data and every model.
   */
  public boolean dependsOn(Stage upstream) {
    boolean trainedFrom = step == Step.TRAIN && upstream.step == Step.TRAIN
        && model.orElseThrow().trainedFrom().contains(upstream.model.orElseThrow());
    return upstream.step.ordinal() < step.ordinal() || trainedFrom;
  }

  /** Parses {@code prepare}, a model kind's key or {@code evaluate}; the error lists them all. */
  public static Stage parse(String s) {
    String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (Step step : Step.values()) {
      if (step != Step.TRAIN && step.key().equals(k)) {
        return new Stage(step, Optional.empty());
      }
    }
    for (ModelKind kind : ModelKind.values()) {
      if (kind.key().equals(k)) {
        return train(kind);
      }
    }
    throw new TweetoxException("unknown stage '" + s + "'; use one of " + String.join(", ", keys()));
  }

  /** Every stage name, in run order. */
  public static List<String> keys() {
    List<String> out = new ArrayList<>(List.of(Step.PREPARE.key()));
    Arrays.stream(ModelKind.values()).map(ModelKind::key).forEach(out::add);
    out.add(Step.EVALUATE.key());
    return out;
  }

  @Override
  public int compareTo(Stage o) {
    int c = step.compareTo(o.step);
    return c != 0 ? c : Integer.compare(model.map(Enum::ordinal).orElse(-1), o.model.map(Enum::ordinal).orElse(-1));
  }

  @Override
  public String toString() {
    return key();
  }
}
