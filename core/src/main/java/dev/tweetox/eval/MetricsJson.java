package dev.tweetox.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import dev.tweetox.split.SplitPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The run's metrics.json, shaped model -> split -> metric key -> value, e.g.
 * {@code {"baseline": {"val": {"macro_f1": 0.72}}, "transformer": {...}}}, keyed by {@link ModelKind#key()},
 * {@link SplitPart#key()} and {@link Metric#key()} (plus per-class keys such as {@code f1_positive}). Insertion order
 * is kept so the file reads in the order runs wrote it. {@link #load} gives typed reads.
 */
public final class MetricsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Map<String, Map<String, Double>>> values;

  private MetricsJson(Map<String, Map<String, Map<String, Double>>> values) {
    this.values = values;
  }

  /**
   * Reads the file for typed lookups.
   *
   * @throws TweetoxException naming the file and the entry at fault if it is missing or not shaped as expected
   */
  public static MetricsJson load(Path file) {
    return new MetricsJson(read(file));
  }

  /** Metrics already in memory, shaped as the file (model key -> split key -> metric key -> value). */
  public static MetricsJson of(Map<String, Map<String, Map<String, Double>>> values) {
    Map<String, Map<String, Map<String, Double>>> copy = new LinkedHashMap<>();
    values.forEach((model, splits) -> {
      Map<String, Map<String, Double>> s = copy.computeIfAbsent(model, m -> new LinkedHashMap<>());
      splits.forEach((split, metrics) -> s.put(split, new LinkedHashMap<>(metrics)));
    });
    return new MetricsJson(copy);
  }

  /** One metric of one model on one split, empty when the file lacks it (e.g. an undefined ROC AUC). */
  public OptionalDouble get(ModelKind kind, SplitPart split, Metric metric) {
    Double v = values.getOrDefault(kind.key(), Map.of()).getOrDefault(split.key(), Map.of()).get(metric.key());
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The model kinds the file has metrics for, in file order; entries of unknown kinds are left out. */
  public List<ModelKind> kinds() {
    return values.keySet().stream().flatMap(k -> Arrays.stream(ModelKind.values()).filter(m -> m.key().equals(k)))
        .toList();
  }

  /** The whole file, model key -> split key -> metric key -> value, read-only. */
  public Map<String, Map<String, Map<String, Double>>> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * Merges metrics for one model and split into the file, creating it if needed: keys already there for that model
   * and split are overwritten, all others kept. Non-finite values (undefined metrics) are left out. The whole file is
   * rewritten atomically; concurrent writers from separate processes are not coordinated.
   *
   * @throws TweetoxException if the existing file is not a metrics.json
   */
  public static void update(Path file, ModelKind model, SplitPart split, Map<String, Double> metrics) {
    Map<String, Map<String, Map<String, Double>>> all = Files.exists(file) ? read(file) : new LinkedHashMap<>();
    Map<String, Double> target = all.computeIfAbsent(model.key(), m -> new LinkedHashMap<>())
        .computeIfAbsent(split.key(), s -> new LinkedHashMap<>());
    metrics.forEach((key, value) -> {
      if (value != null && Double.isFinite(value)) {
        target.put(key, value);
      }
    });
    try {
      AtomicFiles.writeString(file, MAPPER.writeValueAsString(all) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise metrics for " + file, e);
    }
  }

  /**
   * Reads the whole file into mutable, insertion-ordered maps keyed as in the file.
   *
   * @throws TweetoxException naming the file and the entry at fault if it is missing or not shaped as expected
   */
  public static Map<String, Map<String, Map<String, Double>>> read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot read metrics JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); fix the file or delete it to start afresh", e);
    }
    if (root == null || !root.isObject()) {
      throw new TweetoxException(file + ": expected a JSON object of models; fix the file or delete it to start afresh");
    }
    Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> models = root.fields(); models.hasNext(); ) {
      Map.Entry<String, JsonNode> model = models.next();
      Map<String, Map<String, Double>> splits = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> split : objectFields(file, model.getValue(), model.getKey())) {
        Map<String, Double> values = new LinkedHashMap<>();
        String where = model.getKey() + "." + split.getKey();
        for (Map.Entry<String, JsonNode> metric : objectFields(file, split.getValue(), where)) {
          if (!metric.getValue().isNumber()) {
            throw new TweetoxException(file + ": " + where + "." + metric.getKey() + " is "
                + metric.getValue() + ", expected a number; fix the file or delete it to start afresh");
          }
          values.put(metric.getKey(), metric.getValue().doubleValue());
        }
        splits.put(split.getKey(), values);
      }
      out.put(model.getKey(), splits);
    }
    return out;
  }

  private static Iterable<Map.Entry<String, JsonNode>> objectFields(Path file, JsonNode node, String where) {
    if (!node.isObject()) {
      throw new TweetoxException(file + ": " + where + " is " + node
          + ", expected a JSON object; fix the file or delete it to start afresh");
    }
    return node::fields;
  }
}
