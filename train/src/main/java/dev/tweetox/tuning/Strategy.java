package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How a study picks its trials. Every strategy fixes its whole list of configurations up front from the space, the
 * trial count and the seed, so all workers of a study agree on trial {@code n} without talking to each other.
 */
public enum Strategy {
  /** Every combination of the listed values, the first parameter (in key order) varying slowest. */
  GRID,
  /** {@code trials} draws from {@code new Random(seed)}, parameters drawn in key order within each trial. */
  RANDOM,
  /** Random configurations, each stopped early unless it ranks in the top 1/eta at every rung it reaches. */
  HALVING;

  public static Strategy parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TweetoxException("--strategy '" + s + "' is not one of grid, random, halving");
    }
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The configurations of trials 0..n-1; {@code trials} is ignored by {@code grid}. */
  public List<Map<String, Object>> configurations(SearchSpace space, int trials, long seed) {
    if (this == GRID) {
      return grid(space);
    }
    if (trials < 1) {
      throw new TweetoxException("--trials must be at least 1 for " + key() + ", got " + trials);
    }
    Random rnd = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      Map<String, Object> c = new LinkedHashMap<>();
      space.parameters().forEach((k, r) -> c.put(k, r.sample(rnd)));
      out.add(Collections.unmodifiableMap(c));
    }
    return out;
  }

  private static List<Map<String, Object>> grid(SearchSpace space) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(Map.of());
    for (Map.Entry<String, ParamRange> e : space.parameters().entrySet()) {
      if (e.getValue().isRange()) {
        throw new TweetoxException("grid search needs listed values for every parameter, but " + e.getKey()
            + " is a range; write values: [...] for it or use --strategy random");
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : e.getValue().values()) {
          Map<String, Object> c = new LinkedHashMap<>(partial);
          c.put(e.getKey(), v);
          next.add(c);
        }
      }
      out = next;
    }
    return out.stream().map(Collections::unmodifiableMap).toList();
  }
}
