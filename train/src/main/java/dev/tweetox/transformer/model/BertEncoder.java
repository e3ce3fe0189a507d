package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
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
    NDArray maskBias = maskBias(inputs.get(2));
    x = runLayers(ps, x, maskBias, 0, layers.size(), training);
    return new NDList(x, pool(ps, x, training));
  }

  /**
   * Embeddings and layers {@code [0, toLayer)}: the hidden states [B, T, H] a frozen lower part hands to the
   * upper layers. Input as {@link #forward}.
   */
  public NDArray forwardLower(ParameterStore ps, NDList inputs, int toLayer, boolean training) {
    checkLayer(toLayer);
    NDArray x = embeddings.forward(ps, new NDList(inputs.get(0), inputs.get(1)), training).singletonOrThrow();
    return runLayers(ps, x, maskBias(inputs.get(2)), 0, toLayer, training);
  }

  /**
   * Layers {@code [fromLayer, layers)} and the pooler, starting from hidden states [B, T, H] (e.g. cached
   * {@link #forwardLower} output) and the [B, T] attention mask. Returns {@code NDList(sequence, pooled)}.
   */
  public NDList forwardUpper(ParameterStore ps, NDArray hidden, NDArray attentionMask, int fromLayer,
      boolean training) {
    checkLayer(fromLayer);
    NDArray x = runLayers(ps, hidden, maskBias(attentionMask), fromLayer, layers.size(), training);
    return new NDList(x, pool(ps, x, training));
  }

  private void checkLayer(int layer) {
    if (layer < 0 || layer > layers.size()) {
      throw new IllegalArgumentException("layer " + layer + " outside 0.." + layers.size());
    }
  }

  /** (mask - 1) * 10000: 0 where attended, -10000 on padding keys; [B, 1, 1, T] to broadcast over heads, queries. */
  private static NDArray maskBias(NDArray mask) {
    long batch = mask.getShape().get(0);
    long seq = mask.getShape().get(1);
    return mask.toType(DataType.FLOAT32, false).sub(1).mul(-MASK_BIAS).reshape(batch, 1, 1, seq);
  }

  private NDArray runLayers(ParameterStore ps, NDArray x, NDArray maskBias, int from, int to, boolean training) {
    for (int i = from; i < to; i++) {
      x = training ? layers.get(i).forward(ps, new NDList(x, maskBias), true).singletonOrThrow()
          : inferLayer(ps, i, x, maskBias);
    }
    return x;
  }

  /**
   * One layer without a graph to keep: its temporaries (about 300 MB per layer for 64 tweets of 48 word pieces,
   * most of them the GELU's) go to a sub-manager closed right after, so a forward holds one layer's worth of native
   * memory instead of every layer's until the batch ends. Ops attach results to their input's manager, hence the
   * temporary attach of the input; the output moves to the input's own manager.
   */
  private NDArray inferLayer(ParameterStore ps, int i, NDArray x, NDArray maskBias) {
    NDManager outer = x.getManager();
    try (NDManager scratch = outer.newSubManager()) {
      x.tempAttach(scratch);
      NDArray out = layers.get(i).forward(ps, new NDList(x, maskBias), false).singletonOrThrow();
      out.attach(outer);
      return out;
    }
  }

  private NDArray pool(ParameterStore ps, NDArray x, boolean training) {
    return pooler.apply(ps, x.get(new NDIndex(":, 0, :")), training).tanh();
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
