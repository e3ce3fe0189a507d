package dev.tweetox.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.features.Analyzer;
import dev.tweetox.features.TfidfBlock;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The saved baseline: a directory of three plain files, no Java serialization.
 *
 * <ul>
 *   <li>{@code model.json}: {@code format} ("tweetox-baseline"), {@code formatVersion} (1), {@code kind},
 *       {@code labels} ({@code values}, {@code names}), {@code params} ({@code c}, {@code penalty},
 *       {@code classWeight}), {@code vectorizer} (the {@link TfidfSettings} fields plus {@code wordFeatures} and
 *       {@code charFeatures}), {@code decisionFunctions}, and {@code files}: for each other file its
 *       {@code bytes} and {@code sha256} (lower-case hex).
 *   <li>{@code vocabulary.tsv}: the feature columns in order, word block then char_wb block (see
 *       {@link VocabularyTsv}).
 *   <li>{@code weights.bin}: little-endian IEEE float64, for each decision function {@code d} (one per class, or
 *       one for class index 1 when there are two classes) its {@code F} feature weights in column order followed by
 *       its bias; {@code decisionFunctions * (F + 1) * 8} bytes with {@code F = wordFeatures + charFeatures}.
 * </ul>
 *
 * <p>Every file is written atomically and {@code model.json} last, so a directory interrupted mid-save fails the
 * checksum check instead of loading stale weights. Loading verifies each file's size and SHA-256 first.
 */
final class BaselineModelFiles {
  static final String FORMAT = "tweetox-baseline";
  static final int FORMAT_VERSION = 1;
  static final String MODEL_JSON = "model.json";
  static final String VOCABULARY = "vocabulary.tsv";
  static final String WEIGHTS = "weights.bin";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BaselineModelFiles() {}

  static void save(BaselineModel model, Path dir) {
    try {
      write(model, dir);
    } catch (UncheckedIOException e) {
      throw new TweetoxException(dir + ": cannot save the baseline model (" + e.getMessage()
          + "); check that the directory is writable and the disk has room", e);
    }
  }

  private static void write(BaselineModel model, Path dir) {
    TfidfVectorizer vec = model.vectorizer();
    byte[] vocab = VocabularyTsv.encode(vec.blocks());
    byte[] weights = encodeWeights(model.linear());
    AtomicFiles.writeBytes(dir.resolve(VOCABULARY), vocab);
    AtomicFiles.writeBytes(dir.resolve(WEIGHTS), weights);

    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("kind", model.kind().key());
    ObjectNode labels = root.putObject("labels");
    model.labels().values().forEach(labels.putArray("values")::add);
    model.labels().names().forEach(labels.putArray("names")::add);
    ObjectNode params = root.putObject("params");
    params.put("c", model.params().c());
    params.put("penalty", model.params().penalty().key());
    params.put("classWeight", model.params().classWeight().spec());
    ObjectNode v = JSON.valueToTree(vec.settings());
    v.put("wordFeatures", vec.wordBlock().size());
    v.put("charFeatures", vec.charBlock().map(TfidfBlock::size).orElse(0));
    root.set("vectorizer", v);
    root.put("decisionFunctions", model.linear().decisionFunctions());
    ObjectNode files = root.putObject("files");
    describe(files.putObject(VOCABULARY), vocab);
    describe(files.putObject(WEIGHTS), weights);
    try {
      AtomicFiles.writeBytes(dir.resolve(MODEL_JSON), JSON.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static BaselineModel load(Path dir) {
    Path jsonFile = dir.resolve(MODEL_JSON);
    JsonNode root;
    try {
      root = JSON.readTree(read(jsonFile));
    } catch (IOException e) {
      throw corrupt(jsonFile, "is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    Fields f = new Fields(jsonFile, root);
    if (!FORMAT.equals(f.text(root, "format"))) {
      throw new TweetoxException(jsonFile + ": format is not '" + FORMAT + "'; point to a directory saved by the"
          + " tweetox baseline trainer");
    }
    int version = f.integer(root, "formatVersion");
    if (version != FORMAT_VERSION) {
      throw new TweetoxException(jsonFile + ": formatVersion " + version + " is not supported (this tweetox reads "
          + FORMAT_VERSION + "); re-export the model with this version");
    }
    JsonNode files = f.node(root, "files");
    byte[] vocab = verified(dir.resolve(VOCABULARY), f.node(files, VOCABULARY), f);
    byte[] weights = verified(dir.resolve(WEIGHTS), f.node(files, WEIGHTS), f);

    JsonNode lab = f.node(root, "labels");
    LabelSet labels;
    try {
      labels = new LabelSet(f.strings(lab, "values"), f.strings(lab, "names"));
    } catch (IllegalArgumentException e) {
      throw corrupt(jsonFile, "field 'labels' is invalid: " + e.getMessage());
    }
    JsonNode p = f.node(root, "params");
    LrParams params;
    TfidfSettings settings;
    JsonNode v = f.node(root, "vectorizer");
    try {
      params = new LrParams(f.number(p, "c"), Penalty.fromKey(f.text(p, "penalty")),
          new ClassWeighting(f.text(p, "classWeight")));
      settings = new TfidfSettings(f.integer(v, "wordNgramMin"), f.integer(v, "wordNgramMax"),
          f.integer(v, "charNgramMin"), f.integer(v, "charNgramMax"), f.integer(v, "minDf"),
          f.number(v, "maxDf"), f.bool(v, "sublinearTf"), f.integer(v, "maxFeatures"));
    } catch (IllegalArgumentException | TweetoxException e) {
      throw corrupt(jsonFile, "has invalid params or vectorizer settings: " + e.getMessage());
    }
    List<Analyzer> analyzers = new ArrayList<>();
    analyzers.add(new Analyzer.WordNgrams(settings.wordNgramMin(), settings.wordNgramMax()));
    int wordFeatures = f.integer(v, "wordFeatures");
    int charFeatures = f.integer(v, "charFeatures");
    int[] sizes = settings.charEnabled() ? new int[] {wordFeatures, charFeatures} : new int[] {wordFeatures};
    if (settings.charEnabled()) {
      analyzers.add(new Analyzer.CharWbNgrams(settings.charNgramMin(), settings.charNgramMax()));
    }
    List<TfidfBlock> blocks =
        VocabularyTsv.decode(vocab, dir.resolve(VOCABULARY), analyzers, sizes, settings.sublinearTf());
    TfidfVectorizer vec = new TfidfVectorizer(settings, blocks.get(0),
        blocks.size() > 1 ? Optional.of(blocks.get(1)) : Optional.empty());
    LinearModel linear = decodeWeights(weights, dir.resolve(WEIGHTS), labels.size(),
        f.integer(root, "decisionFunctions"), vec.featureCount());
    return new BaselineModel(labels, params, vec, linear);
  }

  private static byte[] encodeWeights(LinearModel m) {
    int fns = m.decisionFunctions();
    int row = m.features() + 1;
    ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(fns * row, 8)).order(ByteOrder.LITTLE_ENDIAN);
    for (int d = 0; d < fns; d++) {
      for (double w : m.weights(d)) {
        buf.putDouble(w);
      }
      buf.putDouble(m.bias(d));
    }
    return buf.array();
  }

  private static LinearModel decodeWeights(byte[] bytes, Path file, int classes, int fns, int features) {
    int expectedFns = classes == 2 ? 1 : classes;
    long expected = (long) fns * (features + 1) * 8;
    if (fns != expectedFns || bytes.length != expected) {
      throw corrupt(file, "holds " + bytes.length + " bytes but " + expectedFns + " decision functions over "
          + features + " features need " + (long) expectedFns * (features + 1) * 8);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[][] w = new double[fns][features];
    double[] b = new double[fns];
    for (int d = 0; d < fns; d++) {
      for (int j = 0; j < features; j++) {
        w[d][j] = buf.getDouble();
      }
      b[d] = buf.getDouble();
    }
    return new LinearModel(classes, w, b);
  }

  private static void describe(ObjectNode node, byte[] content) {
    node.put("bytes", content.length);
    node.put("sha256", sha256(content));
  }

  /** Reads a file and checks it against its recorded size and checksum. */
  private static byte[] verified(Path file, JsonNode record, Fields f) {
    byte[] content = read(file);
    long bytes = f.longValue(record, "bytes");
    if (content.length != bytes) {
      throw corrupt(file, "is " + content.length + " bytes but model.json records " + bytes
          + " (truncated or replaced)");
    }
    String expected = f.text(record, "sha256");
    String actual = sha256(content);
    if (!actual.equals(expected)) {
      throw corrupt(file, "fails its SHA-256 check (model.json records " + expected + ", the file has " + actual
          + ")");
    }
    return content;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TweetoxException(file + ": not found; point to a directory saved by the baseline trainer, or"
          + " re-train or re-export the model");
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot be read (" + e.getMessage() + "); check permissions");
    }
  }

  static TweetoxException corrupt(Path file, String problem) {
    return new TweetoxException(file + ": " + problem + "; the model is corrupted -- re-train or re-export it");
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** Typed reads from model.json that name the missing or mistyped field. */
  private record Fields(Path file, JsonNode root) {
    JsonNode node(JsonNode parent, String name) {
      JsonNode n = parent.get(name);
      if (n == null || n.isNull()) {
        throw corrupt(file, "field '" + name + "' is missing");
      }
      return n;
    }

    String text(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isTextual()) {
        throw corrupt(file, "field '" + name + "' must be a string");
      }
      return n.asText();
    }

    int integer(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isInt()) {
        throw corrupt(file, "field '" + name + "' must be an integer");
      }
      return n.intValue();
    }

    long longValue(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isIntegralNumber()) {
        throw corrupt(file, "field '" + name + "' must be an integer");
      }
      return n.longValue();
    }

    double number(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isNumber()) {
        throw corrupt(file, "field '" + name + "' must be a number");
      }
      return n.doubleValue();
    }

    boolean bool(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isBoolean()) {
        throw corrupt(file, "field '" + name + "' must be true or false");
      }
      return n.booleanValue();
    }

    List<String> strings(JsonNode parent, String name) {
      JsonNode n = node(parent, name);
      if (!n.isArray()) {
        throw corrupt(file, "field '" + name + "' must be a list of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : (ArrayNode) n) {
        out.add(e.asText());
      }
      return out;
    }
  }
}
