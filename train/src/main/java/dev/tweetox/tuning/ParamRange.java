package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import java.util.List;
import java.util.Random;

/**
 * What one parameter may take: a list of values, or a {@code [min, max]} range (log-uniform when {@code log}).
 * Integer parameters sample whole numbers from a range. Immutable; values are canonical (see
 * {@link TuneParam#check}).
 *
 * @param values the listed values, or empty for a range
 */
public record ParamRange(TuneParam param, List<Object> values, double min, double max, boolean log) {
  public ParamRange {
    values = List.copyOf(values);
  }

  public boolean isRange() {
    return values.isEmpty();
  }

  static ParamRange of(TuneParam p, List<Object> values, String where) {
    if (values.isEmpty()) {
      throw new TweetoxException(where + ": values must list at least one value");
    }
    List<Object> checked = values.stream().map(v -> p.check(v, where)).distinct().toList();
    return new ParamRange(p, checked, 0, 0, false);
  }

  static ParamRange range(TuneParam p, Object min, Object max, boolean log, String where) {
    if (p.kind() == TuneParam.Kind.CHOICE) {
      throw new TweetoxException(where + ": " + p.key() + " takes listed values only; write values: [...]");
    }
    double lo = ((Number) p.check(min, where + ".min")).doubleValue();
    double hi = ((Number) p.check(max, where + ".max")).doubleValue();
    if (lo > hi) {
      throw new TweetoxException(where + ": min " + min + " is above max " + max + "; swap them");
    }
    if (log && lo <= 0) {
      throw new TweetoxException(where + ": a log range needs min above 0, got " + min);
    }
    return new ParamRange(p, List.of(), lo, hi, log);
  }

  /** One draw. Uses exactly one {@code nextDouble()} so sequences stay reproducible whatever the kind. */
  Object sample(Random rnd) {
    double u = rnd.nextDouble();
    if (!isRange()) {
      return values.get(Math.min(values.size() - 1, (int) (u * values.size())));
    }
    if (param.kind() == TuneParam.Kind.INT) {
      if (log) {
        double x = Math.exp(Math.log(min) + u * (Math.log(max + 1) - Math.log(min)));
        return (int) Math.min(max, Math.floor(x));
      }
      return (int) Math.min(max, Math.floor(min + u * (max - min + 1)));
    }
    return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  }
}
