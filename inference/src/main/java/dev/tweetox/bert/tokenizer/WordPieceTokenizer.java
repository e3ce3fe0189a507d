package dev.tweetox.bert.tokenizer;

import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The uncased BERT tokenizer: {@link BasicTokenizer} words, then greedy longest-match-first WordPiece with
 * {@code ##} continuation pieces. A word longer than {@value #MAX_WORD_CHARS} characters, or one that cannot be
 * covered by vocabulary pieces, becomes a single {@code [UNK]}. Thread-safe.
 */
public final class WordPieceTokenizer {
  static final int MAX_WORD_CHARS = 100;
  private static final Pattern SPECIAL = Pattern.compile(Stream.of(Vocabulary.PAD, Vocabulary.UNK, Vocabulary.CLS,
      Vocabulary.SEP, Vocabulary.MASK).map(Pattern::quote).collect(Collectors.joining("|")));

  private final Vocabulary vocab;
  private final BasicTokenizer basic = new BasicTokenizer();

  public WordPieceTokenizer(Vocabulary vocab) {
    this.vocab = vocab;
  }

  public Vocabulary vocabulary() {
    return vocab;
  }

  /**
   * Word pieces of a text, without added {@code [CLS]}/{@code [SEP]}. Special tokens written literally in the text
   * (e.g. {@code [MASK]}) are kept whole, as the reference tokenizer does.
   */
  public List<String> tokenize(String text) {
    List<String> pieces = new ArrayList<>();
    Matcher m = SPECIAL.matcher(text);
    int from = 0;
    while (m.find()) {
      basicThenWordPiece(text.substring(from, m.start()), pieces);
      pieces.add(m.group());
      from = m.end();
    }
    basicThenWordPiece(text.substring(from), pieces);
    return pieces;
  }

  private void basicThenWordPiece(String text, List<String> pieces) {
    for (String word : basic.tokenize(text)) {
      wordPieces(word, pieces);
    }
  }

  private void wordPieces(String word, List<String> out) {
    int[] cps = word.codePoints().toArray();
    if (cps.length > MAX_WORD_CHARS) {
      out.add(Vocabulary.UNK);
      return;
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < cps.length) {
      String match = null;
      for (int end = cps.length; end > start; end--) {
        String candidate = new String(cps, start, end - start);
        if (start > 0) {
          candidate = "##" + candidate;
        }
        if (vocab.contains(candidate)) {
          match = candidate;
          start = end;
          break;
        }
      }
      if (match == null) {
        out.add(Vocabulary.UNK);
        return;
      }
      pieces.add(match);
    }
    out.addAll(pieces);
  }

  /**
   * {@code [CLS] pieces [SEP]} ids, keeping at most {@code maxLength} ids in all (pieces beyond are dropped).
   */
  public Encoding encode(String text, int maxLength) {
    if (maxLength < 2) {
      throw new TweetoxException("maxLength is " + maxLength + "; it must be at least 2 to hold [CLS] and [SEP]");
    }
    List<String> pieces = tokenize(text);
    boolean truncated = pieces.size() > maxLength - 2;
    int n = Math.min(pieces.size(), maxLength - 2);
    int[] ids = new int[n + 2];
    ids[0] = vocab.clsId();
    for (int i = 0; i < n; i++) {
      ids[i + 1] = vocab.id(pieces.get(i)).orElseThrow();
    }
    ids[n + 1] = vocab.sepId();
    return new Encoding(ids, new int[ids.length], truncated);
  }

  /** Encodes texts and pads them to the longest one in this batch (not to {@code maxLength}). */
  public EncodedBatch encodeBatch(List<String> texts, int maxLength) {
    List<Encoding> encodings = new ArrayList<>(texts.size());
    for (String t : texts) {
      encodings.add(encode(t, maxLength));
    }
    return EncodedBatch.pad(encodings, vocab.padId());
  }
}
