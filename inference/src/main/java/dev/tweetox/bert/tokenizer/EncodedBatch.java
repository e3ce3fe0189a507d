package dev.tweetox.bert.tokenizer;

/**
 * Encodings padded to the longest in the batch, as row-major {@code [batchSize, seqLength]} int64 arrays ready for
 * {@code NDManager.create(long[], Shape)}: token ids ({@code [PAD]} after the end), token type ids, and an
 * attention mask of 1 for real tokens and 0 for padding.
 */
public record EncodedBatch(int batchSize, int seqLength, long[] ids, long[] typeIds, long[] attentionMask,
    int[] lengths) {

  /** Pads encodings to the longest one. */
  public static EncodedBatch pad(java.util.List<Encoding> encodings, int padId) {
    int batch = encodings.size();
    int seq = encodings.stream().mapToInt(Encoding::length).max().orElse(0);
    long[] ids = new long[batch * seq];
    long[] types = new long[batch * seq];
    long[] mask = new long[batch * seq];
    int[] lengths = new int[batch];
    java.util.Arrays.fill(ids, padId);
    for (int b = 0; b < batch; b++) {
      Encoding e = encodings.get(b);
      lengths[b] = e.length();
      for (int t = 0; t < e.length(); t++) {
        ids[b * seq + t] = e.ids()[t];
        types[b * seq + t] = e.typeIds()[t];
        mask[b * seq + t] = 1;
      }
    }
    return new EncodedBatch(batch, seq, ids, types, mask, lengths);
  }
}
