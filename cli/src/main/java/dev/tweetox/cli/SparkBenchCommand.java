package dev.tweetox.cli;

import dev.tweetox.bench.BenchTweets;
import dev.tweetox.io.Progress;
import dev.tweetox.predict.Precision;
import dev.tweetox.spark.EmbeddedSpark;
import dev.tweetox.spark.SparkBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox bench spark}: tweets/s of the Spark transformer per local master, and of one Predictor. */
@Command(name = "spark", mixinStandardHelpOptions = true,
    description = "Score the bundled tweets, repeated to --rows, with the Spark transformer in an embedded session"
        + " per --masters entry, then with one Predictor in this process; prints tweets/s for each.")
public final class SparkBenchCommand implements Callable<Integer> {
  /** More than the bundled file has (about 31,000), so every tweet is used. */
  private static final int ALL_TWEETS = 100_000;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "<bundle>", description = "A bundle from `tweetox"
      + " export`.")
  String model;

  @Option(names = "--rows", defaultValue = "200000", description = "Tweets per measurement (default:"
      + " ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",(?=local)", paramLabel = "<local[n]>",
      description = "Local masters to compare, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> masters;

  @Option(names = "--predictor-rows", paramLabel = "<n>",
      description = "Tweets for the single-process Predictor measurement (default: --rows; 0 skips it).")
  Long predictorRows;

  @Option(names = "--precision", defaultValue = "int8", paramLabel = "<int8|fp32>",
      description = "Transformer precision (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--batch-size", defaultValue = "64", description = "Texts per model call (default:"
      + " ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() {
    Progress.setQuiet(true);
    try {
      SparkBench.run(model, Precision.parse(precision), batchSize, BenchTweets.first(ALL_TWEETS), rows,
          masters, predictorRows != null ? predictorRows : rows, spec.commandLine().getOut());
    } catch (Exception e) { // Scala code throws checked exceptions undeclared
      throw EmbeddedSpark.unwrap(e);
    }
    return 0;
  }
}
