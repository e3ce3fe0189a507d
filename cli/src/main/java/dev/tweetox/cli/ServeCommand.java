package dev.tweetox.cli;

import dev.tweetox.predict.Precision;
import dev.tweetox.serving.ModelLoader;
import dev.tweetox.serving.PredictionServer;
import dev.tweetox.serving.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox serve}: the REST API and web page in front of a trained model, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a trained model over HTTP: POST /v1/predict, GET /v1/health, GET /v1/model,"
        + " /openapi.json and a web page at /. Stops gracefully on Ctrl-C or SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "<dir>",
      description = "A finished run directory (or an export bundle).")
  Path model;

  @Option(names = "--port", defaultValue = "8080",
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the server to the network).")
  String host;

  @Option(names = "--precision", defaultValue = "fp32", paramLabel = "<fp32|int8>",
      description = "Weights to run (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--max-batch", defaultValue = "64",
      description = "Most texts per request (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-body-bytes", defaultValue = "262144",
      description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--queue", defaultValue = "512",
      description = "Most texts queued for the model; beyond it requests get 503 (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--micro-batch", defaultValue = "32",
      description = "Merge concurrent requests into model calls of up to this many texts; 1 disables"
          + " (default: ${DEFAULT-VALUE}).")
  int microBatch;

  @Option(names = "--drain-seconds", defaultValue = "30",
      description = "On shutdown, how long admitted requests may take to finish (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    ServerConfig cfg = ServerConfig.defaults(port).withHost(host).withLimits(maxBatch, maxBodyBytes, queue)
        .withMicroBatch(microBatch).withDrainSeconds(drainSeconds);
    ModelLoader.Loaded loaded = ModelLoader.open(model, Precision.parse(precision));
    PredictionServer server = PredictionServer.start(loaded.predictor(), loaded.info(), cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tweetox-serve-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("serving %s (%s) on http://%s:%d/ -- Ctrl-C to stop%n", loaded.info().kind(),
        loaded.info().precision(), host, server.port());
    out.flush();
    server.awaitStop();
    return 0;
  }
}
