package dev.tweetox.split;

import dev.tweetox.data.Example;
import dev.tweetox.data.GivenSplits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which example ids belong to train, validation and test. Each list is sorted, so equal splits compare equal and the
 * saved files diff cleanly. The parts are disjoint.
 */
public record SplitAssignment(List<String> train, List<String> val, List<String> test) {
  public SplitAssignment {
    train = List.copyOf(train);
    val = List.copyOf(val);
    test = List.copyOf(test);
  }

  /** The split a given data set came with. */
  public static SplitAssignment of(GivenSplits given) {
    return new SplitAssignment(sortedIds(given.train().examples()), sortedIds(given.val().examples()),
        sortedIds(given.test().examples()));
  }

  public List<String> ids(SplitPart part) {
    return switch (part) {
      case TRAIN -> train;
      case VAL -> val;
      case TEST -> test;
    };
  }

  public int size() {
    return train.size() + val.size() + test.size();
  }

  /** The part an id is in, if any. */
  public Optional<SplitPart> partOf(String id) {
    return Optional.ofNullable(index().get(id));
  }

  /** The examples of one part, in the order of {@link #ids}. Ids missing from {@code examples} are skipped. */
  public List<Example> select(List<Example> examples, SplitPart part) {
    Map<String, Example> byId = new HashMap<>();
    examples.forEach(e -> byId.put(e.id(), e));
    List<Example> out = new ArrayList<>();
    for (String id : ids(part)) {
      Example e = byId.get(id);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  private Map<String, SplitPart> index() {
    Map<String, SplitPart> map = new HashMap<>();
    for (SplitPart p : SplitPart.values()) {
      ids(p).forEach(id -> map.put(id, p));
    }
    return map;
  }

  static List<String> sortedIds(List<Example> examples) {
    return examples.stream().map(Example::id).sorted().toList();
  }
}
