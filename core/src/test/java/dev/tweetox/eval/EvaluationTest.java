package dev.tweetox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final double EPS = 1e-12;
  private static final LabelSet ABC = LabelSet.explicit(List.of("a", "b", "c"));

  /**
   * 8 examples, 3 classes. Predictions (argmax; row 7 ties a/b and goes to a):
   * gold a -> a, b, a; gold b -> b, c, a; gold c -> c, a. Every value below was worked out by hand.
   */
  static Evaluation threeClass() {
    int[] gold = {0, 0, 0, 1, 1, 1, 2, 2};
    double[][] probs = {
      {0.7, 0.2, 0.1},
      {0.4, 0.5, 0.1},
      {0.5, 0.3, 0.2},
      {0.1, 0.8, 0.1},
      {0.3, 0.3, 0.4},
      {0.6, 0.3, 0.1},
      {0.1, 0.2, 0.7},
      {0.4, 0.4, 0.2},
    };
    return Evaluation.of(gold, probs, ABC);
  }

  @Test
  void predictsArgmaxWithTiesToLowestIndex() {
    assertThat(threeClass().predicted()).containsExactly(0, 1, 0, 1, 2, 0, 2, 0);
  }

  @Test
  void confusionMatrixHasGoldRowsAndPredictedColumns() {
    ConfusionMatrix cm = threeClass().confusion();
    assertThat(cm.toArray()).isDeepEqualTo(new int[][] {{2, 1, 0}, {1, 1, 1}, {1, 0, 1}});
    assertThat(cm.rowTotal(0)).isEqualTo(3);
    assertThat(cm.columnTotal(0)).isEqualTo(4);
    assertThat(cm.rowFraction(2, 0)).isEqualTo(0.5);
  }

  @Test
  void perClassAndAveragedScoresAreExact() {
    Evaluation e = threeClass();
    // a: tp 2, fp 2, fn 1; b: tp 1, fp 1, fn 2; c: tp 1, fp 1, fn 1
    assertThat(e.perClass()).containsExactly(
        new ClassMetrics("a", 0.5, 2.0 / 3, 4.0 / 7, 3),
        new ClassMetrics("b", 0.5, 1.0 / 3, 2.0 / 5, 3),
        new ClassMetrics("c", 0.5, 0.5, 0.5, 2));
    assertThat(e.accuracy()).isEqualTo(0.5);
    assertThat(e.macroPrecision()).isCloseTo(0.5, within(EPS));
    assertThat(e.macroRecall()).isCloseTo(0.5, within(EPS));
    assertThat(e.macroF1()).isCloseTo(103.0 / 210, within(EPS));
    assertThat(e.weightedF1()).isCloseTo(137.0 / 280, within(EPS));
    assertThat(e.weightedRecall()).isCloseTo(e.accuracy(), within(EPS));
  }

  @Test
  void rocAucCountsTiesAsHalf() {
    Evaluation e = threeClass();
    // a: positives {.7,.5,.4} vs negatives {.6,.4,.3,.1,.1}: 5 + 4 + 3.5 of 15 pairs
    assertThat(e.rocCurve(0).score()).isCloseTo(12.5 / 15, within(EPS));
    assertThat(e.rocCurve(1).score()).isCloseTo(10.0 / 15, within(EPS));
    assertThat(e.rocCurve(2).score()).isCloseTo(10.5 / 12, within(EPS));
    assertThat(e.macroRocAuc()).isCloseTo(57.0 / 72, within(EPS));
  }

  @Test
  void averagePrecisionSumsRecallStepsTimesPrecision() {
    Evaluation e = threeClass();
    // a: thresholds .7 (R 1/3, P 1), .5 (R 2/3, P 2/3), .4 (R 1, P 3/5)
    assertThat(e.prCurve(0).score()).isCloseTo(34.0 / 45, within(EPS));
    assertThat(e.prCurve(1).score()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(e.prCurve(2).score()).isCloseTo(0.75, within(EPS));
    assertThat(e.macroAveragePrecision()).isCloseTo(391.0 / 540, within(EPS));
  }

  @Test
  void matchesSklearnDocumentationExample() {
    // sklearn docs: y=[0,0,1,1], scores=[0.1,0.4,0.35,0.8] -> roc_auc 0.75, average_precision 0.8333
    double[] s = {0.1, 0.4, 0.35, 0.8};
    double[][] probs = new double[4][];
    for (int i = 0; i < 4; i++) {
      probs[i] = new double[] {1 - s[i], s[i]};
    }
    Evaluation e = Evaluation.of(new int[] {0, 0, 1, 1}, probs, LabelSet.explicit(List.of("neg", "pos")));
    Curve roc = e.rocCurve(1);
    assertThat(roc.score()).isCloseTo(0.75, within(EPS));
    assertThat(roc.xs()).containsExactly(0, 0, 0.5, 0.5, 1);
    assertThat(roc.ys()).containsExactly(0, 0.5, 0.5, 1, 1);
    assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
    Curve pr = e.prCurve(1);
    assertThat(pr.score()).isCloseTo(5.0 / 6, within(EPS));
    assertThat(pr.xs()).containsExactly(0, 0.5, 0.5, 1, 1);
    assertThat(pr.ys()).containsExactly(new double[] {1, 1, 0.5, 2.0 / 3, 0.5}, within(EPS));
    // the negative class is scored too, on its own column: mirror image, same AUC
    assertThat(e.rocCurve(0).score()).isCloseTo(0.75, within(EPS));
  }

  @Test
  void rocDropsCollinearPointsLikeSklearn() {
    double[][] probs = {{0.1, 0.9}, {0.2, 0.8}, {0.3, 0.7}, {0.9, 0.1}};
    Curve roc = Evaluation.of(new int[] {1, 1, 1, 0}, probs, LabelSet.explicit(List.of("n", "p"))).rocCurve(1);
    assertThat(roc.xs()).containsExactly(0, 0, 0, 1);
    assertThat(roc.ys()).containsExactly(new double[] {0, 1.0 / 3, 1, 1}, within(EPS));
    assertThat(roc.score()).isEqualTo(1.0);
  }

  @Test
  void absentClassScoresZeroAndHasUndefinedCurves() {
    double[][] probs = {{0.9, 0.05, 0.05}, {0.2, 0.7, 0.1}, {0.6, 0.3, 0.1}};
    Evaluation e = Evaluation.of(new int[] {0, 1, 1}, probs, ABC);
    assertThat(e.perClass().get(2)).isEqualTo(new ClassMetrics("c", 0, 0, 0, 0));
    // a and b: F1 2/3 each (one miss each); c: 0 but still in the macro mean
    assertThat(e.macroF1()).isCloseTo(4.0 / 9, within(EPS));
    assertThat(e.rocCurve(2).isDefined()).isFalse();
    assertThat(e.prCurve(2).size()).isZero();
    assertThat(e.macroRocAuc()).isCloseTo((1.0 + 1.0) / 2, within(EPS));
    assertThat(e.summary()).containsKey("macro_roc_auc").containsEntry("f1_c", 0.0);
  }

  @Test
  void summaryIsKeyedByMetricThenPerClassF1() {
    Evaluation e = threeClass();
    assertThat(e.summary().keySet()).containsExactly(
        "accuracy", "macro_precision", "macro_recall", "macro_f1", "weighted_precision", "weighted_recall",
        "weighted_f1", "macro_roc_auc", "macro_average_precision", "ece", "brier", "ece_uncalibrated",
        "brier_uncalibrated", "f1_a", "f1_b", "f1_c");
    assertThat(e.summary()).containsEntry("accuracy", 0.5).containsEntry("f1_b", 0.4);
    assertThat(e.get(Metric.MACRO_F1)).isEqualTo(e.macroF1());
    assertThat(Metric.fromKey("macro_average_precision")).isEqualTo(Metric.MACRO_AP);
  }

  @Test
  void unknownMetricKeyListsKnownOnes() {
    assertThatThrownBy(() -> Metric.fromKey("f1"))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("unknown metric 'f1'")
        .hasMessageContaining("macro_f1");
  }

  @Test
  void isImmutable() {
    int[] gold = {0, 1};
    double[][] probs = {{0.9, 0.1}, {0.2, 0.8}};
    Evaluation e = Evaluation.of(gold, probs, LabelSet.explicit(List.of("x", "y")));
    gold[0] = 1;
    probs[0][0] = 0;
    e.predicted()[0] = 1;
    assertThat(e.gold()).containsExactly(0, 1);
    assertThat(e.predicted()).containsExactly(0, 1);
    assertThat(e.accuracy()).isEqualTo(1.0);
  }

  @Test
  void rejectsInputsThatDoNotFit() {
    LabelSet two = LabelSet.explicit(List.of("x", "y"));
    assertThatThrownBy(() -> Evaluation.of(new int[] {0}, new double[][] {{1, 0}, {0, 1}}, two))
        .hasMessageContaining("gold has 1 labels but probs has 2 rows");
    assertThatThrownBy(() -> Evaluation.of(new int[] {0, 2}, new double[][] {{1, 0}, {0, 1}}, two))
        .hasMessageContaining("row 1: gold label 2 is outside 0..1");
    assertThatThrownBy(() -> Evaluation.of(new int[] {0}, new double[][] {{1, 0, 0}}, two))
        .hasMessageContaining("row 0: probs has 3 columns");
    assertThatThrownBy(() -> Evaluation.of(new int[] {0}, new double[][] {{Double.NaN, 0}}, two))
        .hasMessageContaining("not a finite number");
    assertThatThrownBy(() -> Evaluation.of(new int[0], new double[0][], two)).hasMessageContaining("empty split");
  }
}
