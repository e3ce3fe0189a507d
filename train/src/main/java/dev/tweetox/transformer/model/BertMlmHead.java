package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.tweetox.bert.BertConfig;
import java.util.Map;

/**
 * BERT's masked-LM head ({@code cls.predictions}): dense + erf-GELU + layer norm, then a decoder whose weight is the
 * encoder's word embedding table (tied, not copied) plus an output bias. Input: sequence output [B, T, H];
 * output: vocabulary logits [B, T, V] (or [M, V] for M picked positions [M, H]).
 */
public final class BertMlmHead extends BertModule {
  private final Dense transform;
  private final Norm norm;
  private final Parameter wordEmbeddings;
  private final Parameter bias;
  private final int vocab;

  public BertMlmHead(BertConfig config, Parameter tiedWordEmbeddings) {
    this.vocab = config.vocabSize();
    this.transform = addChildBlock("transform", new Dense(config.hidden(), config.hidden()));
    this.norm = addChildBlock("LayerNorm", new Norm(config.hidden(), config.layerNormEps()));
    this.wordEmbeddings = tiedWordEmbeddings;
    this.bias = constant("bias", Parameter.Type.BIAS, new Shape(config.vocabSize()), Initializer.ZEROS);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray h = norm.apply(ps, Activations.gelu(transform.apply(ps, x, training)), training);
    NDArray table = value(ps, wordEmbeddings, x, training);
    return new NDList(h.matMul(table.transpose()).add(value(ps, bias, x, training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(vocab)};
  }

  /** Own parameters only ({@code cls.predictions.*}); the tied table belongs to the encoder. */
  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    transform.collectParameters(prefix + "cls.predictions.transform.dense.", out);
    norm.collectParameters(prefix + "cls.predictions.transform.LayerNorm.", out);
    out.put(prefix + "cls.predictions.bias", bias);
  }
}
