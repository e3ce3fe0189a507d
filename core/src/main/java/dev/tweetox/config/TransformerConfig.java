package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fine-tuning settings for the BERT classifier. Start from a {@link #preset} and override single keys with
 * {@link #toBuilder()}; the builder is the one place that calls the constructor.
 *
 * @param preset the preset these values started from: {@code quick}, {@code default} or {@code full}
 * @param weights {@code bert-base-uncased} (Google's weights from the Maven artifact) or a local Hugging Face-style
 *     directory ({@code config.json}, {@code vocab.txt}, {@code model.safetensors})
 * @param maxLength word pieces per tweet including [CLS] and [SEP]; batches are padded only to their longest tweet
 * @param learningRate peak AdamW learning rate, reached after warmup, then decayed linearly to 0
 * @param warmupRatio fraction of all optimizer steps spent warming up
 * @param maxGradNorm global gradient-norm clip; 0 disables
 * @param frozenLayers lower encoder layers that are not trained
 * @param freezeEmbeddings whether the embedding layer is trained
 * @param cacheFrozen compute the frozen layers' outputs once and reuse them every epoch (needs frozen embeddings)
 * @param patience validations (epoch ends, plus every evalEvery steps) without a better macro-F1 before stopping
 * @param evalEvery also validate every N optimizer steps within an epoch (none closer than N/2 to its end, which
 *     is validated anyway); 0 means epoch ends only
 * @param classWeight {@code none} or {@code balanced} loss weights
 * @param trainFraction stratified fraction of the training split to use (1 = all)
 * @param threads intra-op threads for libtorch; 0 means all cores
 * @param layerDecay layer-wise learning-rate decay: the head trains at the full rate, the top encoder layer at
 *     {@code layerDecay} times it, the one below at its square, and so on; 1 = one rate for all
 * @param dropoutSamples training-time dropout masks on the pooled vector whose logits are averaged
 *     (multi-sample dropout); 1 = plain dropout. Prediction is unchanged
 * @param averageLast average the trained weights over this final fraction of the optimizer steps (SWA-style) and
 *     keep the average if it validates better than the best single model; 0 = off
 * @param mlmEpochs domain-adaptive masked-language-model passes over the training tweets before fine-tuning,
 *     training the same upper layers (fractions allowed, e.g. 0.5); 0 = off
 */
public record TransformerConfig(
    Preset preset,
    String weights,
    int maxLength,
    int batchSize,
    int evalBatchSize,
    double learningRate,
    double weightDecay,
    int epochs,
    double warmupRatio,
    double maxGradNorm,
    double hiddenDropout,
    double attentionDropout,
    int frozenLayers,
    boolean freezeEmbeddings,
    boolean cacheFrozen,
    int patience,
    int evalEvery,
    ClassWeight classWeight,
    double trainFraction,
    int threads,
    double layerDecay,
    int dropoutSamples,
    double averageLast,
    double mlmEpochs) {

  /** Named starting points; see {@link TransformerConfig#preset(Preset)}. */
  public enum Preset {
    QUICK, DEFAULT, FULL;

    @JsonValue
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Preset of(String word) {
      return fromWord("transformer.preset", Preset.class, word);
    }

    @Override
    public String toString() {
      return word();
    }
  }

  /** Loss weights per class: {@code none}, or sklearn's {@code balanced} (inverse class frequency). */
  public enum ClassWeight {
    NONE, BALANCED;

    @JsonValue
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ClassWeight of(String word) {
      return fromWord("transformer.classWeight", ClassWeight.class, word);
    }

    @Override
    public String toString() {
      return word();
    }
  }

  /** The preset names, as written in config files. */
  public static final List<String> PRESETS = words(Preset.class);

  public TransformerConfig {
    required("transformer.preset", preset, Preset.class);
    if (weights == null || weights.isBlank()) {
      throw Validation.error("transformer.weights", "give bert-base-uncased or a Hugging Face-style directory");
    }
    if (maxLength < 8 || maxLength > 512) {
      throw Validation.error("transformer.maxLength", "must be in [8, 512], got " + maxLength);
    }
    if (batchSize < 1 || evalBatchSize < 1) {
      throw Validation.error("transformer.batchSize/evalBatchSize", "must be at least 1");
    }
    Validation.inRange("transformer.learningRate", learningRate, 1e-8, 1.0);
    Validation.inRange("transformer.weightDecay", weightDecay, 0.0, 1.0);
    if (epochs < 1) {
      throw Validation.error("transformer.epochs", "must be at least 1, got " + epochs);
    }
    Validation.inRange("transformer.warmupRatio", warmupRatio, 0.0, 0.5);
    if (maxGradNorm < 0) {
      throw Validation.error("transformer.maxGradNorm", "must be 0 (off) or more");
    }
    Validation.inRange("transformer.hiddenDropout", hiddenDropout, 0.0, 0.9);
    Validation.inRange("transformer.attentionDropout", attentionDropout, 0.0, 0.9);
    if (frozenLayers < 0) {
      throw Validation.error("transformer.frozenLayers", "must be 0 or more, got " + frozenLayers);
    }
    if (cacheFrozen && !freezeEmbeddings) {
      throw Validation.error("transformer.cacheFrozen", "needs freezeEmbeddings: true (trained embeddings change"
          + " every step, so their outputs cannot be cached)");
    }
    if (patience < 1) {
      throw Validation.error("transformer.patience", "must be at least 1, got " + patience);
    }
    if (evalEvery < 0) {
      throw Validation.error("transformer.evalEvery", "must be 0 (epoch ends) or more");
    }
    required("transformer.classWeight", classWeight, ClassWeight.class);
    Validation.inRange("transformer.trainFraction", trainFraction, 1e-6, 1.0);
    if (threads < 0) {
      throw Validation.error("transformer.threads", "must be 0 (all cores) or more");
    }
    if (!(layerDecay > 0 && layerDecay <= 1)) {
      throw Validation.error("transformer.layerDecay", "must be in (0, 1] (1 = no decay), got " + layerDecay);
    }
    if (dropoutSamples < 1 || dropoutSamples > 16) {
      throw Validation.error("transformer.dropoutSamples", "must be in [1, 16] (1 = plain dropout), got "
          + dropoutSamples);
    }
    if (!(averageLast >= 0 && averageLast < 1)) {
      throw Validation.error("transformer.averageLast", "must be in [0, 1) (0 = off), got " + averageLast);
    }
    if (!(mlmEpochs >= 0 && mlmEpochs <= 10)) {
      throw Validation.error("transformer.mlmEpochs", "must be in [0, 10] (0 = off), got " + mlmEpochs);
    }
    if (mlmEpochs > 0 && !freezeEmbeddings) {
      throw Validation.error("transformer.mlmEpochs", "needs freezeEmbeddings: true (the masked-LM head's output"
          + " layer is the word-embedding table, which domain adaptation keeps as it is)");
    }
  }

  /** The preset called {@code name} ({@code quick}, {@code default} or {@code full}). */
  public static TransformerConfig preset(String name) {
    return preset(Preset.of(name));
  }

  /**
   * Named starting points. {@code quick} is for demos (minutes), {@code default} is what {@code run} uses (under an
   * hour on 2 cores), {@code full} trains every layer on all data for several epochs (hours).
   */
  public static TransformerConfig preset(Preset preset) {
    Builder b = new Builder().preset(preset).weights("bert-base-uncased").batchSize(32).evalBatchSize(64)
        .learningRate(1e-4).weightDecay(0.01).epochs(1).warmupRatio(0.1).maxGradNorm(1.0).hiddenDropout(0.1)
        .attentionDropout(0.1).freezeEmbeddings(true).cacheFrozen(true).patience(1).evalEvery(0)
        .classWeight(ClassWeight.NONE).trainFraction(1.0).threads(0).layerDecay(1.0).dropoutSamples(1)
        .averageLast(0).mlmEpochs(0);
    // Costs on 2 cores are dominated by the frozen forward (once per tweet, cached) and the trained layers
    // (about 3x a forward each); see `tweetox bench` and the issue-3 notes for the measurements behind these.
    return switch (preset) {
      case QUICK -> b.maxLength(48).frozenLayers(10).trainFraction(0.1).build();
      // The recipe ablation (docs/recipe.md) chose these: two more trained layers with layer-wise decay, four
      // dropout masks on the pooled vector, and the mean of the last 30% of steps if it validates better.
      case DEFAULT -> b.maxLength(64).frozenLayers(6).layerDecay(0.9).dropoutSamples(4).averageLast(0.3).build();
      case FULL -> b.maxLength(128).learningRate(3e-5).epochs(4).frozenLayers(0).freezeEmbeddings(false)
          .cacheFrozen(false).patience(2).build();
    };
  }

  /** A builder holding this config's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder().preset(preset).weights(weights).maxLength(maxLength).batchSize(batchSize)
        .evalBatchSize(evalBatchSize).learningRate(learningRate).weightDecay(weightDecay).epochs(epochs)
        .warmupRatio(warmupRatio).maxGradNorm(maxGradNorm).hiddenDropout(hiddenDropout)
        .attentionDropout(attentionDropout).frozenLayers(frozenLayers).freezeEmbeddings(freezeEmbeddings)
        .cacheFrozen(cacheFrozen).patience(patience).evalEvery(evalEvery).classWeight(classWeight)
        .trainFraction(trainFraction).threads(threads).layerDecay(layerDecay).dropoutSamples(dropoutSamples)
        .averageLast(averageLast).mlmEpochs(mlmEpochs);
  }

  /** Mutable values for a {@link TransformerConfig}; {@link #build} validates them. */
  public static final class Builder {
    private Preset preset;
    private String weights;
    private int maxLength;
    private int batchSize;
    private int evalBatchSize;
    private double learningRate;
    private double weightDecay;
    private int epochs;
    private double warmupRatio;
    private double maxGradNorm;
    private double hiddenDropout;
    private double attentionDropout;
    private int frozenLayers;
    private boolean freezeEmbeddings;
    private boolean cacheFrozen;
    private int patience;
    private int evalEvery;
    private ClassWeight classWeight;
    private double trainFraction;
    private int threads;
    private double layerDecay;
    private int dropoutSamples;
    private double averageLast;
    private double mlmEpochs;

    private Builder() {}

    public TransformerConfig build() {
      return new TransformerConfig(preset, weights, maxLength, batchSize, evalBatchSize, learningRate, weightDecay,
          epochs, warmupRatio, maxGradNorm, hiddenDropout, attentionDropout, frozenLayers, freezeEmbeddings,
          cacheFrozen, patience, evalEvery, classWeight, trainFraction, threads, layerDecay, dropoutSamples,
          averageLast, mlmEpochs);
    }

    public Builder preset(Preset preset) {
      this.preset = preset;
      return this;
    }

    public Builder weights(String weights) {
      this.weights = weights;
      return this;
    }

    public Builder maxLength(int maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder evalBatchSize(int evalBatchSize) {
      this.evalBatchSize = evalBatchSize;
      return this;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder warmupRatio(double warmupRatio) {
      this.warmupRatio = warmupRatio;
      return this;
    }

    public Builder maxGradNorm(double maxGradNorm) {
      this.maxGradNorm = maxGradNorm;
      return this;
    }

    public Builder hiddenDropout(double hiddenDropout) {
      this.hiddenDropout = hiddenDropout;
      return this;
    }

    public Builder attentionDropout(double attentionDropout) {
      this.attentionDropout = attentionDropout;
      return this;
    }

    public Builder frozenLayers(int frozenLayers) {
      this.frozenLayers = frozenLayers;
      return this;
    }

    public Builder freezeEmbeddings(boolean freezeEmbeddings) {
      this.freezeEmbeddings = freezeEmbeddings;
      return this;
    }

    public Builder cacheFrozen(boolean cacheFrozen) {
      this.cacheFrozen = cacheFrozen;
      return this;
    }

    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    public Builder evalEvery(int evalEvery) {
      this.evalEvery = evalEvery;
      return this;
    }

    public Builder classWeight(ClassWeight classWeight) {
      this.classWeight = classWeight;
      return this;
    }

    public Builder trainFraction(double trainFraction) {
      this.trainFraction = trainFraction;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder layerDecay(double layerDecay) {
      this.layerDecay = layerDecay;
      return this;
    }

    public Builder dropoutSamples(int dropoutSamples) {
      this.dropoutSamples = dropoutSamples;
      return this;
    }

    public Builder averageLast(double averageLast) {
      this.averageLast = averageLast;
      return this;
    }

    public Builder mlmEpochs(double mlmEpochs) {
      this.mlmEpochs = mlmEpochs;
      return this;
    }
  }

  /** The constant whose lowercase word is {@code word}; the error names the key and lists the valid words. */
  private static <E extends Enum<E>> E fromWord(String key, Class<E> type, String word) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(word)) {
        return e;
      }
    }
    throw Validation.error(key, "'" + word + "' is not one of " + words(type));
  }

  private static <E extends Enum<E>> void required(String key, E value, Class<E> type) {
    if (value == null) {
      throw Validation.error(key, "is required; give one of " + words(type));
    }
  }

  private static List<String> words(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
  }
}
