package dev.tweetox.cli;

import ai.djl.ndarray.types.DataType;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.transformer.bench.MatmulPeak;
import dev.tweetox.transformer.bench.TrainingBench;
import dev.tweetox.transformer.training.Threads;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox bench}: matmul peak, BERT training and inference throughput on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {ServeBenchCommand.class, QuantBenchCommand.class,
    SparkBenchCommand.class},
    description = "Measure the float32 matmul peak, BERT-Base training samples/s (a preset's trainable part) and"
        + " inference tweets/s, with achieved GFLOP/s and their ratio to the peak. Uses random weights.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--preset", defaultValue = "default", description = "Preset whose frozen layers and batch size"
      + " are measured (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--threads", description = "libtorch intra-op threads (default: the preset's; 0 = all cores).")
  Integer threads;

  @Option(names = "--batch-size", description = "Training batch size (default: the preset's).")
  Integer batchSize;

  @Option(names = "--frozen-layers", description = "Frozen lower layers (default: the preset's).")
  Integer frozenLayers;

  @Option(names = "--no-cache", description = "Run the frozen layers every step instead of caching them.")
  boolean noCache;

  @Option(names = "--seq-length", defaultValue = "22",
      description = "Tokens per example. The bundled tweets average 20.7 word pieces with [CLS]/[SEP], 21.3 once"
          + " padded in length-bucketed batches of 32 (default: ${DEFAULT-VALUE}).")
  int seqLength;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps after 3 warm-up steps.")
  int steps;

  @Option(names = "--infer-batch", defaultValue = "64", description = "Inference batch size.")
  int inferBatch;

  @Option(names = "--pretrained", description = "Load the real BERT-Base weights for the inference measurement.")
  boolean pretrained;

  @Option(names = "--matmul-size", defaultValue = "1024", description = "n of the n x n x n peak matmuls.")
  int matmul;

  /** Wall-clock GFLOP/s and their share of the peak, then the same per CPU-second (robust to shared cores). */
  private static String versusPeak(TrainingBench.Result r, TrainingBench.Result peak) {
    return String.format(Locale.ROOT, "%.1f GFLOP/s = %.0f%% of peak; per CPU-second %.1f = %.0f%% of peak's;"
        + " %.2f busy cores", r.gflops(), 100 * r.gflops() / peak.gflops(), r.gflopsPerCpuSecond(),
        100 * r.gflopsPerCpuSecond() / peak.gflopsPerCpuSecond(), r.busyCores());
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public Integer call() {
    TransformerConfig p = TransformerConfig.preset(preset);
    int t = threads != null ? threads : p.threads();
    Threads.apply(t);
    int batch = batchSize != null ? batchSize : p.batchSize();
    int frozen = frozenLayers != null ? frozenLayers : p.frozenLayers();
    boolean cached = !noCache && p.freezeEmbeddings();
    BertConfig config = BertConfig.bertBaseUncased(3).withDropout((float) p.hiddenDropout(),
        (float) p.attentionDropout());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "threads: intra-op %s, inter-op %s; cores %d%n",
        System.getProperty("ai.djl.pytorch.num_threads", "default (all cores)"),
        System.getProperty("ai.djl.pytorch.num_interop_threads"), cores());
    out.flush();
    TrainingBench.Result peak = MatmulPeak.measure(matmul, DataType.FLOAT32, 5);
    out.printf(Locale.ROOT, "matmul peak (%dx%dx%d float32): %.1f GFLOP/s (%.1f per CPU-second, %.2f busy cores)%n",
        matmul, matmul, matmul, peak.gflops(), peak.gflopsPerCpuSecond(), peak.busyCores());
    out.flush();
    TrainingBench.Result tr = TrainingBench.train(config, frozen, cached, batch, seqLength, 3, steps);
    out.printf(Locale.ROOT, "training (%d of %d layers trained, frozen %s, batch %d x %d tokens): %.1f samples/s,"
        + " %.2f s/step, %s%n", config.layers() - frozen, config.layers(), cached ? "cached" : "recomputed", batch,
        seqLength, tr.samplesPerSecond(), tr.secondsPerStep(), versusPeak(tr, peak));
    out.flush();
    TrainingBench.Result inf = TrainingBench.infer(config, inferBatch, seqLength, 2, Math.max(3, steps / 4),
        pretrained ? dev.tweetox.transformer.training.WeightsSource.resolve("bert-base-uncased").tensors() : null);
    out.printf(Locale.ROOT, "inference (12 layers, batch %d x %d tokens): %.1f tweets/s, %s%n", inferBatch,
        seqLength, inf.samplesPerSecond(), versusPeak(inf, peak));
    if (peak.busyCores() < 0.9 * Math.min(t > 0 ? t : cores(), cores())) {
      out.println("note: the process got fewer cores than it has threads (other processes share the machine);"
          + " the per-CPU-second ratios are the ones to compare");
    }
    out.flush();
    return 0;
  }
}
