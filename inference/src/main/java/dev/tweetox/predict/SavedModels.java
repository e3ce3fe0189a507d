package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.ensemble.EnsembleModel;
import dev.tweetox.eval.ModelRanking;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.onnx.OnnxBertModel;
import dev.tweetox.run.RunDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds and loads, for inference, the models a run directory holds. */
public final class SavedModels {
  private SavedModels() {}

  /** Model kinds saved in the run directory, strongest first (see {@link ModelRanking}). */
  public static List<ModelKind> available(RunDirectory dir) {
    List<ModelKind> saved = Arrays.stream(ModelKind.values()).filter(dir::hasModel).toList();
    return ModelRanking.rank(saved, ModelRanking.metricsIn(dir.path()));
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
   * Runtime, the ensemble with each of its members loaded so.
   *
   * @param wanted a kind, or empty for the strongest saved one
   * @param precision the transformer's, also as the ensemble's member
   * @param threads ONNX Runtime intra-op threads for the transformer
   */
  public static TextClassifier load(RunDirectory dir, Optional<ModelKind> wanted, Precision precision,
      int threads) {
    ModelKind kind = choose(dir, wanted);
    return switch (kind) {
      case BASELINE -> BaselineModel.load(dir.modelDir(kind));
      case TRANSFORMER, STUDENT -> OnnxBertModel.load(dir.modelDir(kind), precision == Precision.INT8,
          OnnxBertModel.DEFAULT_BATCH, threads, kind);
      case ENSEMBLE -> {
        EnsembleFile file = EnsembleFile.read(dir.modelDir(kind));
        for (ModelKind m : file.members()) {
          if (!dir.hasModel(m) || m == ModelKind.ENSEMBLE) {
            throw new TweetoxException(dir + ": the ensemble stacks a " + m + " model, which the run lacks;"
                + " train it again or fit the ensemble again with `tweetox ensemble --run-dir " + dir + "`");
          }
        }
        yield ensemble(file, m -> load(dir, Optional.of(m), precision, threads),
            new TextCleaner(dir.readConfig().cleaning()));
      }
    };
  }

  /** An ensemble over members loaded by {@code loader}; members already loaded are closed if a later one fails. */
  static EnsembleModel ensemble(EnsembleFile file, java.util.function.Function<ModelKind, TextClassifier> loader,
      TextCleaner cleaner) {
    List<TextClassifier> members = new ArrayList<>();
    try {
      for (ModelKind m : file.members()) {
        members.add(loader.apply(m));
      }
      return new EnsembleModel(file, members, cleaner);
    } catch (RuntimeException e) {
      for (TextClassifier m : members) {
        try {
          TextClassifier.closeIfNeeded(m);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }
}
