package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.run.RunDirectory;
import java.util.ArrayList;
import java.util.List;

/** Finds and loads the models a run directory holds. */
public final class SavedModels {
  private SavedModels() {}

  /** Model kinds saved in the run directory, strongest first. */
  public static List<String> available(RunDirectory dir) {
    List<String> kinds = new ArrayList<>();
    if (TransformerStage.exists(dir)) {
      kinds.add("transformer");
    }
    if (BaselineStage.exists(dir)) {
      kinds.add("baseline");
    }
    return kinds;
  }

  /** @param kind a model kind, or {@code auto} for the first of {@link #available} */
  public static TextClassifier load(RunDirectory dir, String kind) {
    List<String> kinds = available(dir);
    if (kinds.isEmpty()) {
      throw new TweetoxException(dir + " holds no trained model; run `tweetox run` or `tweetox baseline` with"
          + " --run-dir " + dir + " first");
    }
    String chosen = kind.equals("auto") ? kinds.get(0) : kind;
    if (!kinds.contains(chosen)) {
      throw new TweetoxException(dir + " has no " + chosen + " model; it has " + kinds);
    }
    return switch (chosen) {
      case "baseline" -> BaselineStage.load(dir);
      case "transformer" -> TransformerStage.load(dir);
      default -> throw new TweetoxException("unknown model type '" + chosen + "'; use baseline, transformer or auto");
    };
  }
}
