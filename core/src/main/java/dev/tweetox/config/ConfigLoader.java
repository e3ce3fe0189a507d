package dev.tweetox.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a {@link TweetoxConfig} from the defaults, an optional YAML or JSON file, and {@code key=value} overrides,
 * in that order. Every key must already exist in the defaults, so a typo fails with the list of valid keys instead of
 * being silently ignored.
 */
public final class ConfigLoader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** The shared mapper for config and metrics JSON. */
  public static ObjectMapper json() {
    return JSON;
  }

  public static TweetoxConfig load(Path file, List<String> overrides) {
    return load(TweetoxConfig.defaults(), file, overrides);
  }

  /**
   * @param base the starting point (usually {@link TweetoxConfig#defaults()}, or a preset)
   * @param file a YAML ({@code .yml}/{@code .yaml}) or JSON file, or null
   * @param overrides {@code dotted.key=value} strings; lists are comma-separated
   */
  public static TweetoxConfig load(TweetoxConfig base, Path file, List<String> overrides) {
    ObjectNode tree = JSON.valueToTree(base);
    if (file != null) {
      merge(tree, readFile(file), "", file.toString());
    }
    for (String o : overrides) {
      applyOverride(tree, o);
    }
    return fromTree(tree, file == null ? "command-line overrides" : file.toString());
  }

  public static String toJson(TweetoxConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a config saved by a previous run ({@code config.json}), strictly. A key the file lacks because it was
   * written before the key existed takes the value that reproduces how that run was trained (see
   * {@link #savedBase()}), not today's default.
   */
  public static TweetoxConfig readSaved(Path file) {
    return load(savedBase(), file, List.of());
  }

  /** As {@link #readSaved(Path)}, for a config embedded in another JSON file, e.g. a bundle's manifest. */
  public static TweetoxConfig readSaved(JsonNode saved, String origin) {
    ObjectNode tree = JSON.valueToTree(savedBase());
    if (saved == null || !saved.isObject()) {
      throw new TweetoxException(origin + ": the saved config is missing or not a JSON object");
    }
    merge(tree, saved, "", origin);
    return fromTree(tree, origin);
  }

  /** The defaults, with every key added since configs were first saved set to its behaviour before it existed. */
  static TweetoxConfig savedBase() {
    TweetoxConfig d = TweetoxConfig.defaults();
    ObjectNode tree = JSON.valueToTree(d);
    ((ObjectNode) tree.get("cleaning")).put("emojiToWords", CleaningConfig.LEGACY_EMOJI);
    return fromTree(tree, "saved-config defaults");
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException("config file " + file + " does not exist; pass an existing YAML or JSON file to --config");
    }
    String name = file.getFileName().toString().toLowerCase();
    ObjectMapper mapper = name.endsWith(".yml") || name.endsWith(".yaml") ? YAML : JSON;
    try {
      JsonNode node = mapper.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JSON.createObjectNode();
      }
      if (!node.isObject()) {
        throw new TweetoxException("config file " + file + ": the top level must be a mapping of keys to values");
      }
      return node;
    } catch (IOException e) {
      throw new TweetoxException("config file " + file + " is not valid " + (mapper == YAML ? "YAML" : "JSON")
          + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static void merge(ObjectNode target, JsonNode source, String prefix, String origin) {
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode existing = target.get(e.getKey());
      if (existing == null) {
        throw unknownKey(origin, key, target);
      }
      if (existing.isObject()) {
        if (!e.getValue().isObject()) {
          throw new TweetoxException(origin + ": config key '" + key + "' is a section; give it nested keys "
              + new TreeSet<>(fieldNames(existing)));
        }
        merge((ObjectNode) existing, e.getValue(), key + ".", origin);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void applyOverride(ObjectNode tree, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new TweetoxException("override '" + override + "' must look like key=value, e.g. baseline.folds=3");
    }
    String path = override.substring(0, eq).trim();
    String value = override.substring(eq + 1).trim();
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        throw unknownKey("override", String.join(".", java.util.Arrays.copyOf(parts, i + 1)), node);
      }
      node = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    JsonNode existing = node.get(leaf);
    if (existing == null) {
      throw unknownKey("override", path, node);
    }
    if (existing.isObject()) {
      throw new TweetoxException("override '" + path + "' names a section; set one of its keys "
          + new TreeSet<>(fieldNames(existing)));
    }
    if (existing.isArray()) {
      ArrayNode arr = JSON.createArrayNode();
      if (!value.isEmpty()) {
        for (String v : value.split(",")) {
          arr.add(scalar(v.trim()));
        }
      }
      node.set(leaf, arr);
    } else if (existing.isTextual()) {
      node.put(leaf, value);
    } else {
      node.set(leaf, scalar(value));
    }
  }

  private static JsonNode scalar(String v) {
    try {
      JsonNode n = JSON.readTree(v);
      if (n != null && (n.isNumber() || n.isBoolean())) {
        return n;
      }
    } catch (IOException ignored) {
      // not a JSON literal: treat as text
    }
    return JSON.getNodeFactory().textNode(v);
  }

  private static TweetoxConfig fromTree(JsonNode tree, String origin) {
    try {
      return JSON.treeToValue(tree, TweetoxConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigWord.Unknown u && e instanceof JsonMappingException jme) {
        throw new TweetoxException(origin + ": " + u.forKey(keyPath(jme)), u);
      }
      if (cause instanceof TweetoxException te) {
        throw new TweetoxException(origin + ": " + te.getMessage(), te);
      }
      String where = e instanceof JsonMappingException jme
          ? jme.getPathReference().replaceAll("dev\\.tweetox\\.config\\.\\w+\\[\"([^\"]+)\"\\]", "$1")
              .replace("->", ".")
          : "";
      throw new TweetoxException(origin + ": bad value" + (where.isEmpty() ? "" : " at " + where) + ": "
          + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** The dotted config key an error happened at, e.g. {@code data.format} or {@code baseline.penalty[1]}. */
  private static String keyPath(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static TweetoxException unknownKey(String origin, String key, JsonNode siblings) {
    return new TweetoxException(origin + ": unknown config key '" + key + "'; valid keys here are "
        + new TreeSet<>(fieldNames(siblings)));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
