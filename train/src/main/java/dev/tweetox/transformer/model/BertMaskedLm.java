package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.bert.BertConfig;
import java.util.Map;

/**
 * Encoder plus tied masked-LM head (Hugging Face {@code BertForMaskedLM}; names {@code bert.*} and
 * {@code cls.predictions.*}). Input as {@link BertEncoder}; output {@code NDList(logits [B, T, vocab])}. It checks that
 * pretrained weights are wired correctly (a correctly loaded BERT fills in {@code [MASK]} sensibly), and domain
 * adaptation trains it on tweets before fine-tuning.
 */
public final class BertMaskedLm extends BertModule {
  private final BertConfig config;
  private final BertEncoder bert;
  private final BertMlmHead head;

  public BertMaskedLm(BertConfig config) {
    this.config = config;
    this.bert = addChildBlock("bert", new BertEncoder(config));
    this.head = addChildBlock("cls", new BertMlmHead(config, bert.embeddings().wordEmbeddings()));
  }

  public BertEncoder encoder() {
    return bert;
  }

  public BertMlmHead head() {
    return head;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList sequence = new NDList(bert.forward(ps, inputs, training).get(0));
    return head.forward(ps, sequence, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.vocabSize())};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    bert.collectParameters(prefix + "bert.", out);
    head.collectParameters(prefix, out);
  }
}
