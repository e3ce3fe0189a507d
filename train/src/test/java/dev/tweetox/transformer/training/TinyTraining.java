package dev.tweetox.transformer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.pretrained.BertWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fixtures for the training tests: the 40-tweet CSV, its 45-token vocabulary, and a 2-layer hidden-32 random BERT
 * written as a Hugging Face directory (the "pretrained" weights a test fine-tunes).
 */
public final class TinyTraining {
  static final Path FIXTURES = Fixtures.path("training");
  static final Vocabulary VOCAB = Vocabulary.load(FIXTURES.resolve("vocab.txt"));
  static final LabelSet LABELS = LabelSet.sentiment();

  private TinyTraining() {}

  public static BertConfig bertConfig() {
    return new BertConfig(VOCAB.size(), 32, 2, 2, 64, 64, 2, 1e-12f, 0f, 0f, 0);
  }

  /** Writes a seeded random tiny BERT (no classifier head) to {@code dir}. */
  public static Path writeRandomBert(Path dir, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(bertConfig().withNumLabels(3), m);
      Map<String, ai.djl.nn.Parameter> encoderOnly = new java.util.LinkedHashMap<>(model.namedParameters());
      encoderOnly.keySet().removeIf(n -> n.startsWith("classifier."));
      HfBertDirectory.write(dir, bertConfig(), VOCAB, BertWeights.view(encoderOnly), List.of(), Map.of());
    }
    return dir;
  }

  /** All 40 tweets as training data and, so over-fitting shows in the validation metric, as validation data. */
  public static TrainingData data() {
    List<String> texts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(FIXTURES.resolve("tweets40.csv"))) {
        if (line.startsWith("text,") || line.isBlank()) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        texts.add(line.substring(0, comma));
        labels.add(LABELS.indexOf(line.substring(comma + 1), "tweets40.csv"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    return new TrainingData(texts, y, texts, y, LABELS);
  }

  /**
   * A config for the tiny model: no dropout (deterministic), no clipping unless asked.
   */
  public static TransformerConfig config(Path weights, int epochs, double lr, int frozen, boolean cache,
      int patience) {
    return TransformerConfig.preset(TransformerConfig.Preset.QUICK).toBuilder().weights(weights.toString())
        .maxLength(16).batchSize(8).evalBatchSize(16).learningRate(lr).weightDecay(0.01).epochs(epochs)
        .warmupRatio(0.1).maxGradNorm(1.0).hiddenDropout(0.0).attentionDropout(0.0).frozenLayers(frozen)
        .freezeEmbeddings(cache || frozen > 0).cacheFrozen(cache).patience(patience).evalEvery(0)
        .classWeight(TransformerConfig.ClassWeight.NONE).trainFraction(1.0).threads(0).build();
  }

  /** Trains {@code cfg} on {@link #data()} with seed 42 into {@code out}, logging to {@code log}. */
  public static TransformerTrainer.Result train(TransformerConfig cfg, Path out, TransformerTrainer.Options opt,
      StringWriter log) {
    return TransformerTrainer.train(cfg, 42, data(), out, new PrintWriter(log, true), opt);
  }

  /** A 2-element float32 parameter filled with {@code value}. */
  static Parameter constant(NDManager m, String name, float value) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(2))
        .optInitializer(new ConstantInitializer(value)).build();
    p.initialize(m, DataType.FLOAT32);
    return p;
  }

  public static TransformerTrainer.Options options() {
    return TransformerTrainer.Options.defaults().withCheckpointSteps(0);
  }
}
