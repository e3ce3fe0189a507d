package dev.tweetox.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BaselineConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.io.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GridSearchTest {
  @BeforeAll
  static void quiet() {
    Progress.setQuiet(true);
  }

  private static BaselineConfig config(List<Double> c, List<String> penalty, List<String> weights, int threads) {
    return new BaselineConfig(1, 2, 2, 4, 1, 1.0, true, 0, c, penalty.stream().map(Penalty::fromKey).toList(),
        weights, 3, 1e-4, 1e-4, threads);
  }

  /** A noisy three-class set: class words plus a few texts whose words belong to another class. */
  private static ToyTweets.Data noisy() {
    ToyTweets.Data d = ToyTweets.sentiment(15);
    List<String> texts = new ArrayList<>(d.texts());
    int[] y = d.y().clone();
    for (int i = 0; i < y.length; i += 7) {
      y[i] = (y[i] + 1) % 3;
    }
    return new ToyTweets.Data(texts, y);
  }

  @Test
  void picksTheObviouslyBetterC() {
    // neutral is 3x as frequent: with C = 1e-4 the weights shrink to ~0 and the bias sends every text there
    ToyTweets.Data base = ToyTweets.sentiment(36);
    List<String> texts = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < base.y().length; i++) {
      if (base.y()[i] == 1 || i < 36) {
        texts.add(base.texts().get(i));
        ys.add(base.y()[i]);
      }
    }
    ToyTweets.Data d = new ToyTweets.Data(texts, ys.stream().mapToInt(Integer::intValue).toArray());
    GridSearchResult r = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT,
        config(List.of(1e-4, 10.0), List.of("l2"), List.of("none"), 1), 5);
    assertThat(r.scores()).hasSize(2);
    assertThat(r.best().c()).isEqualTo(10.0);
    assertThat(r.bestScore().mean()).isEqualTo(1.0);
    assertThat(r.scores().get(0).mean()).isLessThan(0.5);
    assertThat(r.scores().get(0).foldScores()).hasSize(3);
    assertThat(r.model().params()).isEqualTo(r.best());
    assertThat(r.model().predict(d.texts())).containsExactly(d.y());
  }

  @Test
  void aOnePointGridIsFittedWithoutCrossValidationToTheSameModel() {
    ToyTweets.Data d = noisy();
    GridSearchResult one = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT,
        config(List.of(2.0), List.of("l2"), List.of("none"), 1), 5);
    assertThat(one.folds()).isZero();
    assertThat(one.scores()).hasSize(1);
    assertThat(one.bestScore().mean()).isNaN();
    assertThat(one.bestScore().foldScores()).isEmpty();
    // a searched grid whose winner is the same point refits exactly the same model
    GridSearchResult searched = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT,
        config(List.of(2.0, 1e-4), List.of("l2"), List.of("none"), 1), 5);
    assertThat(searched.best()).isEqualTo(one.best());
    for (String text : d.texts()) {
      assertThat(one.model().predictProba(List.of(text))[0]).containsExactly(
          searched.model().predictProba(List.of(text))[0]);
    }
  }

  @Test
  void gridOrderIsCThenClassWeightThenPenalty() {
    List<LrParams> grid = new GridSearch(
        config(List.of(0.5, 2.0), List.of("l1", "l2"), List.of("none", "balanced"), 1), 1).grid();
    assertThat(grid).extracting(LrParams::toString).containsExactly(
        "C=0.5 penalty=l1 classWeight=none", "C=0.5 penalty=l2 classWeight=none",
        "C=0.5 penalty=l1 classWeight=balanced", "C=0.5 penalty=l2 classWeight=balanced",
        "C=2.0 penalty=l1 classWeight=none", "C=2.0 penalty=l2 classWeight=none",
        "C=2.0 penalty=l1 classWeight=balanced", "C=2.0 penalty=l2 classWeight=balanced");
  }

  @Test
  void tiesGoToTheFirstGridPoint() {
    ToyTweets.Data d = ToyTweets.sentiment(12);
    GridSearchResult r = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT,
        config(List.of(10.0, 20.0), List.of("l2"), List.of("none"), 2), 5);
    assertThat(r.scores()).allSatisfy(s -> assertThat(s.mean()).isEqualTo(1.0));
    assertThat(r.best().c()).isEqualTo(10.0);
  }

  @Test
  void sameSeedGivesIdenticalScoresWithOneOrTwoThreads() {
    ToyTweets.Data d = noisy();
    List<Double> c = List.of(0.5, 4.0);
    List<String> pen = List.of("l1", "l2");
    List<String> w = List.of("none", "balanced", "1.2:0.8:1.2");
    GridSearchResult a = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT, config(c, pen, w, 2), 9);
    GridSearchResult b = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT, config(c, pen, w, 2), 9);
    GridSearchResult one = BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT, config(c, pen, w, 1), 9);
    assertThat(b.scores()).isEqualTo(a.scores());
    assertThat(one.scores()).isEqualTo(a.scores());
    assertThat(b.best()).isEqualTo(a.best());
    assertThat(b.model().predictProba(d.texts())).isDeepEqualTo(a.model().predictProba(d.texts()));
    // the scores are not all perfect, so the comparison means something
    assertThat(a.scores()).anySatisfy(s -> assertThat(s.mean()).isLessThan(1.0));
  }

  @Test
  void aDifferentSeedShufflesDifferentFolds() {
    int[] y = noisy().y();
    assertThat(StratifiedFolds.assign(y, 3, 3, 1)).isNotEqualTo(StratifiedFolds.assign(y, 3, 3, 2));
    assertThat(StratifiedFolds.assign(y, 3, 3, 1)).isEqualTo(StratifiedFolds.assign(y, 3, 3, 1));
  }

  @Test
  void foldsKeepClassProportionsAndSizes() {
    int[] y = new int[50];
    for (int i = 0; i < y.length; i++) {
      y[i] = i < 20 ? 0 : i < 45 ? 1 : 2;
    }
    int[] fold = StratifiedFolds.assign(y, 3, 5, 42);
    int[][] counts = new int[5][3];
    for (int i = 0; i < y.length; i++) {
      counts[fold[i]][y[i]]++;
    }
    for (int[] f : counts) {
      assertThat(f).containsExactly(4, 5, 1);
    }
  }

  @Test
  void explicitWeightsOfTheWrongLengthFailBeforeAnyFit() {
    ToyTweets.Data d = ToyTweets.sentiment(4);
    assertThatThrownBy(() -> BaselineTrainer.train(d.texts(), d.y(), ToyTweets.SENTIMENT,
        config(List.of(1.0), List.of("l2"), List.of("none", "1:2"), 1), 1))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("'1:2' gives 2 weights");
  }

  @Test
  void aClassWithOneExampleCannotBeCrossValidated() {
    List<String> texts = List.of("aa", "bb", "cc", "aa bb", "bb cc");
    assertThatThrownBy(() -> BaselineTrainer.train(texts, new int[] {0, 0, 1, 1, 2}, ToyTweets.SENTIMENT,
        config(List.of(1.0), List.of("l2"), List.of("none"), 1), 1))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("class 'positive' has 1 training example(s)");
  }
}
