package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.onnx.OnnxBertModel;
import dev.tweetox.run.RunDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds and loads, for inference, the models a run directory holds. */
public final class SavedModels {
  private SavedModels() {}

  /** Model kinds saved in the run directory, strongest first. */
  public static List<ModelKind> available(RunDirectory dir) {
    List<ModelKind> kinds = new ArrayList<>();
    for (ModelKind k : List.of(ModelKind.TRANSFORMER, ModelKind.STUDENT, ModelKind.BASELINE)) {
      if (dir.hasModel(k)) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  /** The kind to load: {@code wanted}, or the strongest saved one when empty; an error when it is not saved. */
  public static ModelKind choose(RunDirectory dir, Optional<ModelKind> wanted) {
    List<ModelKind> kinds = available(dir);
    if (kinds.isEmpty()) {
      throw new TweetoxException(dir + " holds no trained model; run `tweetox run` or `tweetox baseline` with"
          + " --run-dir " + dir + " first");
    }
    ModelKind chosen = wanted.orElse(kinds.get(0));
    if (!kinds.contains(chosen)) {
      throw new TweetoxException(dir + " has no " + chosen + " model; it has " + kinds);
    }
    return chosen;
  }

  /**
   * Loads a model of the run for inference: the baseline as saved, the transformer and the student on ONNX
   * Runtime.
   *
   * @param wanted a kind, or empty for the strongest saved one
   * @param threads ONNX Runtime intra-op threads for the transformer
   */
  public static TextClassifier load(RunDirectory dir, Optional<ModelKind> wanted, Precision precision,
      int threads) {
    ModelKind kind = choose(dir, wanted);
    return switch (kind) {
      case BASELINE -> BaselineModel.load(dir.modelDir(kind));
      case TRANSFORMER, STUDENT -> OnnxBertModel.load(dir.modelDir(kind), precision == Precision.INT8,
          OnnxBertModel.DEFAULT_BATCH, threads, kind);
    };
  }
}
