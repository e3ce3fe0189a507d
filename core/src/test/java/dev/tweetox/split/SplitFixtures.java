package dev.tweetox.split;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import java.util.ArrayList;
import java.util.List;

/** Synthetic examples: ids "e000".. with a fixed class pattern. */
final class SplitFixtures {
  static final LabelSet LABELS = LabelSet.sentiment();

  private SplitFixtures() {}

  /** n examples whose classes follow the given sizes, e.g. (50, 30, 20). */
  static List<Example> examples(int... classSizes) {
    List<Example> out = new ArrayList<>();
    int i = 0;
    for (int c = 0; c < classSizes.length; c++) {
      for (int k = 0; k < classSizes[c]; k++, i++) {
        String id = String.format("e%04d", i);
        out.add(new Example(id, "raw " + id, "text " + id, c, i + 1));
      }
    }
    return out;
  }
}
