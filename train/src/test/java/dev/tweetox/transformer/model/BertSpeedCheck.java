package dev.tweetox.transformer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.pretrained.EasyBertArtifact;
import dev.tweetox.transformer.pretrained.PretrainedBert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures load time and CPU throughput of full BERT-Base. Run with the test classpath, e.g.
 * {@code java -Dai.djl.offline=true -Dtweetox.cache=DIR -cp target/classes:target/test-classes:CP
 * dev.tweetox.transformer.model.BertSpeedCheck [batches]}.
 */
public final class BertSpeedCheck {
  private BertSpeedCheck() {}

  public static void main(String[] args) {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long t0 = System.nanoTime();
    Path dir = EasyBertArtifact.directory();
    long t1 = System.nanoTime();
    PretrainedBert pretrained = PretrainedBert.open(dir);
    WordPieceTokenizer tok = new WordPieceTokenizer(pretrained.vocabulary());
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = new BertClassifier(pretrained.config(2));
      Shape any = new Shape(1, 4);
      model.initialize(root, DataType.FLOAT32, any, any, any);
      long t2 = System.nanoTime();
      pretrained.loadInto(model.namedParameters());
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "extract-or-find %.2fs, open+init %.2fs, load weights %.2fs, total %.2fs%n",
          sec(t1 - t0), sec(t2 - t1), sec(t3 - t2), sec(t3 - t0));

      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        texts.add("@user i can't believe how good this new phone is, totally worth the money #" + i + " lol");
      }
      EncodedBatch batch = tok.encodeBatch(texts, 128);
      System.out.println("batch " + batch.batchSize() + " x " + batch.seqLength() + " tokens; threads: intra "
          + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", inter "
          + System.getProperty("ai.djl.pytorch.num_interop_threads", "default"));
      if (Boolean.getBoolean("bench.freeze")) {
        model.freezeParameters(true); // parameters then need no gradient, so no autograd graph is recorded
      }
      infer(model, root, batch, 2);
      long s = System.nanoTime();
      long cpu = cpuNanos();
      infer(model, root, batch, batches);
      double secs = sec(System.nanoTime() - s);
      System.out.printf(Locale.ROOT, "inference (frozen=%s): %.1f sentences/s (%.3fs wall, %.3fs process CPU per"
          + " batch of 32)%n", Boolean.getBoolean("bench.freeze"), batches * 32 / secs, secs / batches,
          sec(cpuNanos() - cpu) / batches);
      if (!Boolean.getBoolean("bench.train")) {
        return;
      }
      model.freezeParameters(false);
      s = System.nanoTime();
      int steps = Math.max(2, batches / 3);
      for (int i = 0; i < steps; i++) {
        try (NDManager m = root.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDList in = model.forward(new ParameterStore(m, false), inputs(m, batch), true);
          gc.backward(in.singletonOrThrow().square().mean());
        }
      }
      secs = sec(System.nanoTime() - s);
      System.out.printf(Locale.ROOT, "train forward+backward (dropout on, no optimizer): %.1f sentences/s"
          + " (%.3fs per batch of 32)%n", steps * 32 / secs, secs / steps);
    }
  }

  private static void infer(BertClassifier model, NDManager root, EncodedBatch batch, int n) {
    for (int i = 0; i < n; i++) {
      try (NDManager m = root.newSubManager()) {
        NDArray logits = model.forward(new ParameterStore(m, false), inputs(m, batch), false).singletonOrThrow();
        logits.toFloatArray();
      }
    }
  }

  private static NDList inputs(NDManager m, EncodedBatch b) {
    return BertInputs.of(m, b);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double sec(long nanos) {
    return nanos / 1e9;
  }
}
