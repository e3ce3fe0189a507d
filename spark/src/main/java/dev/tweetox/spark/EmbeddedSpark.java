package dev.tweetox.spark;

import dev.tweetox.TweetoxException;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A SparkSession inside this process ({@code local[*]} and friends) for the CLI, with Spark's logging quietened to
 * warnings and the web UI off.
 */
public final class EmbeddedSpark {
  /** slf4j-simple loggers (the CLI's binding) set to warnings unless the user set them with -D. */
  private static final Map<String, String> QUIET = Map.of("org.apache.spark", "warn", "org.sparkproject", "warn",
      "org.apache.hadoop", "error", "org.apache.parquet", "warn", "io.netty", "warn", "org.apache.orc", "warn",
      "org.apache.spark.util.Utils", "error");

  private EmbeddedSpark() {}

  /**
   * Starts (or returns the running) local session.
   *
   * @param master {@code local}, {@code local[n]}, {@code local[*]} or {@code local[n,retries]}
   * @throws TweetoxException for a non-local master: a cluster is reached with spark-submit
   */
  public static SparkSession start(String master, String appName) {
    if (!master.matches("local(\\[(\\*|\\d+)(,\\d+)?])?")) {
      throw new TweetoxException("--master must be local, local[n], local[*] or local[n,retries], got '" + master
          + "'; to run on a cluster use spark-submit with spark/target/tweetox-spark.jar (see docs/spark.md)");
    }
    QUIET.forEach((logger, level) -> {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, level);
      }
    });
    int cores = Runtime.getRuntime().availableProcessors();
    return SparkSession.builder().master(master).appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * cores)))
        .getOrCreate();
  }

  /**
   * The tweetox error inside a Spark exception (e.g. a task's), if any, so the CLI prints its one line; Spark's
   * analysis errors (a bad path or column) become one-line tweetox errors; anything else is returned as it is.
   */
  public static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TweetoxException te) {
        return te;
      }
    }
    if (e instanceof org.apache.spark.sql.AnalysisException) {
      return new TweetoxException(e.getMessage().lines().findFirst().orElse(e.toString()), e);
    }
    return e instanceof RuntimeException re ? re : new IllegalStateException(e);
  }
}
