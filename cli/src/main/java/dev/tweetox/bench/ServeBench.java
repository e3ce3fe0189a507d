package dev.tweetox.bench;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.predict.Precision;
import dev.tweetox.serving.ModelLoader;
import dev.tweetox.serving.PredictionServer;
import dev.tweetox.serving.ServerConfig;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code tweetox bench serve}: starts the server in this process on a free loopback port, loads it with wrk at
 * several concurrencies (one tweet per request) and once with batched requests, and prints tweets/s, p50/p99
 * latency, errors and peak RSS beside the FLOP-limit throughput measured in the same run.
 */
public final class ServeBench {
  /**
   * What to run.
   *
   * @param concurrency open connections per single-tweet run
   * @param batch tweets per request in the batched run; 0 skips it
   * @param batchConcurrency connections in the batched run
   * @param microBatch the server's micro-batch size (1 disables merging), to measure what merging buys
   */
  public record Options(Path model, String precision, Duration duration, List<Integer> concurrency, int batch,
      int batchConcurrency, int microBatch, String wrk, int matmulSize) {}

  /** One row of the table. */
  public record Row(String mode, int connections, int textsPerRequest, WrkResult result) {
    double tweetsPerSecond() {
      return result.requestsPerSecond() * textsPerRequest;
    }
  }

  private static final int TWEETS = 512;

  private ServeBench() {}

  public static List<Row> run(Options o, PrintWriter out) throws IOException, InterruptedException {
    String wrk = findWrk(o.wrk());
    List<String> tweets = BenchTweets.first(TWEETS);
    Path tmp = Files.createTempDirectory("tweetox-bench-serve");
    Path single = tmp.resolve("single.lua");
    AtomicFiles.writeString(single, LoadScript.lua(LoadScript.bodies(tweets, 1)));
    Path batched = tmp.resolve("batch.lua");
    if (o.batch() > 0) {
      AtomicFiles.writeString(batched, LoadScript.lua(LoadScript.bodies(tweets, o.batch())));
    }
    int maxConn = o.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
    // Room for every connection's request plus a full batch, so a correct server never answers 503 here.
    int maxBatch = Math.max(64, o.batch());
    ServerConfig cfg = ServerConfig.defaults(0).withLimits(maxBatch, 1 << 20,
        Math.max(512, maxConn * maxBatch)).withMicroBatch(o.microBatch());
    ModelLoader.Loaded loaded = ModelLoader.open(o.model(), Precision.parse(o.precision()));
    List<Row> rows = new ArrayList<>();
    try (PredictionServer server = PredictionServer.start(loaded.predictor(), loaded.info(), cfg)) {
      String url = "http://127.0.0.1:" + server.port() + "/v1/predict";
      out.printf(Locale.ROOT, "bench serve: %s (%s) on %s, micro-batch %d, %d cores, load average %.1f before"
          + " start%n", loaded.info().kind(), loaded.info().precision(), url, o.microBatch(),
          Runtime.getRuntime().availableProcessors(), loadAverage());
      out.flush();
      warmUp(url, tweets, o.batch());
      for (int c : o.concurrency()) {
        rows.add(new Row("single", c, 1, wrk(wrk, url, single, c, o.duration())));
        print(out, rows.get(rows.size() - 1), null);
      }
      if (o.batch() > 0) {
        rows.add(new Row("batch" + o.batch(), o.batchConcurrency(), o.batch(),
            wrk(wrk, url, batched, o.batchConcurrency(), o.duration())));
        print(out, rows.get(rows.size() - 1), null);
      }
      out.printf(Locale.ROOT, "model calls %d for %d tweets%n",
          server.queue().modelCalls(), server.queue().textsPredicted());
    }
    long rssKib = peakRssKib();
    Optional<Path> bert = FlopLimit.bertDirectory(o.model());
    FlopLimit limit = bert.map(b -> FlopLimit.measure(o.model(), b, tweets, o.matmulSize(), 3)).orElse(null);
    table(out, rows, limit, rssKib);
    return rows;
  }

  /**
   * Several models' rows (from {@link #run}, in the same order of modes) side by side: tweets/s and p50 of each,
   * and each model's throughput relative to the first's.
   */
  public static void sideBySide(PrintWriter out, java.util.Map<Path, List<Row>> results) {
    List<Path> models = List.copyOf(results.keySet());
    List<Row> first = results.get(models.get(0));
    out.println();
    out.println("side by side (tweets/s, p50 ms; x = throughput relative to " + label(models.get(0)) + "):");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s %5s", "mode", "conns"));
    models.forEach(m -> head.append(String.format(Locale.ROOT, " %24s", label(m))));
    out.println(head);
    for (int i = 0; i < first.size(); i++) {
      Row base = first.get(i);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %5d", base.mode(),
          base.connections()));
      for (Path m : models) {
        Row r = results.get(m).get(i);
        double x = base.tweetsPerSecond() > 0 ? r.tweetsPerSecond() / base.tweetsPerSecond() : Double.NaN;
        line.append(String.format(Locale.ROOT, " %9.1f %6.0f ms %5.2fx", r.tweetsPerSecond(),
            r.result().p50Millis(), x));
      }
      out.println(line);
    }
    out.println("(peak RSS above is per process: a later model's figure includes the earlier ones')");
    out.flush();
  }

  private static String label(Path model) {
    Path name = model.toAbsolutePath().normalize().getFileName();
    String s = name == null ? model.toString() : name.toString();
    return s.length() > 24 ? s.substring(s.length() - 24) : s;
  }

  private static void table(PrintWriter out, List<Row> rows, FlopLimit limit, long rssKib) {
    out.println();
    out.printf(Locale.ROOT, "%-8s %5s %9s %9s %9s %9s %7s %9s%n", "mode", "conns", "req/s", "tweets/s", "p50 ms",
        "p99 ms", "errors", "of limit");
    rows.forEach(r -> print(out, r, limit));
    out.printf(Locale.ROOT, "peak RSS (VmHWM of this JVM): %.0f MiB%n", rssKib / 1024.0);
    if (limit == null) {
      out.println("FLOP limit: n/a (no BERT in this model directory; the baseline is not FLOP-bound)");
    } else {
      out.printf(Locale.ROOT, "FLOP limit: matmul peak %.1f GFLOP/s / (%.2f GFLOP per tweet at %.1f word pieces,"
          + " %d layers, hidden %d) = %.1f tweets/s%n", limit.peakGflops(), limit.flopsPerTweet() / 1e9,
          limit.meanTokens(), limit.config().layers(), limit.config().hidden(), limit.tweetsPerSecond());
    }
    out.flush();
  }

  private static void print(PrintWriter out, Row r, FlopLimit limit) {
    WrkResult w = r.result();
    if (w.requests() == 0) {
      out.printf(Locale.ROOT, "%-8s %5d   no request finished within the run; raise --duration%n", r.mode(),
          r.connections());
      out.flush();
      return;
    }
    String share = limit == null ? "-" : String.format(Locale.ROOT, "%.0f%%",
        100 * r.tweetsPerSecond() / limit.tweetsPerSecond());
    out.printf(Locale.ROOT, "%-8s %5d %9.2f %9.2f %9.0f %9.0f %7d %9s%n", r.mode(), r.connections(),
        w.requestsPerSecond(), r.tweetsPerSecond(), w.p50Millis(), w.p99Millis(), w.errors(), share);
    out.flush();
  }

  /** A few sequential requests first, so JIT compilation and libtorch's first calls are not measured. */
  private static void warmUp(String url, List<String> tweets, int batch) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    List<String> bodies = new ArrayList<>(LoadScript.bodies(tweets.subList(0, 3), 1));
    if (batch > 0) {
      bodies.add(LoadScript.bodies(tweets, batch).get(0));
    }
    for (String b : bodies) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new TweetoxException("bench: warm-up request failed with HTTP " + r.statusCode() + ": " + r.body());
      }
    }
  }

  static WrkResult wrk(String wrk, String url, Path script, int connections, Duration d)
      throws IOException, InterruptedException {
    int threads = Math.min(2, connections);
    long secs = Math.max(1, d.toSeconds());
    ProcessBuilder pb = new ProcessBuilder(wrk, "-t", Integer.toString(threads), "-c", Integer.toString(connections),
        "-d", secs + "s", "--timeout", Math.max(30, 2 * secs) + "s", "-s", script.toString(), url).redirectErrorStream(true);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(secs + 60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new TweetoxException("bench: wrk did not finish within " + (secs + 60) + " s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new TweetoxException("bench: wrk exited with " + p.exitValue() + ":\n" + text);
    }
    return WrkResult.parse(text);
  }

  /** The wrk executable: a path, or a name looked up on PATH; says how to install it when missing. */
  static String findWrk(String wrk) {
    if (wrk.contains(File.separator)) {
      if (Files.isExecutable(Path.of(wrk))) {
        return wrk;
      }
    } else {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, wrk))) {
          return Path.of(dir, wrk).toString();
        }
      }
    }
    throw new TweetoxException("bench serve: '" + wrk + "' not found; install wrk (Debian/Ubuntu: sudo apt-get"
        + " install wrk; macOS: brew install wrk) or pass its path with --wrk");
  }

  /** Peak resident set size of this JVM, from /proc/self/status (0 where /proc is missing). */
  static long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
