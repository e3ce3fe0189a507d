package dev.tweetox.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.config.BaselineConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.io.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid search killed part-way resumes from the fits it recorded and ends exactly where an unbroken one does. */
class GridSearchResumeTest {
  private static final int FITS = 8 * 3;

  @TempDir Path tmp;

  @BeforeAll
  static void quiet() {
    Progress.setQuiet(true);
  }

  /** 2 C x 2 penalties x 2 weightings = 8 settings, 3 folds, two threads. */
  private static BaselineConfig config() {
    return new BaselineConfig(1, 2, 2, 4, 1, 1.0, true, 0, List.of(0.5, 4.0), List.of(Penalty.L1, Penalty.L2),
        List.of("none", "balanced"), 3, 1e-4, 1e-4, 2);
  }

  /** Noisy labels, so the settings score differently and the comparison means something. */
  private static ToyTweets.Data data() {
    ToyTweets.Data d = ToyTweets.sentiment(15);
    int[] y = d.y().clone();
    for (int i = 0; i < y.length; i += 7) {
      y[i] = (y[i] + 1) % 3;
    }
    return new ToyTweets.Data(new ArrayList<>(d.texts()), y);
  }

  /** Records through {@code inner} until {@code limit} fits are stored, then fails like a killed process. */
  private static final class CrashAfter implements FoldScores {
    private final FoldScores inner;
    private final int limit;
    final AtomicInteger computed = new AtomicInteger();

    CrashAfter(FoldScores inner, int limit) {
      this.inner = inner;
      this.limit = limit;
    }

    @Override
    public OptionalDouble find(int setting, int fold) {
      return inner.find(setting, fold);
    }

    @Override
    public void put(int setting, int fold, double macroF1) {
      if (computed.incrementAndGet() > limit) {
        throw new IllegalStateException("simulated crash");
      }
      inner.put(setting, fold, macroF1);
    }
  }

  private GridFoldLog open(GridSearch search, ToyTweets.Data d) {
    Map<String, String> key = search.inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT);
    return GridFoldLog.open(tmp.resolve("folds.csv"), key, search.grid(), 3);
  }

  private List<String> rows() throws IOException {
    List<String> lines = Files.readAllLines(tmp.resolve("folds.csv"));
    assertThat(lines.get(1)).isEqualTo(GridFoldLog.COLUMNS);
    return lines.subList(2, lines.size());
  }

  private static void assertSameResult(GridSearchResult actual, GridSearchResult expected, ToyTweets.Data d) {
    assertThat(actual.scores()).isEqualTo(expected.scores());
    assertThat(actual.best()).isEqualTo(expected.best());
    assertThat(actual.model().predictProba(d.texts())).isDeepEqualTo(expected.model().predictProba(d.texts()));
  }

  @Test
  void aCrashedSearchResumesFromItsRecordedFitsToTheUninterruptedResult() throws IOException {
    ToyTweets.Data d = data();
    GridSearch search = new GridSearch(config(), 9);
    GridSearchResult unbroken = search.run(d.texts(), d.y(), ToyTweets.SENTIMENT);
    assertThat(unbroken.scores()).anySatisfy(s -> assertThat(s.mean()).isLessThan(1.0));
    assertThat(unbroken.scores().stream().map(GridSearchResult.CvScore::mean).distinct().count()).isGreaterThan(1);

    int k = 7;
    try (GridFoldLog log = open(search, d)) {
      assertThat(log.reused()).isZero();
      CrashAfter crash = new CrashAfter(log, k);
      assertThatThrownBy(() -> search.run(d.texts(), d.y(), ToyTweets.SENTIMENT, crash))
          .hasMessageContaining("simulated crash");
    }
    assertThat(rows()).hasSize(k);

    GridSearchResult resumed;
    try (GridFoldLog log = open(search, d)) {
      assertThat(log.reused()).isEqualTo(k);
      assertThat(log.dropped()).isEmpty();
      CrashAfter counting = new CrashAfter(log, Integer.MAX_VALUE);
      resumed = search.run(d.texts(), d.y(), ToyTweets.SENTIMENT, counting);
      assertThat(counting.computed.get()).as("fits computed on resume").isEqualTo(FITS - k);
    }
    assertSameResult(resumed, unbroken, d);
    assertThat(rows()).hasSize(FITS).doesNotHaveDuplicates();

    // everything recorded: a third run computes no fit at all
    try (GridFoldLog log = open(search, d)) {
      assertThat(log.reused()).isEqualTo(FITS);
      assertSameResult(search.run(d.texts(), d.y(), ToyTweets.SENTIMENT, new CrashAfter(log, 0)), unbroken, d);
    }
  }

  @Test
  void aRowCutShortByTheKillIsDroppedAndTheFileStaysAppendable() throws IOException {
    ToyTweets.Data d = data();
    GridSearch search = new GridSearch(config(), 9);
    try (GridFoldLog log = open(search, d)) {
      assertThatThrownBy(() -> search.run(d.texts(), d.y(), ToyTweets.SENTIMENT, new CrashAfter(log, 5)))
          .hasMessageContaining("simulated crash");
    }
    Files.writeString(tmp.resolve("folds.csv"), "3,1,0.5,l2,bala", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    GridSearchResult resumed;
    try (GridFoldLog log = open(search, d)) {
      assertThat(log.reused()).isEqualTo(5);
      assertThat(log.dropped()).contains("cut short");
      resumed = search.run(d.texts(), d.y(), ToyTweets.SENTIMENT, log);
    }
    assertThat(rows()).hasSize(FITS).allSatisfy(r -> assertThat(r.split(",")).hasSize(6));
    assertSameResult(resumed, search.run(d.texts(), d.y(), ToyTweets.SENTIMENT), d);
  }

  @Test
  void scoresKeptForAnotherSeedAreIgnoredAndReplaced() throws IOException {
    ToyTweets.Data d = data();
    GridSearch seed9 = new GridSearch(config(), 9);
    try (GridFoldLog log = open(seed9, d)) {
      seed9.run(d.texts(), d.y(), ToyTweets.SENTIMENT, log);
    }
    GridSearch seed10 = new GridSearch(config(), 10);
    assertThat(seed10.inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT))
        .isNotEqualTo(seed9.inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT));
    try (GridFoldLog log = open(seed10, d)) {
      assertThat(log.reused()).isZero();
      assertThat(log.dropped()).contains("other inputs");
      assertSameResult(seed10.run(d.texts(), d.y(), ToyTweets.SENTIMENT, log),
          seed10.run(d.texts(), d.y(), ToyTweets.SENTIMENT), d);
    }
    assertThat(Files.readAllLines(tmp.resolve("folds.csv")).get(0)).contains("seed=10");
    assertThat(rows()).hasSize(FITS);
  }

  @Test
  void theKeyFollowsTheTextsAndTheGridButNotTheThreadCount() {
    ToyTweets.Data d = data();
    Map<String, String> key = new GridSearch(config(), 9).inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT);
    BaselineConfig c = config();
    BaselineConfig oneThread = new BaselineConfig(1, 2, 2, 4, 1, 1.0, true, 0, c.c(), c.penalty(), c.classWeight(),
        3, 1e-4, 1e-4, 1);
    assertThat(new GridSearch(oneThread, 9).inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT)).isEqualTo(key);
    BaselineConfig otherC = new BaselineConfig(1, 2, 2, 4, 1, 1.0, true, 0, List.of(0.5, 8.0), c.penalty(),
        c.classWeight(), 3, 1e-4, 1e-4, 2);
    assertThat(new GridSearch(otherC, 9).inputKey(d.texts(), d.y(), ToyTweets.SENTIMENT).get("grid"))
        .isNotEqualTo(key.get("grid"));
    List<String> edited = new ArrayList<>(d.texts());
    edited.set(0, edited.get(0) + " edited");
    assertThat(new GridSearch(config(), 9).inputKey(edited, d.y(), ToyTweets.SENTIMENT).get("inputs"))
        .isNotEqualTo(key.get("inputs"));
  }
}
