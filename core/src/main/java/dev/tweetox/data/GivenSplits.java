package dev.tweetox.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A data set whose train, validation and test files are given (the bundled {@code tweeteval-offensive}, or
 * {@code data.valPath}/{@code data.testPath}). All three share one {@link LabelSet}, and ids are unique across them
 * (a text-hash id already used by an earlier file gets a suffix such as {@code -2}).
 *
 * <p>Only the training file has exact duplicates and conflicting labels removed. The validation and test files are
 * benchmarks: their texts are cleaned and empty rows dropped, but every other row is kept, so scores stay comparable
 * with published results; {@link #textsAlsoInTrain} tells how much of them the training file already contains.
 *
 * @param fingerprint SHA-256 of the three file fingerprints joined by newlines, in train, val, test order
 */
public record GivenSplits(Dataset train, Dataset val, Dataset test, LabelSet labels, String fingerprint) {

  /** Every example, train first, then val, then test. */
  public List<Example> all() {
    List<Example> all = new ArrayList<>(train.size() + val.size() + test.size());
    all.addAll(train.examples());
    all.addAll(val.examples());
    all.addAll(test.examples());
    return all;
  }

  /** How many examples of {@code part} (val or test) have a cleaned text that also occurs in train: leakage. */
  public long textsAlsoInTrain(Dataset part) {
    Set<String> trainTexts = new HashSet<>();
    train.examples().forEach(e -> trainTexts.add(e.text()));
    return part.examples().stream().filter(e -> trainTexts.contains(e.text())).count();
  }
}
