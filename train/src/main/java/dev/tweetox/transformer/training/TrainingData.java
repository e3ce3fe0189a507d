package dev.tweetox.transformer.training;

import dev.tweetox.data.LabelSet;
import java.util.List;

/** Cleaned (un-stemmed) texts and gold labels of the training and validation splits. */
public record TrainingData(List<String> trainTexts, int[] trainLabels, List<String> valTexts, int[] valLabels,
    LabelSet labels) {
  public TrainingData {
    if (trainTexts.size() != trainLabels.length || valTexts.size() != valLabels.length) {
      throw new IllegalArgumentException("texts and labels differ in length");
    }
    if (trainTexts.isEmpty() || valTexts.isEmpty()) {
      throw new IllegalArgumentException("training and validation data must not be empty");
    }
    trainTexts = List.copyOf(trainTexts);
    valTexts = List.copyOf(valTexts);
  }
}
