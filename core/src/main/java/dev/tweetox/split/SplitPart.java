package dev.tweetox.split;

import java.util.List;

/** The three parts of a split, with the file each one's ids are stored in. */
public enum SplitPart {
  TRAIN("train"),
  VAL("val"),
  TEST("test");

  /** The held-out parts models are scored on, in report order. */
  public static final List<SplitPart> HELD_OUT = List.of(VAL, TEST);

  private final String key;

  SplitPart(String key) {
    this.key = key;
  }

  /** {@code train}, {@code val} or {@code test}: the name in files and tables. */
  public String key() {
    return key;
  }

  /** {@code train_ids.csv} etc. */
  public String idsFile() {
    return key + "_ids.csv";
  }
}
