package dev.tweetox.ensemble;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The stacked ensemble: runs each member on the same cleaned text (the baseline on its own stemmed or stopword-free
 * version, as {@link ModelInputs} decides) and combines their probabilities with the saved stacker. Thread-safe when
 * its members are. {@link #close} closes the members that hold native memory.
 */
public final class EnsembleModel implements TextClassifier, AutoCloseable {
  private final EnsembleFile file;
  private final List<TextClassifier> members;
  private final TextCleaner cleaner;
  private final LabelSet labels;

  /**
   * @param members the loaded members, in the order {@code file.members()} names them
   * @param cleaner the run's cleaning, for the baseline's extra text steps
   * @throws TweetoxException when the members are not the ones the file names or their classes differ from it
   */
  public EnsembleModel(EnsembleFile file, List<TextClassifier> members, TextCleaner cleaner) {
    List<ModelKind> kinds = members.stream().map(TextClassifier::kind).toList();
    if (!kinds.equals(file.members())) {
      throw new TweetoxException("the ensemble stacks " + file.members() + " but was given " + kinds);
    }
    for (TextClassifier m : members) {
      if (!m.labels().names().equals(file.labels())) {
        throw new TweetoxException("the ensemble's classes are " + file.labels() + " but its " + m.kind()
            + " member's are " + m.labels().names() + "; fit the ensemble again on this run's members");
      }
    }
    this.file = file;
    this.members = List.copyOf(members);
    this.cleaner = cleaner;
    this.labels = members.get(0).labels();
  }

  public EnsembleFile file() {
    return file;
  }

  public List<TextClassifier> members() {
    return members;
  }

  @Override
  public LabelSet labels() {
    return labels;
  }

  @Override
  public double[][] predictProba(List<String> cleanedTexts) {
    List<double[][]> probs = new ArrayList<>(members.size());
    for (TextClassifier m : members) {
      probs.add(m.predictProba(ModelInputs.forModel(m.kind(), cleaner, cleanedTexts)));
    }
    return file.stacker().predictProba(Stacker.features(probs, labels.size()));
  }

  @Override
  public ModelKind kind() {
    return ModelKind.ENSEMBLE;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (TextClassifier m : members) {
      try {
        TextClassifier.closeIfNeeded(m);
      } catch (RuntimeException e) {
        first = first == null ? e : first; // close every member before reporting the first failure
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
