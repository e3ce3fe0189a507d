package dev.tweetox.tuning;

import static dev.tweetox.model.ModelKind.BASELINE;
import static dev.tweetox.model.ModelKind.TRANSFORMER;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigWord;
import dev.tweetox.config.Penalty;
import dev.tweetox.model.ModelKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hyperparameters a search space may name, each with the model type it belongs to, its value type and the
 * range a value must lie in. Names are the config keys of {@code transformer.*} and {@code baseline.*}.
 */
public enum TuneParam {
  LEARNING_RATE("learningRate", TRANSFORMER, Kind.REAL, 1e-8, 1.0),
  BATCH_SIZE("batchSize", TRANSFORMER, Kind.INT, 1, 4096),
  WEIGHT_DECAY("weightDecay", TRANSFORMER, Kind.REAL, 0, 1),
  EPOCHS("epochs", TRANSFORMER, Kind.INT, 1, 100),
  WARMUP_RATIO("warmupRatio", TRANSFORMER, Kind.REAL, 0, 0.5),
  FROZEN_LAYERS("frozenLayers", TRANSFORMER, Kind.INT, 0, 48),
  MAX_LENGTH("maxLength", TRANSFORMER, Kind.INT, 8, 512),
  LAYER_DECAY("layerDecay", TRANSFORMER, Kind.REAL, 0.01, 1),
  DROPOUT_SAMPLES("dropoutSamples", TRANSFORMER, Kind.INT, 1, 16),
  AVERAGE_LAST("averageLast", TRANSFORMER, Kind.REAL, 0, 0.99),
  C("c", BASELINE, Kind.REAL, 1e-6, 1e6),
  PENALTY("penalty", BASELINE, Kind.CHOICE, 0, 0, ConfigWord.keys(Penalty.values()).toArray(String[]::new)),
  CLASS_WEIGHT("classWeight", BASELINE, Kind.CHOICE, 0, 0, "none", "balanced");

  /** How values are drawn and stored: reals and integers may be ranges, choices are always listed. */
  public enum Kind { REAL, INT, CHOICE }

  private final String key;
  private final ModelKind model;
  private final Kind kind;
  private final double min;
  private final double max;
  private final List<String> choices;

  TuneParam(String key, ModelKind model, Kind kind, double min, double max, String... choices) {
    this.key = key;
    this.model = model;
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.choices = List.of(choices);
  }

  public String key() {
    return key;
  }

  public ModelKind model() {
    return model;
  }

  public Kind kind() {
    return kind;
  }

  public static Optional<TuneParam> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  /** The keys valid for one model type, for error messages. */
  public static List<String> keysFor(ModelKind model) {
    return Arrays.stream(values()).filter(p -> p.model == model).map(TuneParam::key).toList();
  }

  /** Checks one value and returns it in its canonical Java type (Double, Integer or String). */
  Object check(Object value, String where) {
    switch (kind) {
      case CHOICE -> {
        String s = String.valueOf(value).toLowerCase(Locale.ROOT);
        boolean explicitWeights = this == CLASS_WEIGHT && s.matches("\\d+(\\.\\d+)?(:\\d+(\\.\\d+)?)+");
        if (!choices.contains(s) && !explicitWeights) {
          throw new TweetoxException(where + ": '" + value + "' is not one of " + choices
              + (this == CLASS_WEIGHT ? " or explicit weights like 1.2:0.8:1.2" : ""));
        }
        return s;
      }
      case INT -> {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw new TweetoxException(where + ": '" + value + "' must be a whole number");
        }
        inRange(n.doubleValue(), where);
        return n.intValue();
      }
      default -> {
        if (!(value instanceof Number n)) {
          throw new TweetoxException(where + ": '" + value + "' must be a number");
        }
        inRange(n.doubleValue(), where);
        return n.doubleValue();
      }
    }
  }

  private void inRange(double v, String where) {
    if (!(v >= min && v <= max)) {
      throw new TweetoxException(where + ": " + format(v) + " is outside the valid range [" + format(min) + ", "
          + format(max) + "]");
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
