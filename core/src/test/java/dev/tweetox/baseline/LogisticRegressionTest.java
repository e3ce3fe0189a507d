package dev.tweetox.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.features.SparseMatrix;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  private static final LrParams L2 = new LrParams(1.0, Penalty.L2, ClassWeighting.NONE);

  @Test
  void learnsSeparableThreeClassDataAndProbabilitiesSumToOne() {
    ToyTweets.Data d = ToyTweets.sentiment(12);
    BaselineModel m = BaselineTrainer.fitOne(d.texts(), d.y(), ToyTweets.SENTIMENT, ToyTweets.SETTINGS,
        new LrParams(4.0, Penalty.L2, ClassWeighting.NONE), 1e-4, 1);
    assertThat(m.predict(d.texts())).containsExactly(d.y());
    assertThat(m.predict(List.of("i love it, awesome", "what a terrible awful day", "bus at noon")))
        .containsExactly(2, 0, 1);
    for (double[] p : m.predictProba(d.texts())) {
      assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    }
    assertThat(m.linear().decisionFunctions()).isEqualTo(3);
    assertThat(m.kind().key()).isEqualTo("baseline");
  }

  @Test
  void binaryModelKeepsOneDecisionFunctionForClassOne() {
    List<String> texts = List.of("you idiot", "stupid idiot", "have a nice day", "nice work", "idiot move",
        "lovely day");
    int[] y = {1, 1, 0, 0, 1, 0};
    BaselineModel m = BaselineTrainer.fitOne(texts, y, ToyTweets.BINARY, ToyTweets.SETTINGS, L2, 1e-4, 1);
    assertThat(m.linear().decisionFunctions()).isEqualTo(1);
    double[][] p = m.predictProba(List.of("idiot", "nice day"));
    assertThat(p[0][1]).isGreaterThan(0.5);
    assertThat(p[1][0]).isGreaterThan(0.5);
    assertThat(p[0][0] + p[0][1]).isEqualTo(1.0);
  }

  @Test
  void classOrderDoesNotDependOnWhichClassComesFirst() {
    // liblinear orders classes by first appearance; our weights must come out in label-index order regardless
    List<String> texts = List.of("nice day", "idiot", "nice work", "stupid idiot");
    BaselineModel a = BaselineTrainer.fitOne(texts, new int[] {0, 1, 0, 1}, ToyTweets.BINARY,
        ToyTweets.SETTINGS, L2, 1e-4, 1);
    BaselineModel b = BaselineTrainer.fitOne(texts, new int[] {1, 0, 1, 0}, ToyTweets.BINARY,
        ToyTweets.SETTINGS, L2, 1e-4, 1);
    double[] pa = a.predictProba(List.of("idiot"))[0];
    double[] pb = b.predictProba(List.of("idiot"))[0];
    assertThat(pa[1]).isGreaterThan(0.5);
    assertThat(pb[0]).isCloseTo(pa[1], within(1e-9));
  }

  @Test
  void classWeightsShiftPredictionsTowardTheRareClass() {
    // 18 texts of class 0 and 2 of class 1, all alike: the fit can only follow the (weighted) class balance
    List<String> texts = new ArrayList<>();
    int[] y = new int[20];
    for (int i = 0; i < 20; i++) {
      texts.add("aa");
      y[i] = i < 18 ? 0 : 1;
    }
    TfidfSettings words = new TfidfSettings(1, 1, 0, 0, 1, 1.0, false, 0);
    List<String> query = List.of("aa");
    double[] p = new double[3];
    String[] specs = {"none", "balanced", "1:20"};
    for (int i = 0; i < 3; i++) {
      BaselineModel m = BaselineTrainer.fitOne(texts, y, ToyTweets.BINARY, words,
          new LrParams(1.0, Penalty.L2, new ClassWeighting(specs[i])), 1e-4, 1);
      p[i] = m.predictProba(query)[0][1];
    }
    assertThat(p[0]).isLessThan(0.3);
    assertThat(p[1]).isCloseTo(0.5, within(0.05));
    assertThat(p[2]).isGreaterThan(0.55);
  }

  @Test
  void balancedWeightsFollowScikitLearn() {
    double[] w = ClassWeighting.BALANCED.weights(new int[] {18, 2}, ToyTweets.BINARY);
    assertThat(w).containsExactly(20.0 / 36, 5.0);
    assertThat(new ClassWeighting("1.2:0.8:1.2").weights(new int[] {1, 1, 1}, ToyTweets.SENTIMENT))
        .containsExactly(1.2, 0.8, 1.2);
  }

  @Test
  void explicitWeightsMustGiveOneWeightPerClass() {
    assertThatThrownBy(() -> new ClassWeighting("1.2:0.8:1.2").weights(new int[] {5, 5}, ToyTweets.BINARY))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("baseline.classWeight")
        .hasMessageContaining("gives 3 weights")
        .hasMessageContaining("2 classes");
  }

  @Test
  void l1LeavesMostWeightsAtZeroWhileL2LeavesNone() {
    ToyTweets.Data d = ToyTweets.sentiment(12);
    TfidfVectorizer vec = TfidfVectorizer.fit(ToyTweets.SETTINGS, d.texts());
    SparseMatrix x = vec.transform(d.texts());
    LogisticRegression.TrainingData data = LogisticRegression.prepare(x, d.y(), ToyTweets.SENTIMENT);
    LinearModel l1 = LogisticRegression.fit(data, new LrParams(1.0, Penalty.L1, ClassWeighting.NONE), 1e-4, 1);
    LinearModel l2 = LogisticRegression.fit(data, L2, 1e-4, 1);
    assertThat(zeros(l1)).isGreaterThan(l1.features() * 3 / 2);
    assertThat(zeros(l2)).isZero();
    assertThat(l1.predict(x)).containsExactly(d.y());
  }

  @Test
  void sameSeedGivesIdenticalL1Weights() {
    ToyTweets.Data d = ToyTweets.sentiment(12);
    TfidfVectorizer vec = TfidfVectorizer.fit(ToyTweets.SETTINGS, d.texts());
    LogisticRegression.TrainingData data =
        LogisticRegression.prepare(vec.transform(d.texts()), d.y(), ToyTweets.SENTIMENT);
    LrParams p = new LrParams(2.0, Penalty.L1, ClassWeighting.BALANCED);
    LinearModel a = LogisticRegression.fit(data, p, 1e-4, 7);
    LinearModel b = LogisticRegression.fit(data, p, 1e-4, 7);
    for (int k = 0; k < 3; k++) {
      assertThat(b.weights(k)).isEqualTo(a.weights(k));
      assertThat(b.bias(k)).isEqualTo(a.bias(k));
    }
  }

  @Test
  void aClassWithoutExamplesIsAnError() {
    assertThatThrownBy(() -> BaselineTrainer.fitOne(List.of("aa bb", "cc dd"), new int[] {0, 2},
        ToyTweets.SENTIMENT, ToyTweets.SETTINGS, L2, 1e-4, 1))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("class 'neutral' has no training examples");
  }

  @Test
  void probabilitiesMatchLiblinearsOwnForTwoAndThreeClasses() {
    ToyTweets.Data d = ToyTweets.sentiment(6);
    checkAgainstLiblinear(d.texts(), d.y(), ToyTweets.SENTIMENT);
    // binary, with class 1 appearing first so liblinear's label order is reversed
    checkAgainstLiblinear(List.of("idiot", "nice day", "stupid idiot", "nice work", "you idiot"),
        new int[] {1, 0, 1, 0, 0}, ToyTweets.BINARY);
  }

  private static void checkAgainstLiblinear(List<String> texts, int[] y, LabelSet labels) {
    TfidfVectorizer vec = TfidfVectorizer.fit(ToyTweets.SETTINGS, texts);
    SparseMatrix x = vec.transform(texts);
    LogisticRegression.TrainingData data = LogisticRegression.prepare(x, y, labels);
    LrParams params = new LrParams(2.0, Penalty.L2, ClassWeighting.BALANCED);
    Model raw = LogisticRegression.train(data, params, 1e-4, 3);
    double[][] ours = LogisticRegression.fit(data, params, 1e-4, 3).predictProba(x);
    double[] theirs = new double[labels.size()];
    for (int r = 0; r < texts.size(); r++) {
      Linear.predictProbability(raw, data.problem().x[r], theirs);
      for (int i = 0; i < theirs.length; i++) {
        assertThat(ours[r][raw.getLabels()[i]]).isCloseTo(theirs[i], within(1e-12));
      }
    }
  }

  @Test
  void macroF1MatchesScikitLearnsExample() {
    // sklearn.metrics.f1_score docs: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1], macro = 0.2666...
    assertThat(MacroF1.of(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2, 1, 0, 0, 1}, 3))
        .isCloseTo(0.26666666666666666, within(1e-15));
    // a class absent from truth and predictions does not count
    assertThat(MacroF1.of(new int[] {0, 0, 1}, new int[] {0, 0, 1}, 3)).isEqualTo(1.0);
  }

  private static int zeros(LinearModel m) {
    int z = 0;
    for (int k = 0; k < m.decisionFunctions(); k++) {
      for (double w : m.weights(k)) {
        z += w == 0 ? 1 : 0;
      }
    }
    return z;
  }
}
