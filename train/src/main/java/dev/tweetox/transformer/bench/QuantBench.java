package dev.tweetox.transformer.bench;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.onnx.Int8Weights;
import dev.tweetox.onnx.OnnxBertModel;
import dev.tweetox.transformer.TransformerModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Float32 vs int8 on one fine-tuned model: test macro-F1, weight-file size and tweets/s (batched and one at a
 * time) for the DJL model, ONNX Runtime float32 and ONNX Runtime int8, plus how often int8 picks the float32 label.
 * Timings include tokenisation, as a caller sees them; every engine gets a warm-up call first.
 */
public final class QuantBench {
  /** One engine's numbers; {@code probs} are the test-set probabilities, kept for agreement checks. */
  public record Measurement(String engine, double macroF1, double accuracy, long modelBytes,
      double tweetsPerSecondBatched, double tweetsPerSecondSingle, double[][] probs) {}

  /**
   * @param batchSize batch for the batched measurement (dynamic padding, length-sorted)
   * @param singleTexts how many texts are scored one per call for the batch-1 rate
   * @param threads ONNX Runtime intra-op threads
   * @param djl whether to measure the DJL model too
   */
  public record Options(int batchSize, int singleTexts, int threads, boolean djl) {}

  private QuantBench() {}

  /**
   * Measures the engines on {@code texts} (cleaned) with gold labels {@code gold}. The int8 weights are written to
   * {@code workDir} (never into {@code modelDir}) and loaded from there, so the measured file is the one served.
   */
  public static List<Measurement> measure(Path modelDir, List<String> texts, int[] gold, LabelSet labels,
      Options o, Path workDir, PrintWriter log) {
    Path int8Dir = withInt8Weights(modelDir, workDir.resolve("int8-model"));
    long fp32Bytes = size(modelDir.resolve(HfBertDirectory.WEIGHTS));
    long int8Bytes = size(int8Dir.resolve(Int8Weights.FILE));
    List<Measurement> out = new ArrayList<>();
    if (o.djl()) {
      out.add(run("DJL fp32", () -> TransformerModel.load(modelDir, o.batchSize()), fp32Bytes, texts, gold, labels,
          o, log));
    }
    out.add(run("ORT fp32", () -> OnnxBertModel.load(modelDir, false, o.batchSize(), o.threads()), fp32Bytes,
        texts, gold, labels, o, log));
    out.add(run("ORT int8", () -> OnnxBertModel.load(int8Dir, true, o.batchSize(), o.threads()), int8Bytes,
        texts, gold, labels, o, log));
    return out;
  }

  private static Measurement run(String engine, Supplier<? extends TextClassifier> load, long bytes,
      List<String> texts, int[] gold, LabelSet labels, Options o, PrintWriter log) {
    log.printf(Locale.ROOT, "%s: loading ...%n", engine);
    log.flush();
    TextClassifier model = load.get();
    try {
      if (!model.labels().equals(labels)) {
        throw new TweetoxException("Model labels " + model.labels().names() + " differ from the data's "
            + labels.names() + "; benchmark the model on the data it was trained for");
      }
      model.predictProba(texts.subList(0, Math.min(texts.size(), 2 * o.batchSize()))); // warm-up
      long t0 = System.nanoTime();
      double[][] probs = model.predictProba(texts);
      double batched = texts.size() / seconds(t0);
      int n = Math.min(o.singleTexts(), texts.size());
      model.predictProba(texts.subList(0, Math.min(5, n)));
      t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        model.predictProba(List.of(texts.get(i)));
      }
      double single = n / seconds(t0);
      Evaluation e = Evaluation.of(gold, probs, labels);
      Measurement m = new Measurement(engine, e.macroF1(), e.accuracy(), bytes, batched, single, probs);
      log.printf(Locale.ROOT, "%s: macro-F1 %.4f, %.1f tweets/s at batch %d, %.1f tweets/s at batch 1%n", engine,
          m.macroF1(), batched, o.batchSize(), single);
      log.flush();
      return m;
    } finally {
      TextClassifier.closeIfNeeded(model);
    }
  }

  /** The comparison table, with ratios against the first ONNX Runtime float32 row. */
  public static String table(List<Measurement> rows, int batchSize) {
    Measurement base = rows.stream().filter(r -> r.engine().equals("ORT fp32")).findFirst().orElse(rows.get(0));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %9s %9s %10s %12s %12s %11s%n", "engine",
        "macro-F1", "accuracy", "size MB", "tw/s b=" + batchSize, "tw/s b=1", "agree fp32"));
    for (Measurement r : rows) {
      sb.append(String.format(Locale.ROOT, "%-9s %9.4f %9.4f %10.1f %12.1f %12.1f %10.2f%%%n", r.engine(),
          r.macroF1(), r.accuracy(), r.modelBytes() / 1e6, r.tweetsPerSecondBatched(), r.tweetsPerSecondSingle(),
          100 * agreement(base.probs(), r.probs())));
    }
    rows.stream().filter(r -> r.engine().equals("ORT int8")).findFirst().ifPresent(q -> sb.append(String.format(
        Locale.ROOT, "int8 vs ORT fp32: macro-F1 %+.4f, size x%.3f, speed x%.2f (batch %d) x%.2f (batch 1),"
            + " max |p diff| %.4f%n", q.macroF1() - base.macroF1(), (double) q.modelBytes() / base.modelBytes(),
        q.tweetsPerSecondBatched() / base.tweetsPerSecondBatched(), batchSize,
        q.tweetsPerSecondSingle() / base.tweetsPerSecondSingle(), maxDiff(base.probs(), q.probs()))));
    return sb.toString();
  }

  /**
   * Each later model against the first, engine by engine (ORT fp32 and int8): macro-F1 difference, size ratio and
   * speed ratios, so a student's speed-up over its teacher reads off one line per engine.
   */
  public static String comparison(List<String> names, List<List<Measurement>> models, int batchSize) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-26s %9s %9s %12s %10s%n", "against "
        + names.get(0), "macro-F1", "size", "speed b=" + batchSize, "speed b=1"));
    for (int k = 1; k < models.size(); k++) {
      for (Measurement m : models.get(k)) {
        Measurement base = models.get(0).stream().filter(b -> b.engine().equals(m.engine())).findFirst()
            .orElse(null);
        if (base == null) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "%-26s %+9.4f %8.3fx %11.2fx %9.2fx%n", names.get(k) + " " + m.engine(),
            m.macroF1() - base.macroF1(), (double) m.modelBytes() / base.modelBytes(),
            m.tweetsPerSecondBatched() / base.tweetsPerSecondBatched(),
            m.tweetsPerSecondSingle() / base.tweetsPerSecondSingle()));
      }
    }
    return sb.toString();
  }

  /** Fraction of rows whose argmax agrees. */
  static double agreement(double[][] a, double[][] b) {
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += Evaluation.argmax(a[i]) == Evaluation.argmax(b[i]) ? 1 : 0;
    }
    return (double) same / a.length;
  }

  private static double maxDiff(double[][] a, double[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
      }
    }
    return max;
  }

  /**
   * A directory holding links to {@code modelDir}'s config, vocabulary and float32 weights plus a freshly written
   * {@value Int8Weights#FILE}, so the model directory itself is left untouched.
   */
  static Path withInt8Weights(Path modelDir, Path dir) {
    try {
      Files.createDirectories(dir);
      for (String f : List.of(HfBertDirectory.CONFIG, HfBertDirectory.VOCAB, HfBertDirectory.WEIGHTS)) {
        Path link = dir.resolve(f);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, modelDir.resolve(f).toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare " + dir + ": " + e.getMessage(), e);
    }
    Int8Weights.write(modelDir, dir.resolve(Int8Weights.FILE));
    return dir;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stat " + file + ": " + e.getMessage(), e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
