package dev.tweetox.bert;

import dev.tweetox.TweetoxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shape and regularisation of a BERT encoder (Hugging Face {@code config.json} names in brackets).
 *
 * @param vocabSize word-piece vocabulary size [vocab_size]
 * @param hidden hidden size [hidden_size]
 * @param layers number of transformer layers [num_hidden_layers]
 * @param heads attention heads per layer; must divide {@code hidden} [num_attention_heads]
 * @param intermediate feed-forward inner size [intermediate_size]
 * @param maxPositions longest sequence the position table covers [max_position_embeddings]
 * @param typeVocab number of segment (token type) ids [type_vocab_size]
 * @param layerNormEps layer-norm epsilon [layer_norm_eps]
 * @param hiddenDropout dropout on embeddings, sub-layer outputs and the classifier input [hidden_dropout_prob]
 * @param attentionDropout dropout on attention probabilities [attention_probs_dropout_prob]
 * @param numLabels classifier outputs; 0 for an encoder without a classification head
 */
public record BertConfig(int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions,
    int typeVocab, float layerNormEps, float hiddenDropout, float attentionDropout, int numLabels) {

  public BertConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hidden);
    positive("num_hidden_layers", layers);
    positive("num_attention_heads", heads);
    positive("intermediate_size", intermediate);
    positive("max_position_embeddings", maxPositions);
    positive("type_vocab_size", typeVocab);
    if (hidden % heads != 0) {
      throw new TweetoxException("BERT config: hidden_size " + hidden + " is not a multiple of num_attention_heads "
          + heads + "; fix one of them");
    }
    if (!(layerNormEps > 0)) {
      throw new TweetoxException("BERT config: layer_norm_eps is " + layerNormEps + "; it must be > 0");
    }
    probability("hidden_dropout_prob", hiddenDropout);
    probability("attention_probs_dropout_prob", attentionDropout);
    if (numLabels < 0) {
      throw new TweetoxException("BERT config: num_labels is " + numLabels + "; it must be >= 0");
    }
  }

  /** Google's BERT-Base uncased: 12 layers, hidden 768, 12 heads, 30,522 word pieces. */
  public static BertConfig bertBaseUncased(int numLabels) {
    return new BertConfig(30522, 768, 12, 12, 3072, 512, 2, 1e-12f, 0.1f, 0.1f, numLabels);
  }

  public BertConfig withNumLabels(int n) {
    return new BertConfig(vocabSize, hidden, layers, heads, intermediate, maxPositions, typeVocab, layerNormEps,
        hiddenDropout, attentionDropout, n);
  }

  public BertConfig withDropout(float hiddenP, float attentionP) {
    return new BertConfig(vocabSize, hidden, layers, heads, intermediate, maxPositions, typeVocab, layerNormEps,
        hiddenP, attentionP, numLabels);
  }

  /**
   * Hugging Face tensor names and shapes of a {@code BertForSequenceClassification} with this configuration (the
   * classifier only when {@code numLabels > 0}), in the order the layers run. Linear weights are [out, in].
   */
  public Map<String, long[]> tensorShapes() {
    Map<String, long[]> m = new LinkedHashMap<>();
    String e = "bert.embeddings.";
    m.put(e + "word_embeddings.weight", new long[] {vocabSize, hidden});
    m.put(e + "position_embeddings.weight", new long[] {maxPositions, hidden});
    m.put(e + "token_type_embeddings.weight", new long[] {typeVocab, hidden});
    norm(m, e + "LayerNorm.");
    for (int i = 0; i < layers; i++) {
      String p = "bert.encoder.layer." + i + ".";
      for (String qkv : new String[] {"query", "key", "value"}) {
        linear(m, p + "attention.self." + qkv + ".", hidden, hidden);
      }
      linear(m, p + "attention.output.dense.", hidden, hidden);
      norm(m, p + "attention.output.LayerNorm.");
      linear(m, p + "intermediate.dense.", intermediate, hidden);
      linear(m, p + "output.dense.", hidden, intermediate);
      norm(m, p + "output.LayerNorm.");
    }
    linear(m, "bert.pooler.dense.", hidden, hidden);
    if (numLabels > 0) {
      linear(m, "classifier.", numLabels, hidden);
    }
    return m;
  }

  private static void linear(Map<String, long[]> m, String prefix, long out, long in) {
    m.put(prefix + "weight", new long[] {out, in});
    m.put(prefix + "bias", new long[] {out});
  }

  private void norm(Map<String, long[]> m, String prefix) {
    m.put(prefix + "weight", new long[] {hidden});
    m.put(prefix + "bias", new long[] {hidden});
  }

  public int headSize() {
    return hidden / heads;
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new TweetoxException("BERT config: " + field + " is " + value + "; it must be > 0");
    }
  }

  private static void probability(String field, float p) {
    if (!(p >= 0 && p < 1)) {
      throw new TweetoxException("BERT config: " + field + " is " + p + "; it must be in [0, 1)");
    }
  }
}
