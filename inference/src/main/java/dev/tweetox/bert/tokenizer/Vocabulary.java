package dev.tweetox.bert.tokenizer;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A WordPiece vocabulary: one token per line of {@code vocab.txt}, the line number (from 0) being its id. The
 * special tokens {@code [PAD] [UNK] [CLS] [SEP] [MASK]} must be present.
 */
public final class Vocabulary {
  public static final String PAD = "[PAD]";
  public static final String UNK = "[UNK]";
  public static final String CLS = "[CLS]";
  public static final String SEP = "[SEP]";
  public static final String MASK = "[MASK]";

  private final List<String> tokens;
  private final Map<String, Integer> ids;
  private final int pad;
  private final int unk;
  private final int cls;
  private final int sep;
  private final int mask;

  private Vocabulary(List<String> tokens, String source) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      Integer previous = ids.putIfAbsent(tokens.get(i), i);
      if (previous != null) {
        throw new TweetoxException("Vocabulary " + source + " line " + (i + 1) + ": token '" + tokens.get(i)
            + "' already appears on line " + (previous + 1) + "; remove the duplicate");
      }
    }
    this.pad = special(PAD, source);
    this.unk = special(UNK, source);
    this.cls = special(CLS, source);
    this.sep = special(SEP, source);
    this.mask = special(MASK, source);
  }

  private int special(String token, String source) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new TweetoxException("Vocabulary " + source + " lacks the special token " + token
          + "; use a BERT vocab.txt");
    }
    return id;
  }

  /** Reads a {@code vocab.txt} (UTF-8, one token per line). */
  public static Vocabulary load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException("Vocabulary file " + file + " does not exist; point to the model's vocab.txt");
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines = lines.subList(0, lines.size() - 1);
      }
      return new Vocabulary(lines, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A vocabulary from tokens in id order (for tests and tiny models). */
  public static Vocabulary of(List<String> tokens) {
    return new Vocabulary(tokens, "<in memory>");
  }

  /** Writes the vocabulary as {@code vocab.txt}, atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, String.join("\n", tokens) + "\n");
  }

  public int size() {
    return tokens.size();
  }

  public OptionalInt id(String token) {
    Integer id = ids.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  public String token(int id) {
    return tokens.get(id);
  }

  public List<String> tokens() {
    return tokens;
  }

  public int padId() {
    return pad;
  }

  public int unkId() {
    return unk;
  }

  public int clsId() {
    return cls;
  }

  public int sepId() {
    return sep;
  }

  public int maskId() {
    return mask;
  }
}
