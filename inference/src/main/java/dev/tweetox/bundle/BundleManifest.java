package dev.tweetox.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tweetox.json}: the format version, the run's full configuration (the cleaning above all, so a bundle cleans
 * new text exactly as training did), its provenance, and when and from where the bundle was exported. Plain JSON,
 * read strictly: unknown config keys or a wrong format version are errors.
 *
 * @param sourceRun the run directory the bundle was exported from, as it was named at export time
 * @param model the kind of the bundle's BERT (the top-level Hugging Face directory): the transformer, or the
 *     distilled student; bundles written before the field existed hold the transformer
 */
public record BundleManifest(TweetoxConfig config, JsonNode provenance, String exportedAt, String sourceRun,
    boolean int8, ModelKind model) {
  public BundleManifest {
    if (!model.isBert()) {
      throw new IllegalArgumentException("a bundle's top-level model is a BERT, not " + model);
    }
  }

  /** A manifest of a bundle whose BERT is the transformer. */
  public BundleManifest(TweetoxConfig config, JsonNode provenance, String exportedAt, String sourceRun,
      boolean int8) {
    this(config, provenance, exportedAt, sourceRun, int8, ModelKind.TRANSFORMER);
  }

  /** A manifest is a few kilobytes; refuse to parse anything absurd. */
  static final long MAX_BYTES = 16L << 20;

  public void write(Path bundle) {
    ObjectNode root = ConfigLoader.json().createObjectNode();
    root.put("format", Bundle.FORMAT);
    root.put("formatVersion", Bundle.FORMAT_VERSION);
    root.put("exportedAt", exportedAt);
    root.put("sourceRun", sourceRun);
    root.put("int8", int8);
    root.put("model", model.key());
    root.set("config", ConfigLoader.json().valueToTree(config));
    root.set("provenance", provenance);
    try {
      AtomicFiles.writeString(bundle.resolve(Bundle.MANIFEST), ConfigLoader.json().writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise " + Bundle.MANIFEST, e);
    }
  }

  public static BundleManifest read(Path bundle) {
    Path file = bundle.resolve(Bundle.MANIFEST);
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw new TweetoxException("bundle " + bundle + " lacks " + Bundle.MANIFEST + "; re-export it with"
            + " `tweetox export`");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TweetoxException(file + " is " + size + " bytes, too large for a manifest; re-export the bundle");
      }
      root = ConfigLoader.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new TweetoxException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); re-export the bundle", e);
    }
    if (root == null || !Bundle.FORMAT.equals(root.path("format").asText())
        || root.path("formatVersion").asInt(-1) != Bundle.FORMAT_VERSION) {
      throw new TweetoxException(file + ": field format/formatVersion is not " + Bundle.FORMAT + " version "
          + Bundle.FORMAT_VERSION + "; re-export the bundle with this version of tweetox");
    }
    TweetoxConfig cfg;
    try {
      // Read as a saved config: a bundle exported before a cleaning key existed keeps cleaning as it was trained.
      cfg = root.path("config").isMissingNode() ? null
          : ConfigLoader.readSaved(root.path("config"), file + " field config");
    } catch (TweetoxException | IllegalArgumentException e) {
      throw new TweetoxException(file + ": field config is not a valid tweetox config ("
          + e.getMessage().lines().findFirst().orElse("") + "); re-export the bundle", e);
    }
    if (cfg == null) {
      throw new TweetoxException(file + ": field config is missing; re-export the bundle");
    }
    ModelKind model;
    try {
      model = ModelKind.parse(root.path("model").asText(ModelKind.TRANSFORMER.key()));
    } catch (TweetoxException e) {
      throw new TweetoxException(file + ": field model: " + e.getMessage() + "; re-export the bundle", e);
    }
    if (!model.isBert()) {
      throw new TweetoxException(file + ": field model is " + model + ", but a bundle's top-level model is a"
          + " BERT (transformer or student); re-export the bundle");
    }
    return new BundleManifest(cfg, root.path("provenance"), root.path("exportedAt").asText(""),
        root.path("sourceRun").asText(""), root.path("int8").asBoolean(false), model);
  }
}
