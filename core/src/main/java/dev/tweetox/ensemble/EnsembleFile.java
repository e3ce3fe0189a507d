package dev.tweetox.ensemble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved stacker, {@code ensemble.json} in the ensemble's model folder: which members it stacks and in which
 * order, the class names, the softmax coefficients and how they were chosen. The members themselves are not copied:
 * a run directory or bundle holds them beside it. Plain JSON, no Java serialization.
 *
 * @param members the stacked models, in the order of the feature blocks
 * @param labels class names, in the order of the coefficients' rows
 * @param c the regularisation the inner cross-validation chose
 * @param folds the cross-fitting fold count
 * @param seed the seed of the fold assignment
 * @param crossFittedValMacroF1 the honest validation macro-F1 (out-of-fold), for the record
 */
public record EnsembleFile(List<ModelKind> members, List<String> labels, SoftmaxRegression stacker, double c,
    int folds, long seed, double crossFittedValMacroF1) {
  public static final String FILE = "ensemble.json";
  static final String FORMAT = "tweetox-ensemble";
  static final int FORMAT_VERSION = 1;
  /** Describes the stacker's input; a file with other features is refused rather than misread. */
  static final String FEATURES = "per member: probabilities, then log(max(probability, 1e-6))";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EnsembleFile {
    members = List.copyOf(members);
    labels = List.copyOf(labels);
    if (members.isEmpty() || members.contains(ModelKind.ENSEMBLE) || members.stream().distinct().count() < members.size()) {
      throw new IllegalArgumentException("members must be distinct models other than the ensemble, got " + members);
    }
    if (stacker.classes() != labels.size() || stacker.features() != 2 * labels.size() * members.size()) {
      throw new IllegalArgumentException("stacker has " + stacker.classes() + " classes and " + stacker.features()
          + " features; " + members.size() + " members of " + labels.size() + " classes need "
          + 2 * labels.size() * members.size());
    }
  }

  /** Writes {@code <dir>/ensemble.json} atomically, creating the folder. */
  public void write(Path dir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    ArrayNode m = root.putArray("members");
    members.forEach(k -> m.add(k.key()));
    ArrayNode l = root.putArray("labels");
    labels.forEach(l::add);
    root.put("features", FEATURES);
    root.put("c", c);
    root.put("folds", folds);
    root.put("seed", seed);
    root.put("crossFittedValMacroF1", crossFittedValMacroF1);
    ArrayNode w = root.putArray("weights");
    ArrayNode b = root.putArray("bias");
    for (int k = 0; k < stacker.classes(); k++) {
      ArrayNode row = w.addArray();
      for (double v : stacker.weights(k)) {
        row.add(v);
      }
      b.add(stacker.bias(k));
    }
    try {
      AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise " + FILE, e);
    }
  }

  /**
   * Reads {@code <dir>/ensemble.json}.
   *
   * @throws TweetoxException naming the file and field when it is missing, of another format or malformed
   */
  public static EnsembleFile read(Path dir) {
    Path file = dir.resolve(FILE);
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw new TweetoxException(file + " is missing; fit the ensemble with `tweetox ensemble --run-dir <run>`");
      }
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new TweetoxException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); fit the ensemble again with `tweetox ensemble --run-dir <run>`", e);
    }
    String fix = "; fit the ensemble again with `tweetox ensemble --run-dir <run>`";
    if (root == null || !FORMAT.equals(root.path("format").asText())
        || root.path("formatVersion").asInt(-1) != FORMAT_VERSION || !FEATURES.equals(root.path("features").asText())) {
      throw new TweetoxException(file + ": fields format/formatVersion/features are not " + FORMAT + " version "
          + FORMAT_VERSION + " with this tweetox's features" + fix);
    }
    try {
      List<ModelKind> members = new ArrayList<>();
      root.path("members").forEach(n -> members.add(ModelKind.parse(n.asText())));
      List<String> labels = new ArrayList<>();
      root.path("labels").forEach(n -> labels.add(n.asText()));
      JsonNode w = root.path("weights");
      double[][] weights = new double[w.size()][];
      double[] bias = new double[w.size()];
      for (int k = 0; k < w.size(); k++) {
        weights[k] = numbers(w.get(k));
        bias[k] = root.path("bias").path(k).asDouble(Double.NaN);
      }
      for (double v : bias) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("field bias needs one number per class");
        }
      }
      return new EnsembleFile(members, labels, new SoftmaxRegression(weights, bias), root.path("c").asDouble(),
          root.path("folds").asInt(), root.path("seed").asLong(), root.path("crossFittedValMacroF1").asDouble());
    } catch (IllegalArgumentException | TweetoxException e) {
      throw new TweetoxException(file + ": " + e.getMessage() + fix, e);
    }
  }

  private static double[] numbers(JsonNode arr) {
    double[] out = new double[arr.size()];
    for (int i = 0; i < out.length; i++) {
      if (!arr.get(i).isNumber()) {
        throw new IllegalArgumentException("field weights holds " + arr.get(i) + ", expected numbers");
      }
      out[i] = arr.get(i).asDouble();
    }
    return out;
  }
}
