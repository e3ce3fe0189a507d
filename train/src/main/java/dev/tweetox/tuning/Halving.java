package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import java.util.List;
import java.util.Locale;

/**
 * Asynchronous successive halving (ASHA): rung {@code k} is reached after {@code minResource * eta^k} units of
 * budget; a trial reaching a rung continues only if its validation macro-F1 is among the top
 * {@code max(1, n / eta)} of the {@code n} trials that have reported at that rung so far (itself included).
 * Decisions never wait for other trials, so workers stay busy; early trials are judged against fewer peers.
 *
 * @param resource what the budget counts: epochs or training samples seen
 * @param minResource the budget of rung 0
 * @param eta the reduction factor (3 keeps a third at each rung)
 */
public record Halving(Resource resource, double minResource, int eta) {
  /** The unit of budget. */
  public enum Resource {
    EPOCHS, SAMPLES;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Resource parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TweetoxException("--resource '" + s + "' is not one of epochs, samples");
      }
    }
  }

  public Halving {
    if (eta < 2) {
      throw new TweetoxException("--eta must be at least 2, got " + eta);
    }
    if (!(minResource > 0)) {
      throw new TweetoxException("--min-resource must be above 0, got " + minResource);
    }
  }

  public static Halving defaults() {
    return new Halving(Resource.EPOCHS, 1, 3);
  }

  /** The budget at which rung {@code k} is judged. */
  public double rungBudget(int k) {
    return minResource * Math.pow(eta, k);
  }

  /** The highest rung whose budget is at most {@code used} (with a little slack for rounding), or -1. */
  public int rungAt(double used) {
    int k = -1;
    while (rungBudget(k + 1) <= used * (1 + 1e-9)) {
      k++;
    }
    return k;
  }

  /** Whether {@code value} is in the top {@code max(1, n / eta)} of {@code rungValues} (which include it). */
  public boolean promotes(double value, List<Double> rungValues) {
    int keep = Math.max(1, rungValues.size() / eta);
    long better = rungValues.stream().filter(v -> v > value).count();
    return better < keep;
  }
}
