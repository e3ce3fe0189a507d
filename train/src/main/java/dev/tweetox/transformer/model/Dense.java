package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Map;

/** {@code y = x W^T + b} with W stored out x in, as in Hugging Face checkpoints. */
public final class Dense extends BertModule {
  private final long out;
  private final Parameter weight;
  private final Parameter bias;

  public Dense(long in, long out) {
    this.out = out;
    this.weight = weight("weight", new Shape(out, in));
    this.bias = constant("bias", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS);
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return Linear.linear(x, value(ps, weight, x, training), value(ps, bias, x, training)).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> into) {
    into.put(prefix + "weight", weight);
    into.put(prefix + "bias", bias);
  }
}
