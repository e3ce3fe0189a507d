package dev.tweetox.baseline;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BaselineConfig;
import dev.tweetox.config.Penalty;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextIds;
import dev.tweetox.features.SparseMatrix;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import dev.tweetox.io.Progress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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
 * on the thread count or on which fit finishes first. Given a {@link FoldScores} such as a {@link GridFoldLog}, it
 * records each fit's score as it finishes and skips the fits stored there, so a killed search resumes where it was.
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
   * Runs the search, computing every fit.
   *
   * @param texts cleaned training texts
   * @param y class index of each text
   * @throws TweetoxException when a class has fewer than two examples, or explicit class weights do not match
   */
  public GridSearchResult run(List<String> texts, int[] y, LabelSet labels) {
    return run(texts, y, labels, FoldScores.none());
  }

  /**
   * Runs the search, taking the fits {@code done} already holds from it and recording each new one there as soon
   * as it finishes. Stored scores are the exact doubles a fit gives, so a search resumed this way chooses the same
   * setting with the same scores as one run without a break.
   */
  public GridSearchResult run(List<String> texts, int[] y, LabelSet labels, FoldScores done) {
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
    List<List<Integer>> todo = missingFits(grid, k, done, scores);
    int remaining = todo.stream().mapToInt(List::size).sum();
    if (remaining > 0) {
      crossValidate(texts, y, labels, settings, fold, todo, remaining, done, scores);
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

  /**
   * What the scores depend on besides the solver code: the texts and labels in order (so the data, the split and
   * the cleaning), the grid and the cross-validation settings, and the seed. Not the thread count.
   */
  public Map<String, String> inputKey(List<String> texts, int[] y, LabelSet labels) {
    StringBuilder in = new StringBuilder(String.join(",", labels.names())).append('\n');
    for (int i = 0; i < texts.size(); i++) {
      in.append(y[i]).append('\t').append(texts.get(i)).append('\n');
    }
    String gridSpec = String.join(";", "word=" + cfg.wordNgramMin() + "-" + cfg.wordNgramMax(),
        "char=" + cfg.charNgramMin() + "-" + cfg.charNgramMax(), "minDf=" + cfg.minDf(), "maxDf=" + cfg.maxDf(),
        "sublinearTf=" + cfg.sublinearTf(), "maxFeatures=" + cfg.maxFeatures(), "folds=" + cfg.folds(),
        "cvTolerance=" + cfg.cvTolerance(), "grid=" + grid());
    Map<String, String> key = new LinkedHashMap<>();
    key.put("inputs", shortHash(in.toString()));
    key.put("grid", shortHash(gridSpec));
    key.put("seed", Long.toString(seed));
    return key;
  }

  private static String shortHash(String s) {
    return TextIds.sha256Hex(s.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /** Fills in the stored scores; returns, per fold, the grid points still to fit, slowest first. */
  private static List<List<Integer>> missingFits(List<LrParams> grid, int k, FoldScores done, double[][] scores) {
    // Slowest fits first (L1, then large C) so the cheap ones fill the gaps at the end of the queue.
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < grid.size(); g++) {
      order.add(g);
    }
    order.sort(Comparator.comparing((Integer g) -> grid.get(g).penalty() != Penalty.L1)
        .thenComparing(g -> -grid.get(g).c()));
    List<List<Integer>> todo = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Integer> missing = new ArrayList<>();
      for (int g : order) {
        OptionalDouble stored = done.find(g, f);
        if (stored.isPresent()) {
          scores[g][f] = stored.getAsDouble();
        } else {
          missing.add(g);
        }
      }
      todo.add(missing);
    }
    return todo;
  }

  /** Runs the missing fits on a thread pool; a fold whose fits are all stored is not even vectorized. */
  private void crossValidate(List<String> texts, int[] y, LabelSet labels, TfidfSettings settings, int[] fold,
      List<List<Integer>> todo, int remaining, FoldScores done, double[][] scores) {
    List<LrParams> grid = grid();
    List<Integer> folds = new ArrayList<>();
    for (int f = 0; f < todo.size(); f++) {
      if (!todo.get(f).isEmpty()) {
        folds.add(f);
      }
    }
    int threads = cfg.threads() == 0 ? Runtime.getRuntime().availableProcessors() : cfg.threads();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, grid.size())));
    try (Progress progress = Progress.start("grid search", remaining, "fits")) {
      List<PendingFit> fits = new ArrayList<>();
      Future<FoldData> next = pool.submit(() -> FoldData.prepare(texts, y, fold, folds.get(0), settings, labels));
      for (int i = 0; i < folds.size(); i++) {
        int f = folds.get(i);
        FoldData data = await(next);
        for (int g : todo.get(f)) {
          LrParams params = grid.get(g);
          fits.add(new PendingFit(g, f, pool.submit(() -> {
            LinearModel m = LogisticRegression.fit(data.train, params, cfg.cvTolerance(), seed);
            double f1 = MacroF1.of(data.valY, m.predict(data.valX), labels.size());
            done.put(g, f, f1);
            progress.step();
            return f1;
          })));
        }
        if (i + 1 < folds.size()) {
          // queued behind this fold's fits: at most two folds' features are alive at once, and the next fold's
          // features are built while the last fits of this one still run
          int nextFold = folds.get(i + 1);
          next = pool.submit(() -> FoldData.prepare(texts, y, fold, nextFold, settings, labels));
        }
      }
      for (PendingFit p : fits) {
        scores[p.setting()][p.fold()] = await(p.score());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private record PendingFit(int setting, int fold, Future<Double> score) {}

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
