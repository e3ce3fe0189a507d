package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import java.util.Map;

/** Word + position + token type embeddings, then layer norm and dropout. Input: ids and type ids, [B, T]. */
public final class BertEmbeddings extends BertModule {
  private final BertConfig config;
  private final Parameter words;
  private final Parameter positions;
  private final Parameter types;
  private final Norm norm;

  public BertEmbeddings(BertConfig config) {
    this.config = config;
    this.words = weight("word_embeddings", new Shape(config.vocabSize(), config.hidden()));
    this.positions = weight("position_embeddings", new Shape(config.maxPositions(), config.hidden()));
    this.types = weight("token_type_embeddings", new Shape(config.typeVocab(), config.hidden()));
    this.norm = addChildBlock("LayerNorm", new Norm(config.hidden(), config.layerNormEps()));
  }

  /** The word embedding table [vocab, hidden], shared with the masked-LM decoder. */
  public Parameter wordEmbeddings() {
    return words;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0).toType(DataType.INT64, false);
    NDArray typeIds = inputs.get(1).toType(DataType.INT64, false);
    long seq = ids.getShape().get(1);
    if (seq > config.maxPositions()) {
      throw new TweetoxException("Sequence of " + seq + " tokens is longer than max_position_embeddings "
          + config.maxPositions() + "; lower the maximum length");
    }
    NDArray positionIds = ids.getManager().arange(0, (int) seq, 1, DataType.INT64);
    NDArray x = lookup(ids, value(ps, words, ids, training))
        .add(lookup(positionIds, value(ps, positions, ids, training)))
        .add(lookup(typeIds, value(ps, types, ids, training)));
    x = norm.apply(ps, x, training);
    return new NDList(Activations.dropout(x, config.hiddenDropout(), training));
  }

  private static NDArray lookup(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hidden())};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "word_embeddings.weight", words);
    out.put(prefix + "position_embeddings.weight", positions);
    out.put(prefix + "token_type_embeddings.weight", types);
    norm.collectParameters(prefix + "LayerNorm.", out);
  }
}
