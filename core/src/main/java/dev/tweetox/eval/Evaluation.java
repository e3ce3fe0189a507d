package dev.tweetox.eval;

import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.Reliability;
import dev.tweetox.calibration.Thresholds;
import dev.tweetox.data.LabelSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The immutable result of scoring one model's probabilities against gold labels on one split.
 *
 * <p>Conventions (scikit-learn's, so numbers match the reference notebook): the prediction is the argmax of the
 * probabilities, the lowest class index winning ties; ratios with a zero denominator are 0; macro averages are
 * unweighted means over every class of the label set (as sklearn does when given {@code labels=range(k)}), even a
 * class absent from this split; ROC and PR curves are one-vs-rest on each class's probability column, also for
 * binary label sets. A class with no gold example (or, for ROC, with every example gold) has an undefined curve;
 * macro ROC AUC and macro AP average the defined ones and are {@code NaN} if none is.
 *
 * <p>A calibrated evaluation also keeps the probabilities before calibration, for ECE and Brier before and after,
 * and the {@link Decision} that flags predictions, for the flag class's precision and recall at its threshold; an
 * evaluation without them reports the same ECE and Brier before and after, and {@code NaN} flag metrics.
 */
public final class Evaluation {
  private final LabelSet labels;
  private final int[] gold;
  private final int[] predicted;
  private final double[][] probabilities;
  private final ConfusionMatrix confusion;
  private final List<ClassMetrics> perClass;
  private final List<Curve> roc;
  private final List<Curve> pr;
  private final double[][] uncalibrated;
  private final Optional<Decision> decision;

  private Evaluation(LabelSet labels, int[] gold, double[][] probs, double[][] uncalibrated,
      Optional<Decision> decision) {
    this.labels = labels;
    this.gold = gold.clone();
    this.probabilities = new double[probs.length][];
    this.predicted = new int[probs.length];
    for (int i = 0; i < probs.length; i++) {
      probabilities[i] = probs[i].clone();
      predicted[i] = argmax(probs[i]);
    }
    this.uncalibrated = uncalibrated == probs ? probabilities : copy(uncalibrated);
    this.decision = decision;
    int k = labels.size();
    confusion = new ConfusionMatrix(k, this.gold, predicted);
    List<ClassMetrics> classes = new ArrayList<>(k);
    List<Curve> rocs = new ArrayList<>(k);
    List<Curve> prs = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      int tp = confusion.count(c, c);
      classes.add(ClassMetrics.of(labels.name(c), tp, confusion.columnTotal(c) - tp, confusion.rowTotal(c) - tp));
      boolean[] positive = new boolean[gold.length];
      double[] score = new double[gold.length];
      for (int i = 0; i < gold.length; i++) {
        positive[i] = this.gold[i] == c;
        score[i] = probabilities[i][c];
      }
      BinaryCurves curves = new BinaryCurves(positive, score);
      rocs.add(curves.roc());
      prs.add(curves.precisionRecall());
    }
    perClass = List.copyOf(classes);
    roc = List.copyOf(rocs);
    pr = List.copyOf(prs);
  }

  /**
   * Scores class probabilities against gold labels.
   *
   * @param gold gold class index per example
   * @param probs one row per example, one column per class of {@code labels}; rows need not sum to 1
   * @throws IllegalArgumentException naming the first bad row when the inputs do not fit together
   */
  public static Evaluation of(int[] gold, double[][] probs, LabelSet labels) {
    check(gold, probs, labels);
    return new Evaluation(labels, gold, probs, probs, Optional.empty());
  }

  /**
   * Scores calibrated probabilities, keeping the uncalibrated ones for the before/after calibration metrics and the
   * decision for the flag metrics.
   *
   * @param uncalibrated the model's own probabilities, same shape as {@code probs}
   * @throws IllegalArgumentException naming the first bad row when the inputs do not fit together
   */
  public static Evaluation of(int[] gold, double[][] probs, LabelSet labels, double[][] uncalibrated,
      Decision decision) {
    check(gold, probs, labels);
    check(gold, uncalibrated, labels);
    if (decision.flagIndex() >= labels.size()) {
      throw new IllegalArgumentException("flag class index " + decision.flagIndex() + " is outside the label set "
          + labels.names());
    }
    return new Evaluation(labels, gold, probs, uncalibrated, Optional.of(decision));
  }

  private static void check(int[] gold, double[][] probs, LabelSet labels) {
    if (gold.length != probs.length) {
      throw new IllegalArgumentException(
          "gold has " + gold.length + " labels but probs has " + probs.length + " rows; pass one row per example");
    }
    if (gold.length == 0) {
      throw new IllegalArgumentException("cannot evaluate an empty split: gold and probs have no rows");
    }
    for (int i = 0; i < gold.length; i++) {
      if (gold[i] < 0 || gold[i] >= labels.size()) {
        throw new IllegalArgumentException(
            "row " + i + ": gold label " + gold[i] + " is outside 0.." + (labels.size() - 1) + " for " + labels.names());
      }
      if (probs[i].length != labels.size()) {
        throw new IllegalArgumentException("row " + i + ": probs has " + probs[i].length + " columns but the label set "
            + labels.names() + " has " + labels.size() + " classes");
      }
      for (double p : probs[i]) {
        if (!Double.isFinite(p)) {
          throw new IllegalArgumentException("row " + i + ": probability " + p + " is not a finite number");
        }
      }
    }
  }

  /** Index of the largest value; the lowest index wins ties. */
  public static int argmax(double[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }

  public LabelSet labels() {
    return labels;
  }

  public int size() {
    return gold.length;
  }

  public int[] gold() {
    return gold.clone();
  }

  public int[] predicted() {
    return predicted.clone();
  }

  public double[][] probabilities() {
    return copy(probabilities);
  }

  /** The probabilities before calibration; the same as {@link #probabilities()} for an uncalibrated evaluation. */
  public double[][] uncalibratedProbabilities() {
    return copy(uncalibrated);
  }

  /** The decision whose flags {@link Metric#FLAG_PRECISION} and {@link Metric#FLAG_RECALL} score, if any. */
  public Optional<Decision> decision() {
    return decision;
  }

  /** Reliability diagram data of the (calibrated) probabilities, {@value Reliability#BINS} bins. */
  public Reliability reliability() {
    return Reliability.of(probabilities, gold, Reliability.BINS);
  }

  /** Reliability diagram data before calibration. */
  public Reliability uncalibratedReliability() {
    return Reliability.of(uncalibrated, gold, Reliability.BINS);
  }

  public double ece() {
    return reliability().ece();
  }

  public double brier() {
    return Reliability.brier(probabilities, gold);
  }

  public double eceUncalibrated() {
    return uncalibratedReliability().ece();
  }

  public double brierUncalibrated() {
    return Reliability.brier(uncalibrated, gold);
  }

  /** Precision, recall and F1 of the flag class when flagging at the decision's threshold; empty without one. */
  public Optional<Thresholds.Point> flagOutcome() {
    return decision.map(d -> Thresholds.at(Thresholds.column(probabilities, d.flagIndex()),
        Thresholds.isClass(gold, d.flagIndex()), d.threshold()));
  }

  public ConfusionMatrix confusion() {
    return confusion;
  }

  /** Per-class precision, recall, F1 and support, in class-index order. */
  public List<ClassMetrics> perClass() {
    return perClass;
  }

  public Curve rocCurve(int classIndex) {
    return roc.get(classIndex);
  }

  public Curve prCurve(int classIndex) {
    return pr.get(classIndex);
  }

  public double accuracy() {
    int correct = 0;
    for (int c = 0; c < confusion.size(); c++) {
      correct += confusion.count(c, c);
    }
    return (double) correct / gold.length;
  }

  public double macroPrecision() {
    return macro(ClassMetrics::precision);
  }

  public double macroRecall() {
    return macro(ClassMetrics::recall);
  }

  public double macroF1() {
    return macro(ClassMetrics::f1);
  }

  public double weightedPrecision() {
    return weighted(ClassMetrics::precision);
  }

  public double weightedRecall() {
    return weighted(ClassMetrics::recall);
  }

  public double weightedF1() {
    return weighted(ClassMetrics::f1);
  }

  public double macroRocAuc() {
    return definedMean(roc);
  }

  public double macroAveragePrecision() {
    return definedMean(pr);
  }

  public double get(Metric metric) {
    return metric.value(this);
  }

  /**
   * Every defined metric by key, in {@link Metric} order, then {@code f1_<class name>} per class; undefined (NaN)
   * values are left out so the map always serialises to valid JSON.
   */
  public Map<String, Double> summary() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      double v = get(m);
      if (!Double.isNaN(v)) {
        out.put(m.key(), v);
      }
    }
    for (ClassMetrics c : perClass) {
      out.put("f1_" + c.name(), c.f1());
    }
    return out;
  }

  double flagMetric(ToDoubleFunction<Thresholds.Point> f) {
    return flagOutcome().map(f::applyAsDouble).orElse(Double.NaN);
  }

  private static double[][] copy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  private double macro(ToDoubleFunction<ClassMetrics> f) {
    return perClass.stream().mapToDouble(f).sum() / perClass.size();
  }

  private double weighted(ToDoubleFunction<ClassMetrics> f) {
    return perClass.stream().mapToDouble(c -> f.applyAsDouble(c) * c.support()).sum() / gold.length;
  }

  private static double definedMean(List<Curve> curves) {
    return curves.stream().filter(Curve::isDefined).mapToDouble(Curve::score).average().orElse(Double.NaN);
  }
}
