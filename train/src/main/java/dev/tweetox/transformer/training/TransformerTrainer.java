package dev.tweetox.transformer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.pretrained.BertWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Fine-tunes a BERT classifier: loads the starting weights, freezes the configured lower part (caching its outputs
 * when asked), runs {@link TrainingLoop}, and leaves the best model by validation macro-F1 as a Hugging Face-style
 * directory {@code <outDir>/model}. A run directory holding a matching {@code checkpoint-last} is resumed.
 */
public final class TransformerTrainer {
  /** Sub-directory of the output directory holding the best model. */
  public static final String MODEL_DIR = "model";

  /**
   * Knobs that are not part of the model config.
   *
   * @param cachePrecision storage of cached frozen-layer outputs
   * @param logEvery steps between metric-log rows
   * @param checkpointSeconds wall time between resumable checkpoints (they are also written at each evaluation)
   * @param checkpointSteps also checkpoint every N steps; 0 = only by time and at evaluations
   * @param stopAfterSteps test hook simulating a kill: return after this many steps without saving; 0 = off
   * @param chunkBatches batches per length-sorted chunk, see {@link LengthBatcher}
   * @param cachePool frozen-layer caches shared with earlier trainings in this process, or null for none
   * @param cacheDir where the frozen-layer cache files go ({@link FrozenCacheFile}, reused by a rerun), or null to
   *     keep the cache on the heap; files need a 16-bit {@code cachePrecision}
   * @param distillation a teacher's soft labels, one row per training example, to train a student; null for none
   */
  public record Options(FrozenCache.Precision cachePrecision, int logEvery, double checkpointSeconds,
      int checkpointSteps, int stopAfterSteps, int chunkBatches, FrozenCachePool cachePool, Path cacheDir,
      Distillation distillation) {
    public Options {
      if (cacheDir != null && cachePrecision == FrozenCache.Precision.FLOAT32) {
        throw new IllegalArgumentException("frozen-cache files store float16 or bfloat16, not float32");
      }
    }

    public static Options defaults() {
      return new Options(FrozenCache.Precision.FLOAT32, 20, 300, 0, 0, LengthBatcher.DEFAULT_CHUNK_BATCHES, null,
          null, null);
    }

    public Options withStopAfterSteps(int n) {
      return new Options(cachePrecision, logEvery, checkpointSeconds, checkpointSteps, n, chunkBatches, cachePool,
          cacheDir, distillation);
    }

    public Options withCheckpointSteps(int n) {
      return new Options(cachePrecision, logEvery, checkpointSeconds, n, stopAfterSteps, chunkBatches, cachePool,
          cacheDir, distillation);
    }

    public Options withCachePool(FrozenCachePool pool) {
      return new Options(cachePrecision, logEvery, checkpointSeconds, checkpointSteps, stopAfterSteps, chunkBatches,
          pool, cacheDir, distillation);
    }

    public Options withDistillation(Distillation d) {
      return new Options(cachePrecision, logEvery, checkpointSeconds, checkpointSteps, stopAfterSteps, chunkBatches,
          cachePool, cacheDir, d);
    }

    /** Keeps the frozen-layer cache in memory-mapped files under {@code dir}, stored as {@code precision}. */
    public Options withCacheFiles(Path dir, FrozenCache.Precision precision) {
      return new Options(precision, logEvery, checkpointSeconds, checkpointSteps, stopAfterSteps, chunkBatches,
          cachePool, dir, distillation);
    }
  }

  /** The outcome: where the best model is, the final state, and whether the stop hook cut training short. */
  public record Result(Path modelDir, TrainingState state, boolean interrupted, int trainExamples,
      double seconds, Optional<FrozenCache> valCache) {}

  private static final AtomicBoolean TORCH_NOTE_SHOWN = new AtomicBoolean();

  private TransformerTrainer() {}

  /**
   * Trains, or resumes or reuses the training in {@code outDir}.
   *
   * @param extra listeners called after the built-in ones (progress, metric log, best model, early stopping) and
   *     before the checkpoint, e.g. the tuner's pruning
   */
  public static Result train(TransformerConfig cfg, long seed, TrainingData data, Path outDir, PrintWriter log,
      Options opt, TrainingListener... extra) {
    long t0 = System.nanoTime();
    String who = opt.distillation() == null ? "transformer" : "student"; // how every log line names the model
    Threads.apply(cfg.threads());
    WeightsSource source = WeightsSource.resolve(cfg.weights());
    if (cfg.frozenLayers() > source.config().layers()) {
      throw new TweetoxException("transformer.frozenLayers is " + cfg.frozenLayers() + " but " + source.name()
          + " has " + source.config().layers() + " layers; use 0.." + source.config().layers());
    }
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(source.vocab());
    int[] subset = Subsets.stratified(data.trainLabels(), cfg.trainFraction(), seed);
    List<String> trainTexts = java.util.Arrays.stream(subset).mapToObj(data.trainTexts()::get).toList();
    int[] trainLabels = java.util.Arrays.stream(subset).map(i -> data.trainLabels()[i]).toArray();
    if (opt.distillation() != null && opt.distillation().teacherProbs().length != data.trainTexts().size()) {
      throw new IllegalArgumentException("distillation has " + opt.distillation().teacherProbs().length
          + " soft labels for " + data.trainTexts().size() + " training texts");
    }
    Distillation distillation = opt.distillation() == null ? null : opt.distillation().subset(subset);
    TokenizedSet train = TokenizedSet.of(tokenizer, trainTexts, trainLabels, cfg.maxLength());
    TokenizedSet val = TokenizedSet.of(tokenizer, data.valTexts(), data.valLabels(), cfg.maxLength());
    String fingerprint = fingerprint(cfg, seed, opt, trainTexts, trainLabels, data);
    int stepsPerEpoch = (train.size() + cfg.batchSize() - 1) / cfg.batchSize();
    LinearSchedule schedule = LinearSchedule.of(cfg.learningRate(), cfg.warmupRatio(), cfg.epochs() * stepsPerEpoch);
    BertConfig bertConfig = source.config().withNumLabels(data.labels().size())
        .withDropout((float) cfg.hiddenDropout(), (float) cfg.attentionDropout());
    log.printf(Locale.ROOT, "%s: %s, %d of %d layers frozen%s, %d training tweets (fraction %.2f,"
        + " mean %.1f word pieces), %d validation, %d epochs x %d steps of batch %d%n", who, source.name(),
        cfg.frozenLayers(), bertConfig.layers(), cfg.freezeEmbeddings() ? " + embeddings" : "", train.size(),
        cfg.trainFraction(), java.util.Arrays.stream(train.lengths()).average().orElse(0), val.size(),
        cfg.epochs(), stepsPerEpoch, cfg.batchSize());
    if (cfg.layerDecay() < 1 || cfg.dropoutSamples() > 1 || cfg.averageLast() > 0) {
      log.printf(Locale.ROOT, "%s: layer-wise rate decay %.2f, %d dropout sample(s), weights averaged over"
          + " the last %.0f%% of steps%n", who, cfg.layerDecay(), cfg.dropoutSamples(), 100 * cfg.averageLast());
    }
    log.flush();

    Optional<Checkpoints.Loaded> checkpoint = Checkpoints.read(outDir);
    if (checkpoint.isPresent() && !checkpoint.get().state().fingerprint().equals(fingerprint)) {
      throw new TweetoxException(checkpoint.get().dir() + " was written for another config or data; delete it"
          + " (or use another --run-dir) to train from scratch");
    }
    Path modelDir = outDir.resolve(MODEL_DIR);
    if (checkpoint.isPresent() && checkpoint.get().state().finished()
        && Files.isRegularFile(modelDir.resolve(HfBertDirectory.CONFIG))) {
      log.println(who + ": " + outDir + " already holds this finished training; reusing " + modelDir);
      log.flush();
      return new Result(modelDir, checkpoint.get().state(), false, train.size(), 0, Optional.empty());
    }

    noteTorchWarning();
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(bertConfig, root);
      BertWeights.load(model.namedParameters(), source.tensors()).requireLoaded(List.of("classifier."));
      model.setFrozen(cfg.frozenLayers(), cfg.freezeEmbeddings());
      model.setDropoutSamples(cfg.dropoutSamples());
      Map<String, Parameter> trainable = new LinkedHashMap<>();
      model.namedParameters().forEach((name, p) -> {
        if (p.requiresGradient()) {
          trainable.put(name, p);
        }
      });
      Map<String, Double> rates = LayerDecay.scales(trainable.keySet(), bertConfig.layers(), cfg.layerDecay());
      try (AdamW optimizer = new AdamW(trainable, rates, cfg.weightDecay(), root)) {
        TrainingState start = TrainingState.fresh(fingerprint);
        if (checkpoint.isPresent()) {
          Checkpoints.Loaded c = checkpoint.get();
          BertWeights.load(trainable, c.trainable()).requireLoaded(List.of());
          optimizer.restore(c.optimizer(), c.state().step(), c.dir().toString());
          start = c.state();
          log.printf(Locale.ROOT, "%s: resuming from %s at step %d (epoch %d, batch %d)%n", who, c.dir(),
              start.step(), start.epoch(), start.batchInEpoch());
          log.flush();
        }
        Paths paths = cfg.cacheFrozen()
            ? cachedPaths(model, cfg, source, train, val, opt, root, log, t0)
            : new Paths(ForwardPath.full(model, train), ForwardPath.full(model, val), null);
        float[] weights = cfg.classWeight() == TransformerConfig.ClassWeight.BALANCED
            ? Losses.balancedWeights(trainLabels, data.labels().size()) : null;
        Supplier<MetricLog.Validation> validation =
            () -> Scoring.validate(paths.val(), val.labels(), data.labels(), cfg.evalBatchSize(), root);
        TrainingLoop.Setup setup = new TrainingLoop.Setup(cfg, seed, opt, schedule,
            new BatchStep(paths.train(), train.labels(), weights, optimizer, cfg.maxGradNorm(), root, distillation),
            validation, who, log);
        Runnable saveModel = () -> writeModel(modelDir, model, source, data, cfg.maxLength());
        MetricLog metrics = MetricLog.open(outDir.resolve(MetricLog.FILE), start.step());
        List<TrainingListener> listeners = new ArrayList<>(List.of(
            new ProgressReport((long) cfg.epochs() * stepsPerEpoch),
            new MetricLogWriter(metrics, opt.logEvery()),
            new ValidationReport(who, log),
            new BestModelSaver(saveModel),
            new EarlyStopping(cfg.patience())));
        listeners.addAll(List.of(extra));
        Supplier<TensorSource> optimizerState = optimizer::state;
        if (cfg.averageLast() > 0) {
          // after every listener that may stop training, before the checkpoint that records the outcome
          WeightAverage average = new WeightAverage(trainable, WeightAverage.firstStep(cfg.epochs() * stepsPerEpoch,
              cfg.averageLast()), validation, saveModel, who, log, root);
          checkpoint.ifPresent(c -> average.restore(c.optimizer(), c.state().step()));
          listeners.add(average);
          optimizerState = () -> ArrayTensors.concat(optimizer.state(), average.state());
        }
        listeners.add(new CheckpointWriter(outDir, BertWeights.view(trainable), optimizerState, metrics,
            opt.checkpointSeconds(), opt.checkpointSteps()));
        TrainingState end = new TrainingLoop(setup, listeners).run(start);
        boolean interrupted = !end.finished();
        return new Result(modelDir, end, interrupted, train.size(), (System.nanoTime() - t0) / 1e9,
            Optional.ofNullable(paths.valCache()));
      }
    }
  }

  /** How training and validation batches become logits; {@code valCache} is null without a frozen cache. */
  private record Paths(ForwardPath train, ForwardPath val, FrozenCache valCache) {}

  private static Paths cachedPaths(BertClassifier model, TransformerConfig cfg, WeightsSource source,
      TokenizedSet train, TokenizedSet val, Options opt, NDManager root, PrintWriter log, long t0) {
    int hits = opt.cachePool() == null ? 0 : opt.cachePool().hits();
    // the frozen part is the pretrained weights run without dropout (cacheFrozen needs frozen embeddings), so its
    // output depends only on what the keys hold; files are keyed by the weights' values, the pool by their name
    String weights = opt.cacheDir() == null ? source.name() : source.frozenDigest(cfg.frozenLayers());
    FrozenCache tc = frozenCache(model, cfg, weights, train, opt, root, log, "train");
    FrozenCache vc = frozenCache(model, cfg, weights, val, opt, root, log, "val");
    int reused = (opt.cachePool() == null ? 0 : opt.cachePool().hits() - hits) + (tc.reused() ? 1 : 0)
        + (vc.reused() ? 1 : 0);
    log.printf(Locale.ROOT, "transformer: %s frozen outputs (%.0f MB, %s%s) after %.0f s%n",
        reused >= 2 ? "reused the cached" : reused == 1 ? "cached (half reused)" : "cached",
        (tc.bytes() + vc.bytes()) / 1e6, tc.precision().name().toLowerCase(Locale.ROOT),
        opt.cacheDir() == null ? " on the heap" : ", memory-mapped", (System.nanoTime() - t0) / 1e9);
    log.flush();
    return new Paths(ForwardPath.cached(model, tc, train.lengths()), ForwardPath.cached(model, vc, val.lengths()),
        vc);
  }

  private static FrozenCache frozenCache(BertClassifier model, TransformerConfig cfg, String weights,
      TokenizedSet data, Options opt, NDManager root, PrintWriter log, String what) {
    int layers = cfg.frozenLayers();
    java.util.function.Supplier<FrozenCache> build = opt.cacheDir() == null
        ? () -> FrozenCache.build(model, layers, data, cfg.evalBatchSize(), opt.cachePrecision(), root, what)
        : () -> FrozenCacheFile.loadOrBuild(opt.cacheDir().resolve(FrozenCacheFile.fileName(what)),
            new FrozenCacheFile.Spec(FrozenCacheFile.key(weights, layers, cfg.maxLength(), opt.cachePrecision(),
                data), layers, model.config().hidden(), opt.cachePrecision(), data.lengths()),
            sink -> FrozenCache.compute(model, layers, data, cfg.evalBatchSize(), root, what, sink), log);
    if (opt.cachePool() == null) {
      return build.get();
    }
    return opt.cachePool().get(FrozenCachePool.key(weights, layers, opt.cachePrecision(), data), build);
  }

  /**
   * libtorch prints "AutoNonVariableTypeMode is deprecated" once per process: DJL's JNI uses that guard to copy
   * weights into parameters, and nothing turns it off from Java (TORCH_CPP_LOG_LEVEL is read only by
   * c10::initLogging, which DJL never calls). Say once that it is harmless, before it appears.
   */
  private static void noteTorchWarning() {
    if (!Progress.isQuiet() && TORCH_NOTE_SHOWN.compareAndSet(false, true)) {
      System.err.println("tweetox: libtorch's 'AutoNonVariableTypeMode is deprecated' warning is harmless (DJL"
          + " copies weights with it) and cannot be turned off; ignore it");
    }
  }

  /** Writes the whole model as an HF directory, replacing the previous best in one rename. */
  static void writeModel(Path modelDir, BertClassifier model, WeightsSource source, TrainingData data,
      int maxLength) {
    Path tmp = modelDir.resolveSibling(modelDir.getFileName() + ".tmp");
    try {
      dev.tweetox.io.AtomicFiles.deleteTree(tmp);
      HfBertDirectory.write(tmp, model.config(), source.vocab(), BertWeights.view(model.namedParameters()),
          data.labels().names(), ClassifierHead.metadata(data.labels(), maxLength, source.name()));
      Checkpoints.replace(tmp, modelDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the best model to " + modelDir + ": " + e.getMessage(), e);
    }
  }

  private static String fingerprint(TransformerConfig cfg, long seed, Options opt, List<String> texts,
      int[] labels, TrainingData data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(ConfigLoader.json().writeValueAsString(cfg).getBytes(StandardCharsets.UTF_8));
      md.update((seed + "|" + opt.cachePrecision() + "|" + opt.chunkBatches() + "|").getBytes(StandardCharsets.UTF_8));
      if (opt.distillation() != null) {
        md.update(("distillation|" + opt.distillation().fingerprint() + "|").getBytes(StandardCharsets.UTF_8));
      }
      for (int i = 0; i < texts.size(); i++) {
        md.update((texts.get(i) + "\t" + labels[i] + "\n").getBytes(StandardCharsets.UTF_8));
      }
      md.update("--val--\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < data.valTexts().size(); i++) {
        md.update((data.valTexts().get(i) + "\t" + data.valLabels()[i] + "\n").getBytes(StandardCharsets.UTF_8));
      }
      md.update(String.join(",", data.labels().names()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
