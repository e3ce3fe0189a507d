package dev.tweetox.data;

import java.util.List;

/**
 * A cleaned, labelled data set, ready to split.
 *
 * @param examples the kept rows in file order, with unique ids
 * @param labels the label mapping shared by every split of this data
 * @param fingerprint lowercase hex SHA-256 of the input bytes (see {@link DatasetLoader} for given splits)
 * @param source the path as given, or {@code bundled:<dataset>}
 * @param report what cleaning did
 */
public record Dataset(
    List<Example> examples, LabelSet labels, String fingerprint, String source, CleaningReport report) {
  public Dataset {
    examples = List.copyOf(examples);
  }

  public int size() {
    return examples.size();
  }

  /** Number of examples per class index. */
  public int[] classCounts() {
    int[] counts = new int[labels.size()];
    examples.forEach(e -> counts[e.label()]++);
    return counts;
  }
}
