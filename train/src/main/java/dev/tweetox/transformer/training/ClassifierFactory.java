package dev.tweetox.transformer.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.transformer.model.BertClassifier;

/** Builds an initialised classifier: create the block, initialise it (head ~ N(0, 0.02)), then load weights. */
public final class ClassifierFactory {
  private ClassifierFactory() {}

  public static BertClassifier create(BertConfig config, NDManager manager) {
    BertClassifier model = new BertClassifier(config);
    Shape any = new Shape(1, 4); // parameters have fixed shapes; the input shape only satisfies the API
    model.initialize(manager, DataType.FLOAT32, any, any, any);
    return model;
  }
}
