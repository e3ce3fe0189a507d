package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the BERT blocks. Every parameter has a fixed shape from the config, so initialisation needs no shape
 * inference: children are initialised with whatever shapes the parent got. Each module also lists its parameters
 * under Hugging Face names, which is how weights are loaded, saved and frozen.
 */
public abstract class BertModule extends AbstractBlock {
  /** BERT's initialiser range: weights ~ N(0, 0.02). */
  static final float INIT_STD = 0.02f;

  protected BertModule() {
    super((byte) 1);
  }

  /** Adds this module's parameters to {@code out} under {@code prefix + hfName}. */
  protected abstract void collectParameters(String prefix, Map<String, Parameter> out);

  /** Parameters under Hugging Face names, e.g. {@code encoder.layer.0.attention.self.query.weight}. */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collectParameters("", out);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  protected final Parameter weight(String name, Shape shape) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
        .optInitializer(new NormalInitializer(INIT_STD)).build());
  }

  protected final Parameter constant(String name, Parameter.Type type, Shape shape, Initializer init) {
    return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init)
        .build());
  }

  protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps.getValue(p, like.getDevice(), training);
  }
}
