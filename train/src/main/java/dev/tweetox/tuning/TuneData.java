package dev.tweetox.tuning;

import dev.tweetox.data.LabelSet;
import java.util.List;

/**
 * The texts a study's trials see, already in the model type's input form (stemmed for the baseline if configured,
 * plain cleaned text for BERT): the tuning subset of the training split, the validation split (selection) and the
 * test split (reported per strategy, never used to choose).
 */
public record TuneData(List<String> trainTexts, int[] trainLabels, List<String> valTexts, int[] valLabels,
    List<String> testTexts, int[] testLabels, LabelSet labels) {
  public TuneData {
    trainTexts = List.copyOf(trainTexts);
    valTexts = List.copyOf(valTexts);
    testTexts = List.copyOf(testTexts);
  }
}
