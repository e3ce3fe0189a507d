package dev.tweetox.split;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.SplitConfig;
import dev.tweetox.data.Example;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A stratified train/val/test split that depends only on the examples' ids and labels, the proportions and the seed,
 * never on row order.
 *
 * <p>Sizes follow scikit-learn's two-step {@code train_test_split}, so the numbers match the reference notebook:
 * holdout = ceil((val + test) * N), val = floor(holdout * val / (val + test)), test = the rest, train = N - holdout.
 * For 31,014 rows at 70/15/15 that is 21,709 / 4,652 / 4,653. Those totals are then shared out over the classes so
 * that every count is within one row of its exact proportional share (largest remainders first, repaired by
 * augmenting paths when greedy rounding gets stuck). Within each class the examples are sorted by id and shuffled with
 * a {@link SplittableRandom} seeded with the run's seed, then taken train first, val next, test last.
 */
public final class StratifiedSplitter {
  private StratifiedSplitter() {}

  public static SplitAssignment split(List<Example> examples, SplitConfig config, long seed) {
    int[] totals = totals(examples.size(), config);
    if (Arrays.stream(totals).anyMatch(t -> t < 1)) {
      throw new TweetoxException("cannot split " + examples.size() + " examples into train/val/test "
          + Arrays.toString(totals) + "; every part needs at least one example, so use more data or larger "
          + "split.val and split.test");
    }
    TreeMap<Integer, List<Example>> byClass = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    for (Example e : examples) {
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException("duplicate example id " + e.id());
      }
      byClass.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
    }
    int[] classSizes = byClass.values().stream().mapToInt(List::size).toArray();
    int[][] counts = allocate(classSizes, totals);

    SplittableRandom rng = new SplittableRandom(seed);
    List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int c = 0;
    for (List<Example> members : byClass.values()) {
      List<String> classIds = new ArrayList<>(members.stream().map(Example::id).sorted().toList());
      shuffle(classIds, rng);
      int from = 0;
      for (int s = 0; s < 3; s++) {
        parts.get(s).addAll(classIds.subList(from, from + counts[c][s]));
        from += counts[c][s];
      }
      c++;
    }
    parts.forEach(p -> p.sort(Comparator.naturalOrder()));
    return new SplitAssignment(parts.get(0), parts.get(1), parts.get(2));
  }

  /** Train, val and test sizes for n examples, as scikit-learn's two-step split computes them. */
  public static int[] totals(int n, SplitConfig config) {
    double holdoutFraction = config.val() + config.test();
    // The tolerance keeps float noise (0.1 + 0.2 = 0.30000000000000004) from adding a row.
    int holdout = (int) Math.ceil(n * holdoutFraction - 1e-9);
    int val = (int) Math.floor(holdout * (config.val() / holdoutFraction) + 1e-9);
    return new int[] {n - holdout, val, holdout - val};
  }

  /**
   * An integer matrix with the given row sums (class sizes) and column sums (split sizes) in which every cell is the
   * floor or the ceiling of its exact share {@code rows[c] * cols[s] / N}. Such a matrix always exists (the exact
   * shares are a fractional flow with integer margins); remainders are compared as exact integers.
   */
  static int[][] allocate(int[] rows, int[] cols) {
    long n = Arrays.stream(rows).asLongStream().sum();
    int[][] x = new int[rows.length][cols.length];
    long[][] rem = new long[rows.length][cols.length];
    int[] rowNeed = rows.clone();
    int[] colNeed = cols.clone();
    List<int[]> cells = new ArrayList<>();
    for (int c = 0; c < rows.length; c++) {
      for (int s = 0; s < cols.length; s++) {
        long share = (long) rows[c] * cols[s];
        x[c][s] = (int) (share / n);
        rem[c][s] = share % n;
        rowNeed[c] -= x[c][s];
        colNeed[s] -= x[c][s];
        if (rem[c][s] > 0) {
          cells.add(new int[] {c, s});
        }
      }
    }
    cells.sort(Comparator.<int[]>comparingLong(cell -> -rem[cell[0]][cell[1]])
        .thenComparingInt(cell -> cell[0]).thenComparingInt(cell -> cell[1]));
    boolean[][] raised = new boolean[rows.length][cols.length];
    for (int[] cell : cells) {
      int c = cell[0];
      int s = cell[1];
      if (rowNeed[c] > 0 && colNeed[s] > 0) {
        raise(x, raised, rowNeed, colNeed, c, s, true);
      }
    }
    for (int c = 0; c < rows.length; c++) {
      while (rowNeed[c] > 0) {
        augment(c, x, rem, raised, rowNeed, colNeed);
      }
    }
    return x;
  }

  /**
   * Finds a path from class c through cells (raising a cell to its ceiling when going class -> split, lowering a
   * raised cell when going split -> class) to a split that still needs rows, and flips it.
   */
  private static void augment(int start, int[][] x, long[][] rem, boolean[][] raised, int[] rowNeed, int[] colNeed) {
    int rowsN = x.length;
    int colsN = x[0].length;
    int[] colFrom = new int[colsN];
    int[] rowFrom = new int[rowsN];
    Arrays.fill(colFrom, -1);
    Arrays.fill(rowFrom, -1);
    rowFrom[start] = start;
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      int c = queue.poll();
      for (int s = 0; s < colsN; s++) {
        if (colFrom[s] >= 0 || rem[c][s] == 0 || raised[c][s]) {
          continue;
        }
        colFrom[s] = c;
        if (colNeed[s] > 0) {
          for (int col = s; ; ) {
            int row = colFrom[col];
            raise(x, raised, rowNeed, colNeed, row, col, true);
            if (row == start) {
              return;
            }
            int prevCol = rowFrom[row];
            raise(x, raised, rowNeed, colNeed, row, prevCol, false);
            col = prevCol;
          }
        }
        for (int r = 0; r < rowsN; r++) {
          if (rowFrom[r] < 0 && raised[r][s]) {
            rowFrom[r] = s;
            queue.add(r);
          }
        }
      }
    }
    throw new IllegalStateException("no proportional allocation found for " + Arrays.toString(rowNeed));
  }

  private static void raise(int[][] x, boolean[][] raised, int[] rowNeed, int[] colNeed, int c, int s, boolean up) {
    int d = up ? 1 : -1;
    x[c][s] += d;
    raised[c][s] = up;
    rowNeed[c] -= d;
    colNeed[s] -= d;
  }

  private static void shuffle(List<String> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }
}
