package dev.tweetox.baseline;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BaselineConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.features.SparseMatrix;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import dev.tweetox.io.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chooses C, class weighting and penalty by stratified k-fold cross-validation on macro-F1, then refits the winner
 * on all training texts.
 *
 * <p>The TF-IDF vectorizer is refitted inside each fold on that fold's training part only, so no vocabulary or idf
 * leaks from the validation part; it is fitted once per fold and shared by every grid point. All fits run on one
 * thread pool; a fold's features are built once the previous fold's fits are queued, so at most about two folds of
 * features are in memory. Every fit is deterministic and scores are stored by grid index, so results do not depend
 * on the thread count or on which fit finishes first.
 */
public final class GridSearch {
  private final BaselineConfig cfg;
  private final long seed;

  public GridSearch(BaselineConfig cfg, long seed) {
    this.cfg = cfg;
    this.seed = seed;
  }

  /** The grid in scikit-learn's {@code ParameterGrid} order: C, then class weight, then penalty varies fastest. */
  public List<LrParams> grid() {
    List<LrParams> grid = new ArrayList<>();
    for (double c : cfg.c()) {
      for (String w : cfg.classWeight()) {
        for (Penalty p : cfg.penalty()) {
          grid.add(new LrParams(c, p, new ClassWeighting(w)));
        }
      }
    }
    return grid;
  }

  /**
   * Runs the search.
   *
   * @param texts cleaned training texts
   * @param y class index of each text
   * @throws TweetoxException when a class has fewer than two examples, or explicit class weights do not match
   */
  public GridSearchResult run(List<String> texts, int[] y, LabelSet labels) {
    if (texts.size() != y.length) {
      throw new IllegalArgumentException(texts.size() + " texts but " + y.length + " labels");
    }
    int k = cfg.folds();
    List<LrParams> grid = grid();
    checkInputs(y, labels, grid);
    TfidfSettings settings = TfidfSettings.from(cfg);
    if (grid.size() == 1) {
      // nothing to choose: cross-validation would only estimate the score the validation split gives anyway
      BaselineModel model = BaselineTrainer.fitOne(texts, y, labels, settings, grid.get(0), cfg.tolerance(), seed);
      return new GridSearchResult(List.of(new GridSearchResult.CvScore(grid.get(0), Double.NaN, Double.NaN,
          List.of())), grid.get(0), model, 0, seed);
    }
    int[] fold = StratifiedFolds.assign(y, labels.size(), k, seed);
    double[][] scores = new double[grid.size()][k];
    int threads = cfg.threads() == 0 ? Runtime.getRuntime().availableProcessors() : cfg.threads();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, grid.size())));
    // Slowest fits first (L1, then large C) so the cheap ones fill the gaps at the end of the queue.
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < grid.size(); g++) {
      order.add(g);
    }
    order.sort(Comparator.comparing((Integer g) -> grid.get(g).penalty() != Penalty.L1)
        .thenComparing(g -> -grid.get(g).c()));
    try (Progress progress = Progress.start("grid search", (long) grid.size() * k, "fits")) {
      List<List<Future<Double>>> fits = new ArrayList<>();
      Future<FoldData> next = pool.submit(() -> FoldData.prepare(texts, y, fold, 0, settings, labels));
      for (int f = 0; f < k; f++) {
        FoldData data = await(next);
        List<Future<Double>> foldFits = new ArrayList<>(Collections.nCopies(grid.size(), null));
        for (int g : order) {
          LrParams params = grid.get(g);
          foldFits.set(g, pool.submit(() -> {
            LinearModel m = LogisticRegression.fit(data.train, params, cfg.cvTolerance(), seed);
            double f1 = MacroF1.of(data.valY, m.predict(data.valX), labels.size());
            progress.step();
            return f1;
          }));
        }
        fits.add(foldFits);
        if (f + 1 < k) {
          // queued behind this fold's fits: at most two folds' features are alive at once, and the next fold's
          // features are built while the last fits of this one still run
          int nextFold = f + 1;
          next = pool.submit(() -> FoldData.prepare(texts, y, fold, nextFold, settings, labels));
        }
      }
      for (int f = 0; f < k; f++) {
        for (int g = 0; g < grid.size(); g++) {
          scores[g][f] = await(fits.get(f).get(g));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<GridSearchResult.CvScore> rows = new ArrayList<>();
    int best = 0;
    for (int g = 0; g < grid.size(); g++) {
      rows.add(score(grid.get(g), scores[g]));
      if (rows.get(g).mean() > rows.get(best).mean()) {
        best = g;
      }
    }
    LrParams bestParams = grid.get(best);
    BaselineModel model = BaselineTrainer.fitOne(texts, y, labels, settings, bestParams, cfg.tolerance(), seed);
    return new GridSearchResult(rows, bestParams, model, k, seed);
  }

  /** Fails before any fit on problems every fold would hit: too few examples, mismatched explicit weights. */
  private void checkInputs(int[] y, LabelSet labels, List<LrParams> grid) {
    int[] counts = new int[labels.size()];
    for (int label : y) {
      if (label < 0 || label >= counts.length) {
        throw new IllegalArgumentException("class index " + label + " outside 0.." + (counts.length - 1));
      }
      counts[label]++;
    }
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < 2) {
        throw new TweetoxException("baseline grid search: class '" + labels.name(c) + "' has " + counts[c]
            + " training example(s); each class needs at least 2 for " + cfg.folds()
            + "-fold cross-validation -- add data or drop the class from data.labels");
      }
    }
    grid.forEach(p -> p.classWeight().weights(counts, labels));
  }

  private static GridSearchResult.CvScore score(LrParams params, double[] foldScores) {
    double mean = 0;
    for (double s : foldScores) {
      mean += s;
    }
    mean /= foldScores.length;
    double var = 0;
    for (double s : foldScores) {
      var += (s - mean) * (s - mean);
    }
    List<Double> list = new ArrayList<>();
    for (double s : foldScores) {
      list.add(s);
    }
    return new GridSearchResult.CvScore(params, mean, Math.sqrt(var / foldScores.length), list);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("grid search interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** One fold's features: the vectorizer fitted on the training part, applied to both parts. */
  private record FoldData(LogisticRegression.TrainingData train, SparseMatrix valX, int[] valY) {
    static FoldData prepare(
        List<String> texts, int[] y, int[] fold, int f, TfidfSettings settings, LabelSet labels) {
      List<String> trainTexts = new ArrayList<>();
      List<String> valTexts = new ArrayList<>();
      int nVal = 0;
      for (int value : fold) {
        nVal += value == f ? 1 : 0;
      }
      int[] trainY = new int[y.length - nVal];
      int[] valY = new int[nVal];
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == f) {
          valY[valTexts.size()] = y[i];
          valTexts.add(texts.get(i));
        } else {
          trainY[trainTexts.size()] = y[i];
          trainTexts.add(texts.get(i));
        }
      }
      TfidfVectorizer vec = TfidfVectorizer.fit(settings, trainTexts);
      return new FoldData(LogisticRegression.prepare(vec.transform(trainTexts), trainY, labels),
          vec.transform(valTexts), valY);
    }
  }
}
