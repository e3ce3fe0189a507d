package dev.tweetox.bench;

import dev.tweetox.TweetoxException;
import java.util.HashMap;
import java.util.Map;

/**
 * One wrk run as reported by {@link LoadScript}'s summary line.
 *
 * @param socketErrors connect, read, write and timeout errors
 * @param statusErrors responses with status 400 or above (wrk's count)
 */
public record WrkResult(long requests, double seconds, double p50Millis, double p99Millis, long socketErrors,
    long statusErrors) {

  public double requestsPerSecond() {
    return requests / seconds;
  }

  public long errors() {
    return socketErrors + statusErrors;
  }

  /** Reads the {@code TWEETOX ...} line from wrk's standard output. */
  public static WrkResult parse(String wrkOutput) {
    String line = wrkOutput.lines().filter(l -> l.startsWith(LoadScript.MARKER + " ")).findFirst()
        .orElseThrow(() -> new TweetoxException("bench: wrk printed no " + LoadScript.MARKER
            + " summary line; its output was:\n" + wrkOutput));
    Map<String, Long> kv = new HashMap<>();
    for (String part : line.substring(LoadScript.MARKER.length()).trim().split("\\s+")) {
      String[] p = part.split("=", 2);
      try {
        kv.put(p[0], Long.parseLong(p[1]));
      } catch (RuntimeException e) {
        throw new TweetoxException("bench: cannot read '" + part + "' in wrk's summary line: " + line);
      }
    }
    for (String k : new String[] {"requests", "duration_us", "p50_us", "p99_us", "connect", "read", "write",
        "status", "timeout"}) {
      if (!kv.containsKey(k)) {
        throw new TweetoxException("bench: wrk's summary line lacks " + k + ": " + line);
      }
    }
    return new WrkResult(kv.get("requests"), kv.get("duration_us") / 1e6, kv.get("p50_us") / 1e3,
        kv.get("p99_us") / 1e3, kv.get("connect") + kv.get("read") + kv.get("write") + kv.get("timeout"),
        kv.get("status"));
  }
}
