package dev.tweetox.transformer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tweetox.bert.tokenizer.EncodedBatch;

/** Turns a tokenised batch into the {@code NDList(ids, typeIds, attentionMask)} the BERT blocks take. */
public final class BertInputs {
  private BertInputs() {}

  /** int64 arrays of shape [batch, seq], attached to {@code manager}. */
  public static NDList of(NDManager manager, EncodedBatch batch) {
    Shape shape = new Shape(batch.batchSize(), batch.seqLength());
    return new NDList(manager.create(batch.ids(), shape), manager.create(batch.typeIds(), shape),
        manager.create(batch.attentionMask(), shape));
  }
}
