package dev.tweetox.pipeline;

import dev.tweetox.data.CleaningReport;
import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.split.ClassRatios;
import dev.tweetox.split.SplitPart;
import java.util.List;

/**
 * The cleaned data of a run, split into train, validation and test.
 *
 * @param source the data path or {@code bundled:<name>}
 * @param fingerprint SHA-256 of the input (for given splits, of the three files' fingerprints)
 * @param cleaning what cleaning dropped; for given splits, the training file's report
 * @param splitReused true when the split ids came from the run directory rather than being made now
 */
public record PreparedData(
    LabelSet labels,
    List<Example> train,
    List<Example> val,
    List<Example> test,
    String source,
    String fingerprint,
    CleaningReport cleaning,
    ClassRatios ratios,
    boolean splitReused) {

  public PreparedData {
    train = List.copyOf(train);
    val = List.copyOf(val);
    test = List.copyOf(test);
  }

  /** The examples of one part of the split. */
  public List<Example> split(SplitPart part) {
    return switch (part) {
      case TRAIN -> train;
      case VAL -> val;
      case TEST -> test;
    };
  }

  public static int[] labelsOf(List<Example> examples) {
    return examples.stream().mapToInt(Example::label).toArray();
  }
}
