package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tweetox.bert.BertConfig;
import java.util.Map;

/**
 * One post-LN transformer layer: {@code x = LN(x + Attn(x))}, then {@code x = LN(x + FFN(x))} with an erf-GELU
 * feed-forward. Inputs: hidden states [B, T, H] and an additive attention mask [B, 1, 1, T] (0 keep, -10000 pad).
 */
public final class BertLayer extends BertModule {
  private final BertConfig c;
  private final Dense query;
  private final Dense key;
  private final Dense val;
  private final Dense attnOut;
  private final Norm attnNorm;
  private final Dense intermediate;
  private final Dense output;
  private final Norm outNorm;

  public BertLayer(BertConfig c) {
    this.c = c;
    int h = c.hidden();
    query = addChildBlock("query", new Dense(h, h));
    key = addChildBlock("key", new Dense(h, h));
    val = addChildBlock("value", new Dense(h, h));
    attnOut = addChildBlock("attention_output", new Dense(h, h));
    attnNorm = addChildBlock("attention_norm", new Norm(h, c.layerNormEps()));
    intermediate = addChildBlock("intermediate", new Dense(h, c.intermediate()));
    output = addChildBlock("output", new Dense(c.intermediate(), h));
    outNorm = addChildBlock("output_norm", new Norm(h, c.layerNormEps()));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray maskBias = inputs.get(1);
    NDArray attended = attention(ps, x, maskBias, training);
    NDArray a = attnNorm.apply(ps, x.add(Activations.dropout(attnOut.apply(ps, attended, training),
        c.hiddenDropout(), training)), training);
    NDArray ffn = output.apply(ps, Activations.gelu(intermediate.apply(ps, a, training)), training);
    return new NDList(outNorm.apply(ps, a.add(Activations.dropout(ffn, c.hiddenDropout(), training)), training));
  }

  private NDArray attention(ParameterStore ps, NDArray x, NDArray maskBias, boolean training) {
    Shape s = x.getShape();
    long batch = s.get(0);
    long seq = s.get(1);
    NDArray q = heads(query.apply(ps, x, training), batch, seq);
    NDArray k = heads(key.apply(ps, x, training), batch, seq);
    NDArray v = heads(val.apply(ps, x, training), batch, seq);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1 / Math.sqrt(c.headSize())).add(maskBias);
    NDArray probs = Activations.dropout(scores.softmax(-1), c.attentionDropout(), training);
    return probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, c.hidden());
  }

  /** [B, T, H] -> [B, heads, T, headSize]. */
  private NDArray heads(NDArray x, long batch, long seq) {
    return x.reshape(batch, seq, c.heads(), c.headSize()).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void collectParameters(String prefix, Map<String, Parameter> out) {
    query.collectParameters(prefix + "attention.self.query.", out);
    key.collectParameters(prefix + "attention.self.key.", out);
    val.collectParameters(prefix + "attention.self.value.", out);
    attnOut.collectParameters(prefix + "attention.output.dense.", out);
    attnNorm.collectParameters(prefix + "attention.output.LayerNorm.", out);
    intermediate.collectParameters(prefix + "intermediate.dense.", out);
    output.collectParameters(prefix + "output.dense.", out);
    outNorm.collectParameters(prefix + "output.LayerNorm.", out);
  }
}
