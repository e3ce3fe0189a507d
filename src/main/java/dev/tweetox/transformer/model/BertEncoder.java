package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The BERT encoder with its tanh pooler (Hugging Face {@code BertModel}; parameter names are prefixed
 * {@code bert.} when collected by a head).
 *
 * <p>Input: {@code NDList(ids, typeIds, attentionMask)}, each [B, T] of any integer type, T free per batch (up to
 * {@code maxPositions}); mask 1 for tokens, 0 for padding. Output: {@code NDList(sequence [B, T, H],
 * pooled [B, H])}. Dropout is active only when {@code training} is true.
 */
public final class BertEncoder extends BertModule {
  /** Added to attention scores of padding keys; original BERT's value, exp() of it underflows to 0 in float32. */
  static final float MASK_BIAS = -10000f;

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final List<BertLayer> layers = new ArrayList<>();
  private final Dense pooler;

  public BertEncoder(BertConfig config) {
    this.config = config;
    this.embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer_" + i, new BertLayer(config)));
    }
    this.pooler = addChildBlock("pooler", new Dense(config.hidden(), config.hidden()));
  }

  public BertConfig config() {
    return config;
  }

  public BertEmbeddings embeddings() {
    return embeddings;
  }

  public List<BertLayer> layers() {
    return Collections.unmodifiableList(layers);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    if (inputs.size() != 3) {
      throw new IllegalArgumentException("BertEncoder expects (ids, typeIds, attentionMask), got "
          + inputs.size() + " arrays");
    }
    NDArray ids = inputs.get(0);
    if (ids.getShape().dimension() != 2 || !inputs.get(1).getShape().equals(ids.getShape())
        || !inputs.get(2).getShape().equals(ids.getShape())) {
      throw new TweetoxException("BERT inputs must all be [batch, seq]; got ids " + ids.getShape() + ", types "
          + inputs.get(1).getShape() + ", mask " + inputs.get(2).getShape());
    }
    NDArray x = embeddings.forward(ps, new NDList(ids, inputs.get(1)), training).singletonOrThrow();
    long batch = ids.getShape().get(0);
    long seq = ids.getShape().get(1);
    // (mask - 1) * 10000: 0 where attended, -10000 on padding keys; broadcast over heads and queries
    NDArray maskBias = inputs.get(2).toType(DataType.FLOAT32, false).sub(1).mul(-MASK_BIAS)
        .reshape(batch, 1, 1, seq);
    for (BertLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, maskBias), training).singletonOrThrow();
    }
    NDArray pooled = pooler.apply(ps, x.get(new NDIndex(":, 0, :")), training).tanh();
    return new NDList(x, pooled);
  }

  /**
   * Freezes the embeddings (if asked) and the lowest {@code lowerLayers} layers, and unfreezes everything else,
   * so calling it again with other values changes the split rather than accumulating.
   */
  public void setFrozen(int lowerLayers, boolean freezeEmbeddings) {
    if (lowerLayers < 0 || lowerLayers > layers.size()) {
      throw new TweetoxException("Cannot freeze " + lowerLayers + " layers of a " + layers.size()
          + "-layer BERT; use 0.." + layers.size());
    }
    freezeParameters(false);
    embeddings.freezeParameters(freezeEmbeddings);
    for (int i = 0; i < lowerLayers; i++) {
      layers.get(i).freezeParameters(true);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {ids.add(config.hidden()), new Shape(ids.get(0), config.hidden())};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    embeddings.collectParameters(prefix + "embeddings.", out);
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).collectParameters(prefix + "encoder.layer." + i + ".", out);
    }
    pooler.collectParameters(prefix + "pooler.dense.", out);
  }
}
