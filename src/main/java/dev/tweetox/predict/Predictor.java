package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.pipeline.ModelInputs;
import dev.tweetox.pipeline.SavedModels;
import dev.tweetox.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels raw tweets with a trained model, applying exactly the cleaning the model was trained with. The CLI's
 * {@code predict}, the pipeline's inference examples and the server all go through this class.
 */
public final class Predictor {
  private final TextClassifier model;
  private final TextCleaner cleaner;

  public Predictor(TextClassifier model, TextCleaner cleaner) {
    this.model = model;
    this.cleaner = cleaner;
  }

  /**
   * Loads a model from a run directory.
   *
   * @param kind {@code baseline}, {@code transformer}, or {@code auto} for the strongest one the run has
   */
  public static Predictor fromRunDirectory(Path runDir, String kind) {
    RunDirectory dir = RunDirectory.existing(runDir);
    TweetoxConfig cfg = dir.readConfig();
    return new Predictor(SavedModels.load(dir, kind), new TextCleaner(cfg.cleaning()));
  }

  public LabelSet labels() {
    return model.labels();
  }

  public String kind() {
    return model.kind();
  }

  /** Predicts a batch of raw texts; an empty text is allowed and gets the model's prior-like output. */
  public List<Prediction> predict(List<String> rawTexts) {
    if (rawTexts.isEmpty()) {
      return List.of();
    }
    List<String> cleaned = new ArrayList<>(rawTexts.size());
    for (String t : rawTexts) {
      if (t == null) {
        throw new TweetoxException("predict: a text is null; pass an empty string instead");
      }
      cleaned.add(cleaner.clean(t));
    }
    double[][] probs = model.predictProba(ModelInputs.forModel(model.kind(), cleaner, cleaned));
    LabelSet labels = model.labels();
    List<Prediction> out = new ArrayList<>(rawTexts.size());
    for (int i = 0; i < rawTexts.size(); i++) {
      int k = Evaluation.argmax(probs[i]);
      List<Double> p = new ArrayList<>(probs[i].length);
      for (double v : probs[i]) {
        p.add(v);
      }
      out.add(new Prediction(rawTexts.get(i), k, labels.name(k), labels.values().get(k), p));
    }
    return out;
  }
}
