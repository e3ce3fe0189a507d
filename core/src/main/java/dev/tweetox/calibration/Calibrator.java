package dev.tweetox.calibration;

import dev.tweetox.config.DecisionConfig;
import dev.tweetox.data.LabelSet;
import java.util.List;

/**
 * Fits a model's operating point on its validation split: the temperature, then the flag threshold on the
 * calibrated probabilities (so the threshold means what the served probabilities mean).
 */
public final class Calibrator {
  private Calibrator() {}

  /**
   * @param operatingPoint what the model is saved and served with
   * @param valChoice the chosen threshold's outcome on validation, and whether it reached the precision target
   * @param valGrid the threshold table on validation (0.05 to 0.95)
   */
  public record Fitted(OperatingPoint operatingPoint, Thresholds.Choice valChoice, List<Thresholds.Point> valGrid) {}

  /**
   * @param valProbs the model's own (uncalibrated) probabilities on validation
   * @param valGold the gold class indices
   */
  public static Fitted fit(double[][] valProbs, int[] valGold, LabelSet labels, DecisionConfig decision) {
    Calibration calibration = TemperatureScaling.fitProbabilities(valProbs, valGold);
    double[][] calibrated = calibration.apply(valProbs);
    int k = Decision.flagClass(decision.flagClass(), labels);
    double[] score = Thresholds.column(calibrated, k);
    boolean[] positive = Thresholds.isClass(valGold, k);
    Thresholds.Choice choice = decision.hasFixedThreshold()
        ? Thresholds.fixed(score, positive, decision.threshold())
        : Thresholds.choose(score, positive, decision.effectiveMinPrecision());
    OperatingPoint op = new OperatingPoint(calibration, new Decision(k, labels.name(k), choice.point().threshold()));
    return new Fitted(op, choice, Thresholds.grid(score, positive));
  }
}
