package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Map;

/** Layer normalisation over the last axis, with BERT's epsilon (HF names {@code weight}/{@code bias}). */
public final class Norm extends BertModule {
  private final Shape normalized;
  private final float eps;
  private final Parameter gamma;
  private final Parameter beta;

  public Norm(long size, float eps) {
    this.normalized = new Shape(size);
    this.eps = eps;
    this.gamma = constant("gamma", Parameter.Type.GAMMA, normalized, Initializer.ONES);
    this.beta = constant("beta", Parameter.Type.BETA, normalized, Initializer.ZEROS);
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return LayerNorm.layerNorm(x, normalized, value(ps, gamma, x, training), value(ps, beta, x, training), eps)
        .singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> into) {
    into.put(prefix + "weight", gamma);
    into.put(prefix + "bias", beta);
  }
}
