package dev.tweetox.transformer.training;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.transformer.pretrained.MiniLmArtifact;
import dev.tweetox.transformer.pretrained.PretrainedBert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The starting weights of a fine-tune: Google's BERT-Base uncased from the Maven artifact
 * ({@value #BERT_BASE_UNCASED}), MiniLM-L6-H384 from its ONNX artifact ({@value #ALL_MINILM_L6_V2}, the distilled
 * student's default) or a local Hugging Face-style directory. Any classification head in the source is
 * dropped, since the new task's head starts fresh.
 */
public record WeightsSource(String name, BertConfig config, Vocabulary vocab, TensorSource tensors) {
  public static final String BERT_BASE_UNCASED = "bert-base-uncased";
  public static final String ALL_MINILM_L6_V2 = dev.tweetox.transformer.pretrained.MiniLmArtifact.NAME;

  public static WeightsSource resolve(String weights) {
    if (weights.equals(BERT_BASE_UNCASED)) {
      PretrainedBert bert = PretrainedBert.open();
      return new WeightsSource(weights, bert.config(0), bert.vocabulary(), bert.tensors());
    }
    if (weights.equals(ALL_MINILM_L6_V2)) {
      MiniLmArtifact minilm = MiniLmArtifact.open();
      return new WeightsSource(weights, minilm.config(), minilm.vocabulary(), minilm.tensors());
    }
    Path dir = Path.of(weights);
    if (!Files.isDirectory(dir)) {
      throw new TweetoxException("weights: '" + weights + "' is neither " + BERT_BASE_UNCASED + ", "
          + ALL_MINILM_L6_V2 + " nor a directory; give a Hugging Face-style BERT directory (config.json, vocab.txt, model.safetensors)");
    }
    HfBertDirectory.Contents c = HfBertDirectory.read(dir);
    return new WeightsSource(dir.toString(), c.config(), c.vocab(), withoutHead(c.tensors()));
  }

  /**
   * SHA-256 (hex) of the names, shapes and values of the embeddings and the lowest {@code layers} encoder layers:
   * the identity of a frozen lower part, whatever the source is called or where it lives.
   */
  public String frozenDigest(int layers) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
      for (String name : tensors.names()) {
        if (!isFrozenPart(name, layers)) {
          continue;
        }
        md.update((name + java.util.Arrays.toString(tensors.shape(name))).getBytes(StandardCharsets.UTF_8));
        for (float v : tensors.read(name)) {
          if (!chunk.hasRemaining()) {
            md.update(chunk.array());
            chunk.clear();
          }
          chunk.putFloat(v);
        }
        md.update(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isFrozenPart(String name, int layers) {
    if (name.startsWith("bert.embeddings.")) {
      return true;
    }
    String p = "bert.encoder.layer.";
    if (!name.startsWith(p)) {
      return false;
    }
    int dot = name.indexOf('.', p.length());
    return dot > 0 && Integer.parseInt(name.substring(p.length(), dot)) < layers;
  }

  private static TensorSource withoutHead(TensorSource all) {
    Set<String> names = all.names().stream().filter(n -> !n.startsWith("classifier."))
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return java.util.Collections.unmodifiableSet(names);
      }

      @Override
      public long[] shape(String name) {
        return all.shape(name);
      }

      @Override
      public float[] read(String name) {
        return all.read(name);
      }
    };
  }
}
