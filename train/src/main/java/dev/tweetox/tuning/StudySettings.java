package dev.tweetox.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.model.ModelKind;
import java.util.List;
import java.util.Map;

/**
 * Everything that fixes a study's list of trials besides the space: the strategy, the trial count, the seed, the
 * tuning subset and the halving schedule. Stored with the study; reopening with other settings is an error.
 *
 * @param study the study's name in the store
 * @param trials number of trials for random and halving (grid uses every combination)
 * @param subset stratified fraction of the training split the trials train on (the final retrain uses all of it)
 * @param halving the pruning schedule; used only by {@link Strategy#HALVING}
 * @param base JSON of the model config the trials start from (so a resumed study cannot switch presets); may be ""
 */
public record StudySettings(String study, ModelKind model, Strategy strategy, int trials, long seed, double subset,
    Halving halving, String base) {
  /** Settings with no base config recorded. */
  public StudySettings(String study, ModelKind model, Strategy strategy, int trials, long seed, double subset,
      Halving halving) {
    this(study, model, strategy, trials, seed, subset, halving, "");
  }

  public StudySettings {
    if (study == null || !study.matches("[A-Za-z0-9._-]+")) {
      throw new TweetoxException("--study '" + study + "' may use only letters, digits, '.', '_' and '-'");
    }
    if (!(subset > 0 && subset <= 1)) {
      throw new TweetoxException("--subset must be in (0, 1], got " + subset);
    }
    if (strategy != Strategy.GRID && trials < 1) {
      throw new TweetoxException("--trials must be at least 1, got " + trials);
    }
  }

  /** The configurations of this study's trials. */
  public List<Map<String, Object>> configurations(SearchSpace space) {
    if (space.model() != model) {
      throw new TweetoxException("the search space is for " + space.model() + " but --model is " + model);
    }
    return strategy.configurations(space, trials, seed);
  }

  /** Whether two settings JSON texts say the same thing, whatever the order of their keys. */
  static boolean sameJson(String a, String b) {
    try {
      return ConfigLoader.json().readTree(a).equals(ConfigLoader.json().readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** JSON of the parts that fix the trial list (not the study name). */
  String toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("model", model.key());
    m.put("strategy", strategy.key());
    m.put("trials", strategy == Strategy.GRID ? 0 : trials);
    m.put("seed", seed);
    m.put("subset", subset);
    if (strategy == Strategy.HALVING) {
      // not Map.of: its iteration order changes from one JVM to the next, and a resumed study compares this JSON
      Map<String, Object> h = new java.util.LinkedHashMap<>();
      h.put("resource", halving.resource().key());
      h.put("minResource", halving.minResource());
      h.put("eta", halving.eta());
      m.put("halving", h);
    }
    if (!base.isEmpty()) {
      m.put("base", base);
    }
    try {
      return ConfigLoader.json().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
