package dev.tweetox.tuning;

import dev.tweetox.config.BaselineConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.config.TransformerConfig;
import java.util.List;
import java.util.Map;

/** Applies a trial's parameters to the run's model config; parameters not in the space keep the config's value. */
public final class TrialConfigs {
  private TrialConfigs() {}

  public static TransformerConfig transformer(TransformerConfig b, Map<String, Object> p) {
    int frozen = integer(p, "frozenLayers", b.frozenLayers());
    // cached frozen outputs need frozen embeddings and at least one frozen layer to pay off
    boolean cache = b.cacheFrozen() && frozen > 0;
    return b.toBuilder().maxLength(integer(p, "maxLength", b.maxLength()))
        .batchSize(integer(p, "batchSize", b.batchSize())).learningRate(real(p, "learningRate", b.learningRate()))
        .weightDecay(real(p, "weightDecay", b.weightDecay())).epochs(integer(p, "epochs", b.epochs()))
        .warmupRatio(real(p, "warmupRatio", b.warmupRatio())).frozenLayers(frozen).cacheFrozen(cache)
        .layerDecay(real(p, "layerDecay", b.layerDecay())).dropoutSamples(integer(p, "dropoutSamples",
            b.dropoutSamples())).averageLast(real(p, "averageLast", b.averageLast())).build();
  }

  /**
   * The same config validating every {@code evalEvery} steps and training on all {@code trainSize} examples it is
   * given. Patience is scaled to the validations per epoch, so it still means epochs without improvement.
   */
  static TransformerConfig forTrial(TransformerConfig c, int evalEvery, int trainSize) {
    int stepsPerEpoch = (trainSize + c.batchSize() - 1) / c.batchSize();
    int perEpoch = evalEvery > 0 ? Math.max(1, (stepsPerEpoch + evalEvery - 1) / evalEvery) : 1;
    return c.toBuilder().patience(c.patience() * perEpoch).evalEvery(evalEvery).trainFraction(1.0).build();
  }

  /** A one-point grid: the trial's C, penalty and class weight (the config's first value where not tuned). */
  public static BaselineConfig baseline(BaselineConfig b, Map<String, Object> p) {
    return new BaselineConfig(b.wordNgramMin(), b.wordNgramMax(), b.charNgramMin(), b.charNgramMax(), b.minDf(),
        b.maxDf(), b.sublinearTf(), b.maxFeatures(), List.of(real(p, "c", b.c().get(0))),
        List.of(p.containsKey("penalty") ? Penalty.fromKey(String.valueOf(p.get("penalty"))) : b.penalty().get(0)),
        List.of(String.valueOf(p.getOrDefault("classWeight", b.classWeight().get(0)))), b.folds(), b.tolerance(),
        b.cvTolerance(), b.threads());
  }

  static double real(Map<String, Object> p, String key, double fallback) {
    Object v = p.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  static int integer(Map<String, Object> p, String key, int fallback) {
    Object v = p.get(key);
    return v == null ? fallback : ((Number) v).intValue();
  }
}
