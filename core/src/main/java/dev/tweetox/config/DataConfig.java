package dev.tweetox.config;

import java.util.List;

/**
 * Where the data comes from and how to read it.
 *
 * @param path the data file; empty means the bundled default data set named by {@code dataset}
 * @param dataset the bundled data set used when {@code path} is empty; null means {@code tweet-sentiment}
 * @param format how to read the files; null means {@code auto}
 * @param textColumn text column for generic files; empty means auto-detect
 * @param labelColumn label column for generic files; empty means auto-detect
 * @param idColumn id column; empty means ids are hashes of the raw text
 * @param labels explicit label order; empty means the documented inference rule of {@code LabelSet}
 * @param valPath a given validation file; with {@code testPath}, replaces the fresh split
 * @param testPath a given test file
 */
public record DataConfig(
    String path,
    BundledDataset dataset,
    DataFormat format,
    String textColumn,
    String labelColumn,
    String idColumn,
    List<String> labels,
    String valPath,
    String testPath) {

  public DataConfig {
    labels = labels == null ? List.of() : List.copyOf(labels);
    path = nz(path);
    dataset = dataset == null ? BundledDataset.TWEET_SENTIMENT : dataset;
    format = format == null ? DataFormat.AUTO : format;
    textColumn = nz(textColumn);
    labelColumn = nz(labelColumn);
    idColumn = nz(idColumn);
    valPath = nz(valPath);
    testPath = nz(testPath);
    if (valPath.isEmpty() != testPath.isEmpty()) {
      throw Validation.error("data.valPath and data.testPath", "give both or neither");
    }
  }

  public static DataConfig defaults() {
    return new DataConfig("", BundledDataset.TWEET_SENTIMENT, DataFormat.AUTO, "", "", "", List.of(), "", "");
  }

  /** True when the validation and test sets are given files rather than a fresh split. */
  public boolean hasGivenSplits() {
    return !valPath.isEmpty();
  }

  private static String nz(String s) {
    return s == null ? "" : s.trim();
  }
}
