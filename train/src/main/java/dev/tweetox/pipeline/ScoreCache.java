package dev.tweetox.pipeline;

import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A member model that remembers its probabilities for the texts it already scored, so that within one command the
 * ensemble's fit, the member's own evaluation and the ensemble's evaluation score each split once (the transformer
 * takes minutes on a CPU). Holds a few splits' probabilities; lives only as long as the command.
 */
final class ScoreCache implements TextClassifier, AutoCloseable {
  private final TextClassifier model;
  private final Map<List<String>, double[][]> scored = new HashMap<>();

  private ScoreCache(TextClassifier model) {
    this.model = model;
  }

  static TextClassifier of(TextClassifier model) {
    return model instanceof ScoreCache ? model : new ScoreCache(model);
  }

  @Override
  public LabelSet labels() {
    return model.labels();
  }

  @Override
  public synchronized double[][] predictProba(List<String> cleanedTexts) {
    List<String> key = List.copyOf(cleanedTexts);
    double[][] p = scored.get(key);
    if (p == null) {
      p = model.predictProba(key);
      scored.put(key, p);
    }
    double[][] copy = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      copy[i] = p[i].clone();
    }
    return copy;
  }

  @Override
  public ModelKind kind() {
    return model.kind();
  }

  @Override
  public void close() {
    TextClassifier.closeIfNeeded(model);
  }
}
