package dev.tweetox.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackerTest {
  static final LabelSet TWO = LabelSet.explicit(List.of("a", "b"));

  /** With only intercepts to learn (every feature 0), the unpenalised intercepts reproduce the class frequencies. */
  @Test
  void interceptsAloneGiveTheClassFrequencies() {
    double[][] x = new double[6][2];
    int[] y = {0, 1, 1, 2, 2, 2};
    double[] p = SoftmaxRegression.fit(x, y, 3, 1.0).predictProba(new double[][] {{0, 0}})[0];
    assertThat(p[0]).isCloseTo(1 / 6.0, within(1e-6));
    assertThat(p[1]).isCloseTo(2 / 6.0, within(1e-6));
    assertThat(p[2]).isCloseTo(3 / 6.0, within(1e-6));
  }

  @Test
  void strongerRegularisationPullsTowardsThePrior() {
    double[][] x = {{1}, {2}, {-1}, {-2}};
    int[] y = {1, 1, 0, 0};
    double loose = SoftmaxRegression.fit(x, y, 2, 100).predictProba(new double[][] {{1}})[0][1];
    double tight = SoftmaxRegression.fit(x, y, 2, 0.01).predictProba(new double[][] {{1}})[0][1];
    assertThat(loose).isGreaterThan(0.95);
    assertThat(tight).isBetween(0.5, loose);
  }

  /**
   * Folds 0 and 1 hold opposite patterns: fitted on either fold alone, the stacker predicts every row of the other
   * fold wrong, so the cross-fitted macro-F1 is exactly 0, though a fit on all rows scored on those rows would not be.
   */
  @Test
  void crossFittedScoreUsesOnlyTheOtherFolds() {
    double[][] x = {{1}, {-1}, {1}, {-1}};
    int[] y = {0, 1, 1, 0};
    int[] fold = {0, 0, 1, 1};
    double[][] oof = Stacker.crossFit(x, y, fold, 2, TWO, List.of(10.0), 1);
    for (int i = 0; i < 4; i++) {
      assertThat(Evaluation.argmax(oof[i])).as("row " + i).isEqualTo(1 - y[i]);
    }
    assertThat(Evaluation.of(y, oof, TWO).macroF1()).isEqualTo(0.0);
    double[][] inFold0 = SoftmaxRegression.fit(new double[][] {{1}, {-1}}, new int[] {0, 1}, 2, 10)
        .predictProba(new double[][] {{1}, {-1}});
    assertThat(Evaluation.of(new int[] {0, 1}, inFold0, TWO).macroF1()).isEqualTo(1.0);
    // each held-out row is exactly what a model fitted on the other fold predicts
    double[][] fitOnFold1 = SoftmaxRegression.fit(new double[][] {{1}, {-1}}, new int[] {1, 0}, 2, 10)
        .predictProba(new double[][] {{1}, {-1}});
    assertThat(oof[0]).containsExactly(fitOnFold1[0]);
    assertThat(oof[1]).containsExactly(fitOnFold1[1]);
  }

  @Test
  void consistentPatternCrossFitsPerfectly() {
    double[][] x = {{1}, {-1}, {1}, {-1}, {1}, {-1}};
    int[] y = {1, 0, 1, 0, 1, 0};
    Stacker.Fit fit = Stacker.fit(x, y, TWO, List.of(0.1, 10.0), 3, 7);
    assertThat(fit.crossFittedMacroF1()).isEqualTo(1.0);
    assertThat(fit.outOfFold()).hasDimensions(6, 2);
    assertThat(fit.c()).isIn(0.1, 10.0);
  }

  @Test
  void foldsAreStratifiedAndSeeded() {
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
    int[] a = Stacker.stratifiedFolds(y, 3, 2, 5);
    assertThat(a).isEqualTo(Stacker.stratifiedFolds(y, 3, 2, 5));
    int zerosInFold0 = 0;
    int onesInFold0 = 0;
    for (int i = 0; i < y.length; i++) {
      zerosInFold0 += y[i] == 0 && a[i] == 0 ? 1 : 0;
      onesInFold0 += y[i] == 1 && a[i] == 0 ? 1 : 0;
    }
    assertThat(zerosInFold0).isEqualTo(2);
    assertThat(onesInFold0).isEqualTo(2);
  }

  @Test
  void featuresAreEachMembersProbabilitiesThenTheirLogs() {
    double[][] a = {{0.25, 0.75}};
    double[][] b = {{1.0, 0.0}};
    double[][] x = Stacker.features(List.of(a, b), 2);
    assertThat(x[0]).containsExactly(0.25, 0.75, Math.log(0.25), Math.log(0.75), 1.0, 0.0, 0.0,
        Math.log(Stacker.MIN_PROBABILITY));
  }
}
