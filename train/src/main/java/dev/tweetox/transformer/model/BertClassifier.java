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
    NDArray pooled = bert.forward(ps, inputs, training).get(1);
    NDArray logits = classifier.apply(ps, Activations.dropout(pooled, config.hiddenDropout(), training), training);
    return new NDList(logits);
  }

  /**
   * Logits from hidden states after layer {@code fromLayer - 1} (see {@link BertEncoder#forwardUpper}); with
   * {@code fromLayer} 0 and the embeddings' output it equals {@link #forward}.
   */
  public NDArray logitsFromHidden(ParameterStore ps, NDArray hidden, NDArray attentionMask, int fromLayer,
      boolean training) {
    NDArray pooled = bert.forwardUpper(ps, hidden, attentionMask, fromLayer, training).get(1);
    return classifier.apply(ps, Activations.dropout(pooled, config.hiddenDropout(), training), training);
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
