package dev.tweetox.config;

import java.util.List;

/**
 * Where the data comes from and how to read it.
 *
 * @param path the data file; empty means the bundled default data set named by {@code dataset}
 * @param dataset a bundled data set: {@code tweet-sentiment} (default) or {@code tweeteval-offensive}
 * @param format {@code auto} (detect from the header), {@code notebook} (review,label), {@code tse}
 *     (textID,text,sentiment), {@code csv}, {@code tsv} or {@code jsonl}
 * @param textColumn text column for generic files; empty means auto-detect
 * @param labelColumn label column for generic files; empty means auto-detect
 * @param idColumn id column; empty means ids are hashes of the raw text
 * @param labels explicit label order; empty means the documented inference rule of {@code LabelSet}
 * @param valPath a given validation file; with {@code testPath}, replaces the fresh split
 * @param testPath a given test file
 */
public record DataConfig(
    String path,
    String dataset,
    String format,
    String textColumn,
    String labelColumn,
    String idColumn,
    List<String> labels,
    String valPath,
    String testPath) {

  public static final List<String> FORMATS = List.of("auto", "notebook", "tse", "csv", "tsv", "jsonl");
  public static final List<String> DATASETS = List.of("tweet-sentiment", "tweeteval-offensive");

  public DataConfig {
    labels = labels == null ? List.of() : List.copyOf(labels);
    path = nz(path);
    dataset = dataset == null || dataset.isBlank() ? "tweet-sentiment" : dataset;
    format = format == null || format.isBlank() ? "auto" : format;
    textColumn = nz(textColumn);
    labelColumn = nz(labelColumn);
    idColumn = nz(idColumn);
    valPath = nz(valPath);
    testPath = nz(testPath);
    Validation.oneOf("data.format", format, FORMATS);
    Validation.oneOf("data.dataset", dataset, DATASETS);
    if (valPath.isEmpty() != testPath.isEmpty()) {
      throw Validation.error("data.valPath and data.testPath", "give both or neither");
    }
  }

  public static DataConfig defaults() {
    return new DataConfig("", "tweet-sentiment", "auto", "", "", "", List.of(), "", "");
  }

  /** True when the validation and test sets are given files rather than a fresh split. */
  public boolean hasGivenSplits() {
    return !valPath.isEmpty();
  }

  private static String nz(String s) {
    return s == null ? "" : s.trim();
  }
}
