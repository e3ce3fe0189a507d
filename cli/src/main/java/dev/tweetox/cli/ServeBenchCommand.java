package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.bench.ServeBench;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox bench serve}: the REST server under wrk load, beside the FLOP limit. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the server in-process on a free loopback port, load it with wrk (one tweet per request"
        + " at each --concurrency, then --batch tweets per request) and print tweets/s, p50/p99 latency, errors and"
        + " peak RSS beside the FLOP-limit throughput measured in the same run; with several --model, each in"
        + " turn and then side by side. Needs wrk (apt-get install wrk).")
public final class ServeBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, split = ",", paramLabel = "<dir>",
      description = "A run directory or bundle. Repeat it (or give a comma-separated list) to measure several models"
          + " one after the other in this run and print them side by side, e.g. the teacher's and the student's"
          + " bundles.")
  List<Path> models;

  @Option(names = "--precision", defaultValue = "fp32", paramLabel = "<fp32|int8>",
      description = "Weights to run (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--duration", defaultValue = "15s", paramLabel = "<Ns>",
      description = "Length of each load run, e.g. 15s or 1m (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--concurrency", defaultValue = "1,8,32", split = ",",
      description = "Connections for the single-tweet runs (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(names = "--batch", defaultValue = "32", description = "Tweets per request in the batched run; 0 skips it"
      + " (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--batch-concurrency", defaultValue = "2",
      description = "Connections in the batched run (default: ${DEFAULT-VALUE}).")
  int batchConcurrency;

  @Option(names = "--micro-batch", defaultValue = "32",
      description = "The server's micro-batch size; 1 disables merging (default: ${DEFAULT-VALUE}).")
  int microBatch;

  @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk executable (default: ${DEFAULT-VALUE}).")
  String wrk;

  @Option(names = "--matmul-size", defaultValue = "1024", description = "n of the n x n x n peak matmuls.")
  int matmulSize;

  @Override
  public Integer call() throws IOException, InterruptedException {
    java.util.Map<Path, List<ServeBench.Row>> results = new java.util.LinkedHashMap<>();
    for (Path model : models) {
      results.put(model, ServeBench.run(new ServeBench.Options(model, precision, parseDuration(duration),
          concurrency, batch, batchConcurrency, microBatch, wrk, matmulSize), spec.commandLine().getOut()));
    }
    if (results.size() > 1) {
      ServeBench.sideBySide(spec.commandLine().getOut(), results);
    }
    return 0;
  }

  static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    } catch (NumberFormatException e) {
      throw new TweetoxException("--duration must look like 15s or 1m, got '" + s + "'");
    }
  }
}
