package dev.tweetox.config;

import java.util.List;

/**
 * Fine-tuning settings for the BERT classifier. Start from a {@link #preset} and override single keys.
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
 */
public record TransformerConfig(
    String preset,
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
    String classWeight,
    double trainFraction,
    int threads) {

  public static final List<String> PRESETS = List.of("quick", "default", "full");

  public TransformerConfig {
    Validation.oneOf("transformer.preset", preset, PRESETS);
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
    Validation.oneOf("transformer.classWeight", classWeight, List.of("none", "balanced"));
    Validation.inRange("transformer.trainFraction", trainFraction, 1e-6, 1.0);
    if (threads < 0) {
      throw Validation.error("transformer.threads", "must be 0 (all cores) or more");
    }
  }

  /**
   * Named starting points. {@code quick} is for demos (minutes), {@code default} is what {@code run} uses (under an
   * hour on 2 cores), {@code full} trains every layer on all data for several epochs (hours).
   */
  public static TransformerConfig preset(String name) {
    return switch (name) {
      // Costs on 2 cores are dominated by the frozen forward (once per tweet, cached) and the trained layers
      // (about 3x a forward each); see `tweetox bench` and the issue-3 notes for the measurements behind these.
      case "quick" -> new TransformerConfig("quick", "bert-base-uncased", 48, 32, 64, 1e-4, 0.01, 1, 0.1, 1.0,
          0.1, 0.1, 10, true, true, 1, 0, "none", 0.1, 0);
      case "default" -> new TransformerConfig("default", "bert-base-uncased", 64, 32, 64, 1e-4, 0.01, 1, 0.1, 1.0,
          0.1, 0.1, 8, true, true, 1, 0, "none", 1.0, 0);
      case "full" -> new TransformerConfig("full", "bert-base-uncased", 128, 32, 64, 3e-5, 0.01, 4, 0.1, 1.0,
          0.1, 0.1, 0, false, false, 2, 0, "none", 1.0, 0);
      default -> throw Validation.error("transformer.preset", "'" + name + "' is not one of " + PRESETS);
    };
  }
}
