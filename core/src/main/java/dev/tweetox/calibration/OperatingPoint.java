package dev.tweetox.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.data.LabelSet;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's calibration and its flag decision, saved as {@value #FILE} in the model's folder (a run's
 * {@code transformer/model/} or {@code baseline/}, a bundle's root for the transformer and {@code baseline/} for the
 * baseline). The JSON has the shape {@code /v1/model} serves:
 * {@code {"calibration": {"method": "temperature", "temperature": 1.23},
 * "decision": {"flag_class": "negative", "threshold": 0.63}}}. A folder without the file (a model saved before
 * calibration existed) loads as {@link #uncalibrated}.
 */
public record OperatingPoint(Calibration calibration, Decision decision) {
  public static final String FILE = "calibration.json";
  /** The file is a few hundred bytes; refuse to parse anything absurd. */
  private static final long MAX_BYTES = 1 << 16;

  /** No calibration, and the flag class at the fallback threshold. */
  public static OperatingPoint uncalibrated(LabelSet labels) {
    return new OperatingPoint(Calibration.NONE, Decision.fallback(labels));
  }

  /** {@code {"method": "temperature", "temperature": 1.23}}, or {@code {"method": "none"}}. */
  public ObjectNode calibrationJson(ObjectMapper json) {
    ObjectNode o = json.createObjectNode();
    o.put("method", calibration.method().key());
    if (!calibration.isNone()) {
      o.put("temperature", calibration.temperature());
    }
    return o;
  }

  /** {@code {"flag_class": "negative", "threshold": 0.63}}. */
  public ObjectNode decisionJson(ObjectMapper json) {
    return json.createObjectNode().put("flag_class", decision.flagClass()).put("threshold", decision.threshold());
  }

  /** Writes {@value #FILE} into {@code modelDir} atomically; the same values always give the same bytes. */
  public void write(Path modelDir) {
    ObjectMapper json = ConfigLoader.json();
    ObjectNode root = json.createObjectNode();
    root.set("calibration", calibrationJson(json));
    root.set("decision", decisionJson(json));
    try {
      AtomicFiles.writeString(modelDir.resolve(FILE), json.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise " + FILE, e);
    }
  }

  /** Whether {@code modelDir} has a {@value #FILE}. */
  public static boolean exists(Path modelDir) {
    return Files.isRegularFile(modelDir.resolve(FILE));
  }

  /**
   * Reads {@value #FILE} of a model folder, or {@link #uncalibrated} when there is none.
   *
   * @throws TweetoxException naming the file and field when it is present but malformed
   */
  public static OperatingPoint read(Path modelDir, LabelSet labels) {
    Path file = modelDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return uncalibrated(labels);
    }
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw bad(file, "(file)", "is larger than 64 KiB");
      }
      root = ConfigLoader.json().readTree(file.toFile());
    } catch (IOException e) {
      throw bad(file, "(file)", "is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "(file)", "is not a JSON object");
    }
    JsonNode cal = root.path("calibration");
    Calibration.Method method = Calibration.Method.fromKey(cal.path("method").asText(""))
        .orElseThrow(() -> bad(file, "calibration.method", "is " + cal.path("method") + ", expected \"none\" or"
            + " \"temperature\""));
    Calibration calibration = Calibration.NONE;
    if (method == Calibration.Method.TEMPERATURE) {
      double t = cal.path("temperature").asDouble(Double.NaN);
      if (!cal.path("temperature").isNumber() || !(t > 0) || !Double.isFinite(t)) {
        throw bad(file, "calibration.temperature", "is " + cal.path("temperature") + ", expected a number above 0");
      }
      calibration = Calibration.temperature(t);
    }
    JsonNode dec = root.path("decision");
    if (!dec.path("flag_class").isTextual()) {
      throw bad(file, "decision.flag_class", "is " + dec.path("flag_class") + ", expected a class name");
    }
    int k;
    try {
      k = labels.indexOf(dec.path("flag_class").asText(), file + " field decision.flag_class");
    } catch (TweetoxException e) {
      throw bad(file, "decision.flag_class", "is not a class of the model " + labels.names());
    }
    double threshold = dec.path("threshold").asDouble(Double.NaN);
    if (!dec.path("threshold").isNumber() || !(threshold >= 0 && threshold <= 1)) {
      throw bad(file, "decision.threshold", "is " + dec.path("threshold") + ", expected a number in [0, 1]");
    }
    return new OperatingPoint(calibration, new Decision(k, labels.name(k), threshold));
  }

  private static TweetoxException bad(Path file, String field, String problem) {
    return new TweetoxException(file + ": field " + field + " " + problem + "; re-create it with `tweetox evaluate"
        + " --run-dir <run>` (and re-export a bundle), or delete it to use the model uncalibrated");
  }
}
