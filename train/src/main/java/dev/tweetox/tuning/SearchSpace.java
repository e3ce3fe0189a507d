package dev.tweetox.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.ConfigWord;
import dev.tweetox.config.Penalty;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.model.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A typed, validated search space for one model type: parameter -> {@link ParamRange}, kept in key order so the
 * space has one canonical JSON form (stored with the study and compared when it is reopened).
 *
 * <p>File format (YAML or JSON), unknown keys are errors:
 * <pre>
 * model: transformer
 * parameters:
 *   learningRate: {min: 2.0e-5, max: 5.0e-5, log: true}
 *   batchSize: {values: [8, 16, 32]}
 *   epochs: {min: 2, max: 4}
 * </pre>
 */
public record SearchSpace(ModelKind model, Map<String, ParamRange> parameters) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<Object> PENALTIES = List.copyOf(ConfigWord.keys(Penalty.values()));

  public SearchSpace {
    if (model == null) {
      throw new TweetoxException("search space model: missing; use one of " + ModelKind.keys());
    }
    if (parameters.isEmpty()) {
      throw new TweetoxException("search space for " + model + " is empty; name at least one of "
          + TuneParam.keysFor(model) + " under parameters:");
    }
    parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
  }

  /** Reads a {@code .yaml}/{@code .yml} or {@code .json} space file. */
  public static SearchSpace load(Path file) {
    JsonNode root;
    try {
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : ConfigLoader.json();
      root = m.readTree(Files.readString(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TweetoxException("search space file " + file + " does not exist; pass an existing --space file");
    } catch (IOException e) {
      throw new TweetoxException("search space file " + file + " is not valid YAML/JSON: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    return parse(root, file.toString());
  }

  /** Parses a space tree; {@code source} names it in errors. */
  public static SearchSpace parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new TweetoxException(source + ": a search space is a map with model: and parameters:");
    }
    onlyKeys(root, Set.of("model", "parameters"), source);
    String key = root.path("model").asText("");
    ModelKind model = Arrays.stream(ModelKind.values()).filter(k -> k.key().equals(key)).findFirst().orElseThrow(
        () -> new TweetoxException(source + ": model must be one of " + ModelKind.keys() + ", got '" + key + "'"));
    JsonNode params = root.path("parameters");
    if (!params.isObject() || params.isEmpty()) {
      throw new TweetoxException(source + ": the search space is empty; list at least one of "
          + TuneParam.keysFor(model) + " under parameters:");
    }
    Map<String, ParamRange> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = source + " parameters." + e.getKey();
      TuneParam p = TuneParam.byKey(e.getKey()).filter(x -> x.model() == model).orElseThrow(() ->
          new TweetoxException(where + ": unknown parameter for model " + model + "; valid: "
              + TuneParam.keysFor(model)));
      out.put(p.key(), rangeOf(p, e.getValue(), where));
    }
    return new SearchSpace(model, out);
  }

  private static ParamRange rangeOf(TuneParam p, JsonNode node, String where) {
    if (node.isArray()) {
      return ParamRange.of(p, values(node), where);
    }
    if (!node.isObject()) {
      throw new TweetoxException(where + ": give {values: [...]} or {min: .., max: .., log: true|false}");
    }
    onlyKeys(node, Set.of("values", "min", "max", "log"), where);
    if (node.has("values")) {
      if (node.has("min") || node.has("max") || node.has("log")) {
        throw new TweetoxException(where + ": give either values or min/max, not both");
      }
      if (!node.get("values").isArray()) {
        throw new TweetoxException(where + ".values: must be a list");
      }
      return ParamRange.of(p, values(node.get("values")), where);
    }
    if (!node.has("min") || !node.has("max")) {
      throw new TweetoxException(where + ": a range needs both min and max");
    }
    return ParamRange.range(p, scalar(node.get("min")), scalar(node.get("max")),
        node.path("log").asBoolean(false), where);
  }

  private static List<Object> values(JsonNode array) {
    List<Object> out = new ArrayList<>();
    array.forEach(v -> out.add(scalar(v)));
    return out;
  }

  private static Object scalar(JsonNode v) {
    if (v.isNumber()) {
      return v.isIntegralNumber() ? (Object) v.longValue() : (Object) v.doubleValue();
    }
    return v.asText();
  }

  private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new TweetoxException(where + ": unknown key '" + k + "'; valid: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  /** The canonical JSON (sorted keys), as stored with a study. */
  public String toJson() {
    ObjectNode root = ConfigLoader.json().createObjectNode();
    root.put("model", model.key());
    ObjectNode ps = root.putObject("parameters");
    parameters.forEach((k, r) -> {
      ObjectNode n = ps.putObject(k);
      if (r.isRange()) {
        n.put("min", r.min());
        n.put("max", r.max());
        n.put("log", r.log());
      } else {
        n.set("values", ConfigLoader.json().valueToTree(r.values()));
      }
    });
    try {
      return ConfigLoader.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SearchSpace fromJson(String json) {
    try {
      return parse(ConfigLoader.json().readTree(json), "stored search space");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored search space is not JSON: " + e.getMessage(), e);
    }
  }

  /** The reference notebook's grid: lr 3e-5, batch 8|16, weight decay 0|0.01, epochs 2|3 (8 combinations). */
  public static SearchSpace notebookGrid() {
    Map<String, ParamRange> m = new LinkedHashMap<>();
    m.put("learningRate", ParamRange.of(TuneParam.LEARNING_RATE, List.of(3e-5), "preset"));
    m.put("batchSize", ParamRange.of(TuneParam.BATCH_SIZE, List.of(8L, 16L), "preset"));
    m.put("weightDecay", ParamRange.of(TuneParam.WEIGHT_DECAY, List.of(0.0, 0.01), "preset"));
    m.put("epochs", ParamRange.of(TuneParam.EPOCHS, List.of(2L, 3L), "preset"));
    return new SearchSpace(ModelKind.TRANSFORMER, m);
  }

  /** The notebook's random space: lr log-uniform [2e-5, 5e-5], batch 8..32 listed, decay [0, 0.1], epochs 2..4. */
  public static SearchSpace notebookRandom() {
    Map<String, ParamRange> m = new LinkedHashMap<>();
    m.put("learningRate", ParamRange.range(TuneParam.LEARNING_RATE, 2e-5, 5e-5, true, "preset"));
    m.put("batchSize", ParamRange.of(TuneParam.BATCH_SIZE, List.of(8L, 12L, 16L, 24L, 32L), "preset"));
    m.put("weightDecay", ParamRange.range(TuneParam.WEIGHT_DECAY, 0.0, 0.1, false, "preset"));
    m.put("epochs", ParamRange.range(TuneParam.EPOCHS, 2L, 4L, false, "preset"));
    return new SearchSpace(ModelKind.TRANSFORMER, m);
  }

  /** The baseline's grid: the notebook's C values x l1|l2 x class weight none|balanced. */
  public static SearchSpace baselineGrid() {
    Map<String, ParamRange> m = new LinkedHashMap<>();
    m.put("c", ParamRange.of(TuneParam.C, List.of(0.1, 0.5, 1.0, 2.0, 4.0, 8.0), "preset"));
    m.put("penalty", ParamRange.of(TuneParam.PENALTY, PENALTIES, "preset"));
    m.put("classWeight", ParamRange.of(TuneParam.CLASS_WEIGHT, List.of("none", "balanced"), "preset"));
    return new SearchSpace(ModelKind.BASELINE, m);
  }

  /** The baseline's random space: C log-uniform [0.05, 20] x l1|l2 x class weight none|balanced. */
  public static SearchSpace baselineRandom() {
    Map<String, ParamRange> m = new LinkedHashMap<>();
    m.put("c", ParamRange.range(TuneParam.C, 0.05, 20.0, true, "preset"));
    m.put("penalty", ParamRange.of(TuneParam.PENALTY, PENALTIES, "preset"));
    m.put("classWeight", ParamRange.of(TuneParam.CLASS_WEIGHT, List.of("none", "balanced"), "preset"));
    return new SearchSpace(ModelKind.BASELINE, m);
  }

  /**
   * The random space for the {@code quick} and {@code default} presets, which train only the top layers on cached
   * frozen outputs: they want higher learning rates than full fine-tuning, and one or two epochs fit a CPU budget.
   * Learning rate log-uniform [5e-5, 4e-4], batch 16|32, weight decay [0, 0.1], warmup [0, 0.2], epochs 1|2.
   */
  public static SearchSpace frozenRandom() {
    Map<String, ParamRange> m = new LinkedHashMap<>();
    m.put("learningRate", ParamRange.range(TuneParam.LEARNING_RATE, 5e-5, 4e-4, true, "preset"));
    m.put("batchSize", ParamRange.of(TuneParam.BATCH_SIZE, List.of(16L, 32L), "preset"));
    m.put("weightDecay", ParamRange.range(TuneParam.WEIGHT_DECAY, 0.0, 0.1, false, "preset"));
    m.put("warmupRatio", ParamRange.range(TuneParam.WARMUP_RATIO, 0.0, 0.2, false, "preset"));
    m.put("epochs", ParamRange.of(TuneParam.EPOCHS, List.of(1L, 2L), "preset"));
    return new SearchSpace(ModelKind.TRANSFORMER, m);
  }

  /**
   * The ready-made space for a model and strategy: a grid for {@code grid}; otherwise ranges, for the transformer
   * the notebook's (full fine-tuning) with the {@code full} preset and {@link #frozenRandom} with the others.
   */
  public static SearchSpace preset(ModelKind model, Strategy strategy, TransformerConfig.Preset transformerPreset) {
    boolean grid = strategy == Strategy.GRID;
    if (model == ModelKind.BASELINE) {
      return grid ? baselineGrid() : baselineRandom();
    }
    if (grid) {
      return notebookGrid();
    }
    return transformerPreset == TransformerConfig.Preset.FULL ? notebookRandom() : frozenRandom();
  }
}
