package dev.tweetox.bert.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts tokenised once, kept unpadded; batches are padded only to their own longest member.
 *
 * @param encodings one per example
 * @param labels gold class per example (empty for unlabelled prediction input)
 * @param padId the vocabulary's {@code [PAD]} id
 */
public record TokenizedSet(List<Encoding> encodings, int[] labels, int padId) {

  public static TokenizedSet of(WordPieceTokenizer tokenizer, List<String> texts, int[] labels, int maxLength) {
    if (labels.length != 0 && labels.length != texts.size()) {
      throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
    }
    List<Encoding> enc = new ArrayList<>(texts.size());
    for (String t : texts) {
      enc.add(tokenizer.encode(t, maxLength));
    }
    return new TokenizedSet(List.copyOf(enc), labels, tokenizer.vocabulary().padId());
  }

  public int size() {
    return encodings.size();
  }

  /** Token counts including [CLS] and [SEP]. */
  public int[] lengths() {
    return encodings.stream().mapToInt(Encoding::length).toArray();
  }

  public EncodedBatch batch(int[] indices) {
    List<Encoding> picked = new ArrayList<>(indices.length);
    for (int i : indices) {
      picked.add(encodings.get(i));
    }
    return EncodedBatch.pad(picked, padId);
  }

  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = labels[indices[i]];
    }
    return out;
  }

  /** The subset at {@code indices}, in that order. */
  public TokenizedSet subset(int[] indices) {
    List<Encoding> enc = new ArrayList<>(indices.length);
    for (int i : indices) {
      enc.add(encodings.get(i));
    }
    return new TokenizedSet(List.copyOf(enc), labels.length == 0 ? labels : labels(indices), padId);
  }
}
