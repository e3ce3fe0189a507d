package dev.tweetox.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code GET /v1/model} reports: the model kind and precision, its labels, the run's metrics for that kind
 * (from a run's {@code metrics.json}, else the bundle card's {@code metrics}), the model card
 * ({@code model_card.json}) when the directory has one, and the card's summary for the web page.
 *
 * @param source the directory's file name (not the full path, which would leak the server's layout)
 * @param metrics {@code {"val": {...}, "test": {...}}} for this model kind, if known
 * @param card the bundle's model card, if present
 * @param summary what the page shows of the card: kind, data set, labels, val/test macro-F1 and accuracy
 */
public record ModelInfo(ModelKind kind, Precision precision, LabelSet labels, String source, Optional<JsonNode> metrics,
    Optional<JsonNode> card, CardSummary summary) {
  private static final long MAX_JSON_BYTES = 1 << 20;

  /** Without provenance: the summary is built from the metrics and the card alone. */
  public ModelInfo(ModelKind kind, Precision precision, LabelSet labels, String source, Optional<JsonNode> metrics,
      Optional<JsonNode> card) {
    this(kind, precision, labels, source, metrics, card,
        CardSummary.of(kind, labels, metrics, card, Optional.empty()));
  }

  /**
   * Reads the optional metrics, card and provenance beside a model; a present but broken file is an error naming
   * it.
   */
  public static ModelInfo read(Path dir, ModelKind kind, Precision precision, LabelSet labels) {
    ObjectMapper json = new ObjectMapper();
    Optional<JsonNode> card = readJson(json, dir.resolve(Bundle.CARD_JSON));
    Optional<JsonNode> metrics = readJson(json, dir.resolve(RunDirectory.METRICS))
        .map(m -> m.has(kind.key()) ? m.get(kind.key()) : m)
        .or(() -> card.map(c -> c.path("metrics").path(kind.key())).filter(JsonNode::isObject));
    // A run keeps its provenance beside the model; a bundle inside its manifest.
    Optional<JsonNode> provenance = readJson(json, dir.resolve(RunDirectory.PROVENANCE))
        .or(() -> readJson(json, dir.resolve(Bundle.MANIFEST)).map(m -> m.path("provenance")))
        .filter(JsonNode::isObject);
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return new ModelInfo(kind, precision, labels, name == null ? "" : name.toString(), metrics, card,
        CardSummary.of(kind, labels, metrics, card, provenance));
  }

  private static Optional<JsonNode> readJson(ObjectMapper json, Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_JSON_BYTES) {
        throw new TweetoxException(file + ": larger than 1 MiB; is this the right file?");
      }
      return Optional.of(json.readTree(file.toFile()));
    } catch (IOException e) {
      throw new TweetoxException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); regenerate it or remove it");
    }
  }

  /**
   * The JSON served at {@code GET /v1/model}, with the loaded model's calibration and flag decision, and the
   * server's limits so clients can size their batches.
   */
  public ObjectNode toJson(ObjectMapper json, ServerConfig limits, OperatingPoint operatingPoint) {
    ObjectNode o = json.createObjectNode();
    o.put("kind", kind.key());
    o.put("precision", precision.key());
    o.put("source", source);
    var arr = o.putArray("labels");
    for (int i = 0; i < labels.size(); i++) {
      arr.addObject().put("index", i).put("name", labels.name(i)).put("value", labels.values().get(i));
    }
    o.set("calibration", operatingPoint.calibrationJson(json));
    o.set("decision", operatingPoint.decisionJson(json));
    metrics.ifPresent(m -> o.set("metrics", m));
    card.ifPresent(c -> o.set("model_card", c));
    o.set("card", summary.toJson(json));
    o.putObject("limits").put("max_batch", limits.maxBatch()).put("max_body_bytes", limits.maxBodyBytes())
        .put("max_text_chars", limits.maxTextChars()).put("queue_capacity", limits.queueCapacity())
        .put("micro_batch", limits.microBatch()).put("max_explain_texts", limits.maxExplainTexts());
    return o;
  }
}
