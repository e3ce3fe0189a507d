package dev.tweetox.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.SplitConfig;
import dev.tweetox.data.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {
  private static final SplitConfig P = SplitConfig.defaults();

  @Test
  void totalsMatchTheReferenceSplit() {
    assertThat(StratifiedSplitter.totals(31_014, P)).containsExactly(21_709, 4_652, 4_653);
    assertThat(StratifiedSplitter.totals(100, P)).containsExactly(70, 15, 15);
    assertThat(StratifiedSplitter.totals(10, new SplitConfig(0.8, 0.1, 0.1))).containsExactly(8, 1, 1);
    assertThat(StratifiedSplitter.totals(1000, new SplitConfig(0.7, 0.1, 0.2))).containsExactly(700, 100, 200);
  }

  @Test
  void theReferenceDataSizesSplitIntoTheReferenceTotalsWithinOneRowPerClass() {
    List<Example> data = SplitFixtures.examples(8_782, 12_547, 9_685);
    SplitAssignment s = StratifiedSplitter.split(data, P, 42);
    assertThat(List.of(s.train().size(), s.val().size(), s.test().size())).containsExactly(21_709, 4_652, 4_653);
    assertWithinOneRowPerClass(s, data, new int[] {8_782, 12_547, 9_685});
  }

  @Test
  void sameSeedGivesIdenticalIdsAndShuffledInputGivesTheSame() {
    List<Example> data = SplitFixtures.examples(50, 31, 19);
    SplitAssignment a = StratifiedSplitter.split(data, P, 7);
    assertThat(StratifiedSplitter.split(data, P, 7)).isEqualTo(a);
    List<Example> shuffled = new ArrayList<>(data);
    Collections.shuffle(shuffled, new Random(3));
    assertThat(StratifiedSplitter.split(shuffled, P, 7)).isEqualTo(a);
  }

  @Test
  void differentSeedGivesADifferentSplitOfTheSameSizes() {
    List<Example> data = SplitFixtures.examples(50, 31, 19);
    SplitAssignment a = StratifiedSplitter.split(data, P, 7);
    SplitAssignment b = StratifiedSplitter.split(data, P, 8);
    assertThat(b.test()).isNotEqualTo(a.test());
    assertThat(b.test()).hasSameSizeAs(a.test());
  }

  @Test
  void partsAreDisjointAndCoverEveryId() {
    List<Example> data = SplitFixtures.examples(50, 31, 19);
    SplitAssignment s = StratifiedSplitter.split(data, P, 1);
    Set<String> all = new HashSet<>();
    all.addAll(s.train());
    all.addAll(s.val());
    all.addAll(s.test());
    assertThat(all).hasSize(100).containsAll(data.stream().map(Example::id).toList());
    assertThat(s.train()).isSorted();
    assertThat(s.partOf(s.val().get(0))).contains(SplitPart.VAL);
  }

  @Test
  void classRatiosStayWithinOneRowOfExactForManyShapes() {
    Random r = new Random(11);
    for (int trial = 0; trial < 40; trial++) {
      int[] sizes = new int[2 + r.nextInt(5)];
      for (int c = 0; c < sizes.length; c++) {
        sizes[c] = 1 + r.nextInt(r.nextBoolean() ? 10 : 300);
      }
      List<Example> data = SplitFixtures.examples(sizes);
      if (Arrays.stream(StratifiedSplitter.totals(data.size(), P)).anyMatch(t -> t < 1)) {
        continue;
      }
      assertWithinOneRowPerClass(StratifiedSplitter.split(data, P, trial), data, sizes);
    }
  }

  @Test
  void allocationIsAlwaysAFloorOrCeilingRoundingWithExactSums() {
    Random r = new Random(5);
    for (int trial = 0; trial < 5_000; trial++) {
      int[] rows = r.ints(1 + r.nextInt(6), 1, 1 + (r.nextBoolean() ? 5 : 50)).toArray();
      int n = Arrays.stream(rows).sum();
      int[] cols = new int[2 + r.nextInt(3)];
      for (int i = 0; i < n; i++) {
        cols[r.nextInt(cols.length)]++;
      }
      int[][] x = StratifiedSplitter.allocate(rows, cols);
      int[] colSums = new int[cols.length];
      for (int c = 0; c < rows.length; c++) {
        assertThat(Arrays.stream(x[c]).sum()).isEqualTo(rows[c]);
        for (int s = 0; s < cols.length; s++) {
          colSums[s] += x[c][s];
          long share = (long) rows[c] * cols[s];
          assertThat(x[c][s]).isBetween((int) (share / n), (int) ((share + n - 1) / n));
        }
      }
      assertThat(colSums).containsExactly(cols);
    }
  }

  @Test
  void allocationHitsRowAndColumnSumsExactly() {
    int[][] x = StratifiedSplitter.allocate(new int[] {1, 1, 1, 1}, new int[] {2, 1, 1});
    int[] colSums = new int[3];
    for (int[] row : x) {
      assertThat(Arrays.stream(row).sum()).isEqualTo(1);
      for (int s = 0; s < 3; s++) {
        colSums[s] += row[s];
      }
    }
    assertThat(colSums).containsExactly(2, 1, 1);
  }

  @Test
  void tooFewExamplesIsAClearError() {
    assertThatThrownBy(() -> StratifiedSplitter.split(SplitFixtures.examples(1, 1), P, 1))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("cannot split 2 examples into train/val/test [1, 0, 1]");
  }

  /** Every class's count in every part is within one row of its exact proportional share. */
  static void assertWithinOneRowPerClass(SplitAssignment s, List<Example> data, int[] sizes) {
    int n = data.size();
    for (SplitPart p : SplitPart.values()) {
      int[] counts = new int[sizes.length];
      s.select(data, p).forEach(e -> counts[e.label()]++);
      for (int c = 0; c < sizes.length; c++) {
        double exact = sizes[c] * (double) s.ids(p).size() / n;
        assertThat(Math.abs(counts[c] - exact)).as("%s class %d of %s", p, c, Arrays.toString(sizes))
            .isLessThan(1.0);
      }
    }
  }
}
