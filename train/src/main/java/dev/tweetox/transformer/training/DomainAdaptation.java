package dev.tweetox.transformer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.io.Hashes;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertEncoder;
import dev.tweetox.transformer.model.BertMaskedLm;
import dev.tweetox.transformer.pretrained.BertWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Domain-adaptive masked-language-model training (Gururangan et al. 2020, "Don't stop pretraining"): before
 * fine-tuning, the upper layers that fine-tuning trains learn to fill in masked word pieces of the training tweets,
 * through BERT's own MLM head. The embeddings and the frozen lower layers are left as they are, so the fine-tune's
 * frozen-layer cache (keyed by their values) stays valid, and the lower part runs without a graph. The result is a
 * Hugging Face BERT directory that fine-tuning starts from; {@value #DONE} beside it records what it was trained on,
 * and a rerun with the same inputs reuses it.
 */
public final class DomainAdaptation {
  /** Share of real word pieces chosen for prediction; of those 80% become [MASK], 10% a random token, 10% stay. */
  public static final double MASK_RATE = 0.15;
  static final double WARMUP = 0.06;
  static final String DONE = "adaptation.json";

  /** The adapted weights, and the mean masked-LM loss over the first and the last tenth of the steps. */
  public record Result(Path dir, int steps, double firstLoss, double lastLoss, boolean reused) {}

  /** A batch with some word pieces masked: the model's input ids, and where (row * seq + t) to predict what. */
  record Masked(long[] ids, int[] positions, int[] targets) {}

  private DomainAdaptation() {}

  /**
   * Trains {@code cfg.mlmEpochs()} passes over {@code texts} at {@code cfg}'s learning rate (linear schedule, 6%
   * warmup), batch size, length and frozen layers, and writes the encoder to {@code outDir}.
   */
  public static Result adapt(TransformerConfig cfg, long seed, List<String> texts, Path outDir, PrintWriter log) {
    WeightsSource source = WeightsSource.resolve(cfg.weights());
    String fingerprint = fingerprint(cfg, seed, source.name(), texts);
    JsonNode done = readDone(outDir);
    if (done != null && fingerprint.equals(done.path("fingerprint").asText())
        && Files.isRegularFile(outDir.resolve(HfBertDirectory.CONFIG))) {
      log.println("transformer: domain adaptation already done in " + outDir + "; reusing it");
      log.flush();
      return new Result(outDir, done.path("steps").asInt(), done.path("firstLoss").asDouble(),
          done.path("lastLoss").asDouble(), true);
    }
    long t0 = System.nanoTime();
    Vocabulary vocab = source.vocab();
    TokenizedSet set = TokenizedSet.of(new WordPieceTokenizer(vocab), texts, new int[texts.size()], cfg.maxLength());
    int perEpoch = (set.size() + cfg.batchSize() - 1) / cfg.batchSize();
    int steps = Math.max(1, (int) Math.round(cfg.mlmEpochs() * perEpoch));
    List<int[]> batches = new ArrayList<>();
    for (int epoch = 0; batches.size() < steps; epoch++) {
      batches.addAll(LengthBatcher.epoch(set.lengths(), cfg.batchSize(), seed, epoch,
          LengthBatcher.DEFAULT_CHUNK_BATCHES));
    }
    log.printf(Locale.ROOT, "transformer: domain adaptation (masked LM) of layers %d-%d on %d tweets, %d steps"
        + " (%.2f epochs) of batch %d%n", cfg.frozenLayers(), source.config().layers() - 1, set.size(), steps,
        cfg.mlmEpochs(), cfg.batchSize());
    log.flush();
    Threads.apply(cfg.threads());
    Engine.getInstance().setRandomSeed((int) seed);
    Random rng = new Random(seed * 31 + 17);
    double[] losses = new double[steps];
    try (NDManager root = NDManager.newBaseManager()) {
      BertMaskedLm model = new BertMaskedLm(source.config().withDropout((float) cfg.hiddenDropout(),
          (float) cfg.attentionDropout()));
      Shape any = new Shape(1, 4); // parameters have fixed shapes; the input shape only satisfies the API
      model.initialize(root, DataType.FLOAT32, any, any, any);
      BertWeights.LoadReport loaded = BertWeights.load(model.namedParameters(), source.tensors())
          .requireLoaded(List.of("cls."));
      if (!loaded.missing().isEmpty()) {
        log.println("transformer: " + source.name() + " has no masked-LM head; it starts from random weights");
      }
      model.encoder().setFrozen(cfg.frozenLayers(), true);
      Map<String, Parameter> trainable = new LinkedHashMap<>();
      model.namedParameters().forEach((name, p) -> {
        if (name.startsWith("bert.pooler.")) {
          p.freeze(true); // the masked-LM loss does not reach the pooler
        } else if (p.requiresGradient()) {
          trainable.put(name, p);
        }
      });
      LinearSchedule schedule = LinearSchedule.of(cfg.learningRate(), WARMUP, steps);
      try (AdamW optimizer = new AdamW(trainable, cfg.weightDecay(), root);
          Progress bar = Progress.start("domain adaptation", steps, "steps")) {
        for (int step = 0; step < steps; step++) {
          EncodedBatch batch = set.batch(batches.get(step));
          losses[step] = step(model, cfg, mask(batch, vocab, rng), batch, optimizer, schedule.lr(step), root);
          bar.step();
          bar.message(String.format(Locale.ROOT, "loss %.3f", losses[step]));
        }
      }
      write(outDir, model, source);
    }
    int tenth = Math.max(1, steps / 10);
    Result r = new Result(outDir, steps, mean(losses, 0, tenth), mean(losses, steps - tenth, steps), false);
    writeDone(outDir, fingerprint, r);
    log.printf(Locale.ROOT, "transformer: domain adaptation done in %.0f s, masked-LM loss %.3f -> %.3f (first and"
        + " last tenth of steps); saved to %s%n", (System.nanoTime() - t0) / 1e9, r.firstLoss(), r.lastLoss(),
        outDir);
    log.flush();
    return r;
  }

  /** One AdamW update; returns the loss, or NaN for a batch with nothing to predict (then no update). */
  private static double step(BertMaskedLm model, TransformerConfig cfg, Masked masked, EncodedBatch batch,
      AdamW optimizer, double lr, NDManager root) {
    if (masked.positions().length == 0) {
      return Double.NaN;
    }
    BertEncoder encoder = model.encoder();
    int hidden = encoder.config().hidden();
    int cells = batch.batchSize() * batch.seqLength();
    double loss;
    try (NDManager m = root.newSubManager()) {
      Shape shape = new Shape(batch.batchSize(), batch.seqLength());
      NDList in = new NDList(m.create(masked.ids(), shape), m.create(batch.typeIds(), shape),
          m.create(batch.attentionMask(), shape));
      ParameterStore ps = new ParameterStore(m, false);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        // The frozen part in inference mode: no graph, one layer's temporaries at a time.
        NDArray lower = encoder.forwardLower(ps, in, cfg.frozenLayers(), false);
        NDArray sequence = encoder.forwardUpper(ps, lower, in.get(2), cfg.frozenLayers(), true).get(0);
        // Picks the masked positions by a one-hot product: [M, B*T] x [B*T, H], differentiable and cheap.
        NDArray pick = m.create(masked.positions()).oneHot(cells).toType(DataType.FLOAT32, false);
        NDArray chosen = pick.matMul(sequence.reshape(cells, hidden));
        NDArray logits = model.head().forward(ps, new NDList(chosen), true).singletonOrThrow();
        NDArray l = Losses.crossEntropy(m, logits, masked.targets(), null);
        gc.backward(l);
        loss = l.getFloat();
      }
      optimizer.clippedStep(lr, cfg.maxGradNorm());
    }
    return loss;
  }

  /** BERT's masking of the real word pieces ([CLS], [SEP] and padding are never chosen). */
  static Masked mask(EncodedBatch batch, Vocabulary vocab, Random rng) {
    long[] ids = batch.ids().clone();
    List<Integer> positions = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    int seq = batch.seqLength();
    for (int row = 0; row < batch.batchSize(); row++) {
      for (int t = 0; t < batch.lengths()[row]; t++) {
        int at = row * seq + t;
        int id = (int) ids[at];
        if (id == vocab.clsId() || id == vocab.sepId() || id == vocab.padId() || rng.nextDouble() >= MASK_RATE) {
          continue;
        }
        positions.add(at);
        targets.add(id);
        double r = rng.nextDouble();
        if (r < 0.8) {
          ids[at] = vocab.maskId();
        } else if (r < 0.9) {
          ids[at] = rng.nextInt(vocab.size());
        }
      }
    }
    return new Masked(ids, positions.stream().mapToInt(Integer::intValue).toArray(),
        targets.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The encoder only ({@code bert.*}): a plain BERT directory, written beside and then renamed into place. */
  private static void write(Path outDir, BertMaskedLm model, WeightsSource source) {
    Map<String, Parameter> encoder = new LinkedHashMap<>(model.namedParameters());
    encoder.keySet().removeIf(n -> !n.startsWith("bert."));
    Path tmp = outDir.resolveSibling(outDir.getFileName() + ".tmp");
    try {
      AtomicFiles.deleteTree(tmp);
      HfBertDirectory.write(tmp, source.config(), source.vocab(), BertWeights.view(encoder), List.of(),
          Map.of("tweetox_adapted_from", source.name()));
      Checkpoints.replace(tmp, outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the adapted weights to " + outDir + ": " + e.getMessage(), e);
    }
  }

  private static String fingerprint(TransformerConfig cfg, long seed, String weights, List<String> texts) {
    StringBuilder sb = new StringBuilder();
    sb.append(weights).append('|').append(cfg.mlmEpochs()).append('|').append(cfg.frozenLayers()).append('|')
        .append(cfg.maxLength()).append('|').append(cfg.batchSize()).append('|').append(cfg.learningRate())
        .append('|').append(cfg.weightDecay()).append('|').append(cfg.maxGradNorm()).append('|')
        .append(cfg.hiddenDropout()).append('|').append(cfg.attentionDropout()).append('|').append(seed)
        .append('\n');
    texts.forEach(t -> sb.append(t).append('\n'));
    return Hashes.sha256(sb.toString());
  }

  private static JsonNode readDone(Path outDir) {
    Path file = outDir.resolve(DONE);
    try {
      return Files.isRegularFile(file) ? ConfigLoader.json().readTree(file.toFile()) : null;
    } catch (IOException e) {
      return null; // unreadable: adapt again, which rewrites it
    }
  }

  private static void writeDone(Path outDir, String fingerprint, Result r) {
    ObjectNode n = ConfigLoader.json().createObjectNode();
    n.put("fingerprint", fingerprint);
    n.put("steps", r.steps());
    n.put("firstLoss", r.firstLoss());
    n.put("lastLoss", r.lastLoss());
    try {
      AtomicFiles.writeString(outDir.resolve(DONE), ConfigLoader.json().writerWithDefaultPrettyPrinter()
          .writeValueAsString(n) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double mean(double[] xs, int from, int to) {
    return java.util.Arrays.stream(xs, from, to).filter(Double::isFinite).average().orElse(Double.NaN);
  }
}
