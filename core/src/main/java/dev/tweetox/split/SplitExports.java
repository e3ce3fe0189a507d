package dev.tweetox.split;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import java.nio.file.Path;
import java.util.List;

/** Split artifacts for people: the test set with its true labels, and the class-ratio table. */
public final class SplitExports {
  public static final String GROUND_TRUTH = "ground_truth_test_set.csv";
  public static final String CLASS_RATIOS = "class_ratios.csv";

  private SplitExports() {}

  /** Writes {@link #GROUND_TRUTH} and {@link #CLASS_RATIOS} into the run directory and returns the ratios. */
  public static ClassRatios writeAll(Path runDir, SplitAssignment split, List<Example> examples, LabelSet labels) {
    writeGroundTruth(runDir.resolve(GROUND_TRUTH), split.select(examples, SplitPart.TEST), labels);
    ClassRatios ratios = ClassRatios.of(split, examples, labels);
    ratios.writeCsv(runDir.resolve(CLASS_RATIOS));
    return ratios;
  }

  /**
   * Writes {@code id,text,label}: the raw text as read (not the cleaned one, so it can be checked against the source)
   * and the label as its original value in the data file, e.g. {@code negative} or {@code -1}.
   */
  public static void writeGroundTruth(Path file, List<Example> test, LabelSet labels) {
    CsvOut.write(file, List.of("id", "text", "label"),
        test.stream().map(e -> List.of(e.id(), e.rawText(), labels.values().get(e.label()))).toList());
  }
}
