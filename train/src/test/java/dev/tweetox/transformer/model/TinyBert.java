package dev.tweetox.transformer.model;

import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.fixtures.Fixtures;

/** The 2-layer, hidden-32 random BERT the fast tests use, with the tiny fixture vocabulary. */
final class TinyBert {
  static final Vocabulary VOCAB = Vocabulary.load(Fixtures.path("transformer/tiny-vocab.txt"));
  static final WordPieceTokenizer TOKENIZER = new WordPieceTokenizer(VOCAB);

  private TinyBert() {}

  static BertConfig config(int numLabels) {
    return new BertConfig(VOCAB.size(), 32, 2, 2, 64, 64, 2, 1e-12f, 0.1f, 0.1f, numLabels);
  }
}
