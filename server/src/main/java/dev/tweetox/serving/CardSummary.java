package dev.tweetox.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Metric;
import dev.tweetox.model.ModelKind;
import dev.tweetox.split.SplitPart;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model card in brief, as the web page shows it: what model, trained on what data, which labels, and how well
 * it did on validation and test. Built from what the model directory has; a field is absent when unknown.
 *
 * @param modelName the card's {@code model_name}, if the bundle has a card
 * @param dataset the data set's name: the card's {@code training_data.dataset}, else the data source without its
 *     {@code bundled:} prefix
 * @param dataSource where the training data came from: {@code bundled:<name>} or a file name, never a local folder
 * @param metrics split to metric to value, for {@link #METRICS} on {@link SplitPart#HELD_OUT} where known
 */
public record CardSummary(ModelKind kind, Optional<String> modelName, Optional<String> dataset,
    Optional<String> dataSource, List<String> labels, Map<SplitPart, Map<Metric, Double>> metrics) {
  /** The metrics the summary carries: the headline macro-F1 and plain accuracy. */
  public static final List<Metric> METRICS = List.of(Metric.MACRO_F1, Metric.ACCURACY);

  public CardSummary {
    labels = List.copyOf(labels);
    Map<SplitPart, Map<Metric, Double>> copy = new EnumMap<>(SplitPart.class);
    metrics.forEach((split, values) -> copy.put(split, Map.copyOf(values)));
    metrics = copy;
  }

  /**
   * @param metrics this model kind's {@code {"val": {...}, "test": {...}}}, if known
   * @param card the bundle's {@code model_card.json}, if present
   * @param provenance the run's provenance ({@code provenance.json}, or a bundle manifest's {@code provenance})
   */
  public static CardSummary of(ModelKind kind, LabelSet labels, Optional<JsonNode> metrics, Optional<JsonNode> card,
      Optional<JsonNode> provenance) {
    Optional<String> source = provenance.map(p -> p.path("dataSource").asText(""))
        .or(() -> card.map(c -> c.path("training_data").path("source").asText("")))
        .filter(s -> !s.isBlank()).map(CardSummary::withoutFolder);
    Optional<String> dataset = card.map(c -> c.path("training_data").path("dataset").asText(""))
        .filter(s -> !s.isBlank())
        .or(() -> source.map(s -> s.startsWith("bundled:") ? s.substring("bundled:".length()) : s));
    Map<SplitPart, Map<Metric, Double>> values = new EnumMap<>(SplitPart.class);
    metrics.ifPresent(m -> {
      for (SplitPart split : SplitPart.HELD_OUT) {
        Map<Metric, Double> row = new EnumMap<>(Metric.class);
        for (Metric metric : METRICS) {
          JsonNode v = m.path(split.key()).path(metric.key());
          if (v.isNumber() && Double.isFinite(v.doubleValue())) {
            row.put(metric, v.doubleValue());
          }
        }
        if (!row.isEmpty()) {
          values.put(split, row);
        }
      }
    });
    List<String> names = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      names.add(labels.name(i));
    }
    Optional<String> name = card.map(c -> c.path("model_name").asText("")).filter(s -> !s.isBlank());
    return new CardSummary(kind, name, dataset, source, names, values);
  }

  /** A run's provenance may hold an absolute data path; the page only needs its file name. */
  private static String withoutFolder(String source) {
    if (source.startsWith("bundled:")) {
      return source;
    }
    String s = source.replace('\\', '/');
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** {@code {"model_kind", "model_name"?, "dataset"?, "data_source"?, "labels", "metrics": {"val": {...}}}}. */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode o = json.createObjectNode();
    o.put("model_kind", kind.key());
    modelName.ifPresent(n -> o.put("model_name", n));
    dataset.ifPresent(d -> o.put("dataset", d));
    dataSource.ifPresent(s -> o.put("data_source", s));
    labels.forEach(o.putArray("labels")::add);
    ObjectNode m = o.putObject("metrics");
    metrics.forEach((split, values) -> {
      ObjectNode row = m.putObject(split.key());
      values.forEach((metric, v) -> row.put(metric.key(), v));
    });
    return o;
  }
}
