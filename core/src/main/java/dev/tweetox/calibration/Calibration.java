package dev.tweetox.calibration;

/**
 * How a model's probabilities are adjusted before anyone sees them. Temperature scaling divides the logits by
 * {@code T}: {@code softmax(z / T)}. It is computed from the probabilities themselves, since
 * {@code softmax(log p / T) = softmax(z / T)} (the log-sum-exp shift cancels), so it works for any model that
 * returns probabilities. {@code T > 1} softens an over-confident model; the predicted class never changes.
 *
 * @param method {@link Method#NONE} for a model saved before calibration existed (then {@code temperature} is 1)
 */
public record Calibration(Method method, double temperature) {
  /** No adjustment: an old run or bundle, or a model scored without a validation split. */
  public static final Calibration NONE = new Calibration(Method.NONE, 1.0);

  /** The calibration methods, by the key written in calibration.json and served at {@code /v1/model}. */
  public enum Method {
    NONE("none"),
    TEMPERATURE("temperature");

    private final String key;

    Method(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The method with this key, or empty when unknown. */
    public static java.util.Optional<Method> fromKey(String key) {
      return java.util.Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
  }

  public Calibration {
    if (method == null) {
      throw new IllegalArgumentException("calibration method is null");
    }
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a finite number above 0, got " + temperature);
    }
    if (method == Method.NONE && temperature != 1.0) {
      throw new IllegalArgumentException("method none has temperature 1, got " + temperature);
    }
  }

  public static Calibration temperature(double t) {
    return new Calibration(Method.TEMPERATURE, t);
  }

  public boolean isNone() {
    return method == Method.NONE;
  }

  /** {@code softmax(log p / T)} of one probability row; a zero probability stays zero. */
  public double[] apply(double[] probs) {
    if (temperature == 1.0) {
      return probs.clone();
    }
    double[] logs = new double[probs.length];
    for (int k = 0; k < probs.length; k++) {
      logs[k] = Math.log(probs[k]);
    }
    return TemperatureScaling.softmax(logs, temperature);
  }

  /** {@link #apply(double[])} on every row. */
  public double[][] apply(double[][] probs) {
    double[][] out = new double[probs.length][];
    for (int i = 0; i < probs.length; i++) {
      out[i] = apply(probs[i]);
    }
    return out;
  }
}
