package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import java.util.Map;

/**
 * Sequence classification (Hugging Face {@code BertForSequenceClassification}): encoder, dropout on the pooled
 * [CLS] vector, then a linear layer to {@code numLabels} logits. Input as {@link BertEncoder}; output
 * {@code NDList(logits [B, numLabels])}. Parameter names: {@code bert.*} and {@code classifier.weight|bias}.
 */
public final class BertClassifier extends BertModule {
  private final BertConfig config;
  private final BertEncoder bert;
  private final Dense classifier;
  private int dropoutSamples = 1;

  public BertClassifier(BertConfig config) {
    if (config.numLabels() < 1) {
      throw new TweetoxException("BERT classifier needs num_labels >= 1, got " + config.numLabels());
    }
    this.config = config;
    this.bert = addChildBlock("bert", new BertEncoder(config));
    this.classifier = addChildBlock("classifier", new Dense(config.hidden(), config.numLabels()));
  }

  public BertConfig config() {
    return config;
  }

  public BertEncoder encoder() {
    return bert;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(head(ps, bert.forward(ps, inputs, training).get(1), training));
  }

  /**
   * Multi-sample dropout (Inoue 2019): while training, the logits are the mean over {@code samples} dropout masks
   * of the pooled vector, which lowers the variance of the head's gradient at the cost of a few tiny matmuls.
   * Prediction has no dropout and is unaffected, so this is not part of the saved model.
   */
  public void setDropoutSamples(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("dropout samples must be at least 1, got " + samples);
    }
    this.dropoutSamples = samples;
  }

  private NDArray head(ParameterStore ps, NDArray pooled, boolean training) {
    int samples = training && config.hiddenDropout() > 0 ? dropoutSamples : 1;
    NDArray sum = classifier.apply(ps, Activations.dropout(pooled, config.hiddenDropout(), training), training);
    for (int i = 1; i < samples; i++) {
      sum = sum.add(classifier.apply(ps, Activations.dropout(pooled, config.hiddenDropout(), training), training));
    }
    return samples == 1 ? sum : sum.div(samples);
  }

  /**
   * Logits from hidden states after layer {@code fromLayer - 1} (see {@link BertEncoder#forwardUpper}); with
   * {@code fromLayer} 0 and the embeddings' output it equals {@link #forward}.
   */
  public NDArray logitsFromHidden(ParameterStore ps, NDArray hidden, NDArray attentionMask, int fromLayer,
      boolean training) {
    return head(ps, bert.forwardUpper(ps, hidden, attentionMask, fromLayer, training).get(1), training);
  }

  /** See {@link BertEncoder#setFrozen}; the classification head always stays trainable. */
  public void setFrozen(int lowerLayers, boolean freezeEmbeddings) {
    bert.setFrozen(lowerLayers, freezeEmbeddings);
    classifier.freezeParameters(false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.numLabels())};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    bert.collectParameters(prefix + "bert.", out);
    classifier.collectParameters(prefix + "classifier.", out);
  }
}
