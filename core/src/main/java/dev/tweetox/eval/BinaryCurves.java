package dev.tweetox.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * ROC and precision-recall curves for one binary problem, with the same conventions as scikit-learn's
 * {@code roc_curve}/{@code roc_auc_score} and {@code precision_recall_curve}/{@code average_precision_score}: one
 * threshold per distinct score, so tied scores move the curve diagonally rather than in an arbitrary order.
 */
final class BinaryCurves {
  /** Cumulative counts at each distinct score, highest score first. */
  private final double[] thresholds;
  private final int[] tps;
  private final int[] fps;
  private final int positives;
  private final int negatives;

  BinaryCurves(boolean[] positive, double[] score) {
    Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
    double[] th = new double[score.length];
    int[] tp = new int[score.length];
    int[] fp = new int[score.length];
    int distinct = 0;
    int tpCount = 0;
    int fpCount = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (positive[i]) {
        tpCount++;
      } else {
        fpCount++;
      }
      boolean lastOfTie = k == order.length - 1 || score[order[k + 1]] != score[i];
      if (lastOfTie) {
        th[distinct] = score[i];
        tp[distinct] = tpCount;
        fp[distinct] = fpCount;
        distinct++;
      }
    }
    thresholds = Arrays.copyOf(th, distinct);
    tps = Arrays.copyOf(tp, distinct);
    fps = Arrays.copyOf(fp, distinct);
    positives = tpCount;
    negatives = fpCount;
  }

  /**
   * The ROC curve with a leading (0, 0) point and, like sklearn's {@code drop_intermediate=True}, without points
   * that lie on a straight segment; the AUC is the exact trapezoidal area, which dropping such points leaves unchanged.
   */
  Curve roc() {
    if (positives == 0 || negatives == 0) {
      return Curve.undefined();
    }
    int m = thresholds.length;
    double[] x = new double[m + 1];
    double[] y = new double[m + 1];
    double[] t = new double[m + 1];
    t[0] = Double.POSITIVE_INFINITY;
    int kept = 1;
    double auc = 0;
    for (int k = 0; k < m; k++) {
      double fpr = (double) fps[k] / negatives;
      double tpr = (double) tps[k] / positives;
      double prevFpr = k == 0 ? 0 : (double) fps[k - 1] / negatives;
      double prevTpr = k == 0 ? 0 : (double) tps[k - 1] / positives;
      auc += (fpr - prevFpr) * (tpr + prevTpr) / 2;
      if (keepRocPoint(k)) {
        x[kept] = fpr;
        y[kept] = tpr;
        t[kept] = thresholds[k];
        kept++;
      }
    }
    return new Curve(Arrays.copyOf(x, kept), Arrays.copyOf(y, kept), Arrays.copyOf(t, kept), auc);
  }

  /** A point is kept unless both counts change at the same rate on each side of it (it is collinear). */
  private boolean keepRocPoint(int k) {
    if (k == 0 || k == thresholds.length - 1) {
      return true;
    }
    return fps[k + 1] - 2 * fps[k] + fps[k - 1] != 0 || tps[k + 1] - 2 * tps[k] + tps[k - 1] != 0;
  }

  /**
   * The precision-recall curve from (recall 0, precision 1) through every threshold, highest first, and the average
   * precision: the sum over thresholds of (R_k - R_{k-1}) * P_k.
   */
  Curve precisionRecall() {
    if (positives == 0) {
      return Curve.undefined();
    }
    int m = thresholds.length;
    double[] recall = new double[m + 1];
    double[] precision = new double[m + 1];
    double[] t = new double[m + 1];
    precision[0] = 1.0;
    t[0] = Double.POSITIVE_INFINITY;
    double ap = 0;
    for (int k = 0; k < m; k++) {
      recall[k + 1] = (double) tps[k] / positives;
      precision[k + 1] = (double) tps[k] / (tps[k] + fps[k]);
      t[k + 1] = thresholds[k];
      ap += (recall[k + 1] - recall[k]) * precision[k + 1];
    }
    return new Curve(recall, precision, t, ap);
  }
}
