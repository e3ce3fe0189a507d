package dev.tweetox.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.bert.safetensors.SafetensorsWriter;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face-style BERT directory: {@code config.json}, {@code vocab.txt} and {@code model.safetensors} with HF
 * tensor names. Reading accepts what {@code transformers} writes (unknown config keys are ignored, but the keys we
 * use are validated and only exact-GELU absolute-position BERTs are accepted); writing produces a directory
 * {@code BertForSequenceClassification.from_pretrained} can load.
 */
public final class HfBertDirectory {
  public static final String CONFIG = "config.json";
  public static final String VOCAB = "vocab.txt";
  public static final String WEIGHTS = "model.safetensors";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a directory holds; {@code labels} come from {@code id2label} when present. */
  public record Contents(BertConfig config, Vocabulary vocab, SafetensorsReader tensors,
      Optional<List<String>> labels) {}

  private HfBertDirectory() {}

  public static Contents read(Path dir) {
    for (String f : List.of(CONFIG, VOCAB, WEIGHTS)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new TweetoxException("BERT directory " + dir + " lacks " + f + "; it needs config.json, vocab.txt"
            + " and model.safetensors");
      }
    }
    Path configFile = dir.resolve(CONFIG);
    JsonNode root;
    try {
      root = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new TweetoxException("BERT config " + configFile + " is not valid JSON: " + e.getMessage(), e);
    }
    Optional<List<String>> labels = labels(configFile, root);
    BertConfig config = config(configFile, root, labels.map(List::size).orElse(0));
    Vocabulary vocab = Vocabulary.load(dir.resolve(VOCAB));
    if (vocab.size() > config.vocabSize()) {
      throw new TweetoxException("BERT directory " + dir + ": vocab.txt has " + vocab.size()
          + " tokens but config.json vocab_size is " + config.vocabSize() + "; they must match");
    }
    return new Contents(config, vocab, SafetensorsReader.open(dir.resolve(WEIGHTS)), labels);
  }

  private static BertConfig config(Path file, JsonNode root, int labelCount) {
    String act = root.path("hidden_act").asText("gelu");
    if (!act.equals("gelu")) {
      throw new TweetoxException("BERT config " + file + ": hidden_act '" + act + "' is not supported; only the"
          + " exact 'gelu' of BERT is");
    }
    String positions = root.path("position_embedding_type").asText("absolute");
    if (!positions.equals("absolute")) {
      throw new TweetoxException("BERT config " + file + ": position_embedding_type '" + positions
          + "' is not supported; only 'absolute' is");
    }
    int numLabels = root.has("num_labels") ? intField(file, root, "num_labels", 0) : labelCount;
    if (labelCount > 0 && numLabels != labelCount) {
      throw new TweetoxException("BERT config " + file + ": num_labels " + numLabels + " disagrees with the "
          + labelCount + " entries of id2label; fix one of them");
    }
    return new BertConfig(intField(file, root, "vocab_size", null), intField(file, root, "hidden_size", null),
        intField(file, root, "num_hidden_layers", null), intField(file, root, "num_attention_heads", null),
        intField(file, root, "intermediate_size", null), intField(file, root, "max_position_embeddings", 512),
        intField(file, root, "type_vocab_size", 2), (float) root.path("layer_norm_eps").asDouble(1e-12),
        (float) root.path("hidden_dropout_prob").asDouble(0.1),
        (float) root.path("attention_probs_dropout_prob").asDouble(0.1), numLabels);
  }

  private static int intField(Path file, JsonNode root, String key, Integer fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      if (fallback == null) {
        throw new TweetoxException("BERT config " + file + " lacks the required field " + key);
      }
      return fallback;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new TweetoxException("BERT config " + file + ": field " + key + " is " + n + ", expected an integer");
    }
    return n.intValue();
  }

  private static Optional<List<String>> labels(Path file, JsonNode root) {
    JsonNode id2label = root.get("id2label");
    if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
      return Optional.empty();
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < id2label.size(); i++) {
      JsonNode label = id2label.get(Integer.toString(i));
      if (label == null) {
        throw new TweetoxException("BERT config " + file + ": id2label lacks id " + i + "; ids must be 0.."
            + (id2label.size() - 1));
      }
      labels.add(label.asText());
    }
    return Optional.of(List.copyOf(labels));
  }

  /**
   * Writes {@code model.safetensors}, {@code vocab.txt}, then {@code config.json}, each atomically; config.json is
   * last so a directory with a config is complete.
   */
  public static void write(Path dir, BertConfig config, Vocabulary vocab, TensorSource tensors,
      List<String> labels, Map<String, String> metadata) {
    if (!labels.isEmpty() && labels.size() != config.numLabels()) {
      throw new IllegalArgumentException(labels.size() + " labels for a " + config.numLabels() + "-label model");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + dir + ": " + e.getMessage(), e);
    }
    Map<String, String> meta = new java.util.TreeMap<>(metadata);
    meta.putIfAbsent("format", "pt");
    SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, meta);
    vocab.write(dir.resolve(VOCAB));
    AtomicFiles.writeString(dir.resolve(CONFIG), configJson(config, labels));
  }

  static String configJson(BertConfig c, List<String> labels) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("architectures").add(c.numLabels() > 0 ? "BertForSequenceClassification" : "BertModel");
    root.put("model_type", "bert");
    root.put("vocab_size", c.vocabSize());
    root.put("hidden_size", c.hidden());
    root.put("num_hidden_layers", c.layers());
    root.put("num_attention_heads", c.heads());
    root.put("intermediate_size", c.intermediate());
    root.put("max_position_embeddings", c.maxPositions());
    root.put("type_vocab_size", c.typeVocab());
    root.put("layer_norm_eps", asSet(c.layerNormEps()));
    root.put("hidden_act", "gelu");
    root.put("hidden_dropout_prob", asSet(c.hiddenDropout()));
    root.put("attention_probs_dropout_prob", asSet(c.attentionDropout()));
    root.put("position_embedding_type", "absolute");
    root.put("initializer_range", 0.02);
    root.put("pad_token_id", 0);
    root.put("torch_dtype", "float32");
    if (c.numLabels() > 0) {
      ObjectNode id2label = root.putObject("id2label");
      ObjectNode label2id = root.putObject("label2id");
      for (int i = 0; i < c.numLabels(); i++) {
        String name = labels.isEmpty() ? "LABEL_" + i : labels.get(i);
        id2label.put(Integer.toString(i), name);
        label2id.put(name, i);
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("could not serialise config.json", e);
    }
  }

  /**
   * The float as the user wrote it (0.1, not the widened 0.10000000149011612): the shortest decimal that reads
   * back to the same float, so the file stays exact and readable.
   */
  private static double asSet(float f) {
    return Double.parseDouble(Float.toString(f));
  }
}
