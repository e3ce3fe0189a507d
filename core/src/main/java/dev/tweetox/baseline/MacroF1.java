package dev.tweetox.baseline;

/**
 * Unweighted mean of per-class F1, as scikit-learn's {@code f1_score(average="macro")}: classes are those present
 * in the truth or the predictions, and a class with no true or predicted example scores 0.
 */
public final class MacroF1 {
  private MacroF1() {}

  public static double of(int[] truth, int[] predicted, int classes) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth and predictions differ in length");
    }
    long[] tp = new long[classes];
    long[] trueCount = new long[classes];
    long[] predCount = new long[classes];
    for (int i = 0; i < truth.length; i++) {
      trueCount[truth[i]]++;
      predCount[predicted[i]]++;
      if (truth[i] == predicted[i]) {
        tp[truth[i]]++;
      }
    }
    double sum = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (trueCount[c] + predCount[c] == 0) {
        continue;
      }
      present++;
      sum += 2.0 * tp[c] / (trueCount[c] + predCount[c]);
    }
    return present == 0 ? 0 : sum / present;
  }
}
