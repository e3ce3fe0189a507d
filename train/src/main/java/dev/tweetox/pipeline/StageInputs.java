package dev.tweetox.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.io.Hashes;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.Provenance;
import dev.tweetox.split.SplitPart;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs each stage records in its manifest: the data fingerprint, the split ids, the resolved config keys the
 * stage reads, and the code version. Changing a config key redoes exactly the stages whose section holds it.
 */
final class StageInputs {
  private StageInputs() {}

  /** Reads data, cleaning and split settings and the seed (the split's). */
  static Map<String, String> prepare(TweetoxConfig cfg, String dataFingerprint) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("data", cfg.data());
    section.put("cleaning", cfg.cleaning());
    section.put("split", cfg.split());
    section.put("seed", cfg.seed());
    Map<String, String> in = new TreeMap<>();
    in.put("data", dataFingerprint);
    in.put("config", hash(section));
    in.put("code", Hashes.sha256(codeVersion()));
    return in;
  }

  /** A model's training reads its own config section, the cleaning (model inputs) and the seed. */
  static Map<String, String> train(ModelKind kind, TweetoxConfig cfg, PreparedData data) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put(kind.key(), ModelStages.configSection(kind, cfg));
    section.put("cleaning", cfg.cleaning());
    section.put("seed", cfg.seed());
    Map<String, String> in = common(data, section);
    if (kind == ModelKind.STUDENT && cfg.student().hasUnlabeled()) {
      in.put("unlabeled", UnlabeledTweets.fingerprint(cfg.student()));
    }
    return in;
  }

  /**
   * Evaluation and the report read the model list, the run name (report title), the cleaning and the decision
   * (the flag threshold is chosen there).
   */
  static Map<String, String> evaluate(TweetoxConfig cfg, PreparedData data) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("name", cfg.name());
    section.put("models", cfg.models());
    section.put("cleaning", cfg.cleaning());
    section.put("decision", cfg.decision());
    return common(data, section);
  }

  /** The split as the ordered ids of each part. */
  static String splitHash(PreparedData data) {
    StringBuilder sb = new StringBuilder();
    for (SplitPart part : SplitPart.values()) {
      sb.append(part.key()).append('\n');
      data.split(part).stream().map(Example::id).forEach(id -> sb.append(id).append('\n'));
    }
    return Hashes.sha256(sb.toString());
  }

  /** The jar's version and the git revision it was built from, so new code redoes the stages. */
  static String codeVersion() {
    return CodeVersion.VALUE;
  }

  /** Computed once per JVM: asking git is a process start. */
  private static final class CodeVersion {
    static final String VALUE = version();

    private static String version() {
      Provenance p = Provenance.start("", 0);
      return p.tweetoxVersion() + " " + p.gitRevision();
    }
  }

  private static Map<String, String> common(PreparedData data, Map<String, Object> section) {
    Map<String, String> in = new TreeMap<>();
    in.put("data", data.fingerprint());
    in.put("split", splitHash(data));
    in.put("config", hash(section));
    in.put("code", Hashes.sha256(codeVersion()));
    return in;
  }

  private static String hash(Object section) {
    try {
      return Hashes.sha256(ConfigLoader.json().writeValueAsString(section));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
