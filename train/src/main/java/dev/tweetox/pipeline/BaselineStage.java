package dev.tweetox.pipeline;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.baseline.GridFoldLog;
import dev.tweetox.baseline.GridSearch;
import dev.tweetox.baseline.GridSearchResult;
import dev.tweetox.baseline.LrParams;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.data.TextIds;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.Table;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stage 3: grid-search the TF-IDF + logistic-regression baseline on the training split and save it. */
public final class BaselineStage {
  public static final String GRID_CSV = "grid_search_baseline.csv";
  /**
   * Each finished cross-validation fit's score, appended as the grid search goes. Beside {@link #GRID_CSV}, not in
   * {@code baseline/}: that folder is the model, copied whole into bundles and taken as trained once not empty.
   */
  public static final String FOLDS_CSV = "grid_search_baseline_folds.csv";

  private BaselineStage() {}

  public static BaselineModel train(TweetoxConfig cfg, RunDirectory dir, PreparedData data, PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    List<String> texts = baselineTexts(cleaner, data.train());
    int grid = cfg.baseline().c().size() * cfg.baseline().penalty().size() * cfg.baseline().classWeight().size();
    log.println(grid == 1 ? "baseline: fitting the one configured setting on " + texts.size() + " training tweets"
        : "baseline: grid search over " + grid + " settings x " + cfg.baseline().folds() + " folds on "
            + texts.size() + " training tweets");
    log.flush();
    long t0 = System.nanoTime();
    GridSearchResult result = gridSearch(cfg, dir, data, texts, log);
    gridTable(result).writeCsv(dir.resolve(GRID_CSV));
    result.model().save(modelDir(dir));
    String score = result.folds() == 0 ? "one setting, no cross-validation needed"
        : String.format(java.util.Locale.ROOT, "CV macro-F1 %.4f +- %.4f", result.bestScore().mean(),
            result.bestScore().std());
    log.printf(java.util.Locale.ROOT, "baseline: best %s (%s) in %.0f s; saved to %s%n", result.best(), score,
        (System.nanoTime() - t0) / 1e9, modelDir(dir));
    log.flush();
    return result.model();
  }

  /**
   * Runs the grid search, keeping each finished (setting, fold) score in {@link #FOLDS_CSV} so that a rerun after
   * a crash skips the fits already done. The file is keyed by the data fingerprint, the training ids, the texts,
   * the grid and the seed; scores kept for other inputs are discarded.
   */
  private static GridSearchResult gridSearch(TweetoxConfig cfg, RunDirectory dir, PreparedData data,
      List<String> texts, PrintWriter log) {
    int[] y = PreparedData.labelsOf(data.train());
    GridSearch search = new GridSearch(cfg.baseline(), cfg.seed());
    List<LrParams> grid = search.grid();
    if (grid.size() == 1) {
      return search.run(texts, y, data.labels());
    }
    Map<String, String> key = new LinkedHashMap<>();
    key.put("data", data.fingerprint().substring(0, Math.min(16, data.fingerprint().length())));
    String ids = String.join("\n", data.train().stream().map(Example::id).toList());
    key.put("trainIds", TextIds.sha256Hex(ids.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    key.putAll(search.inputKey(texts, y, data.labels()));
    Path file = dir.resolve(FOLDS_CSV);
    int fits = grid.size() * cfg.baseline().folds();
    try (GridFoldLog folds = GridFoldLog.open(file, key, grid, cfg.baseline().folds())) {
      if (!folds.dropped().isEmpty()) {
        log.println("baseline grid: " + FOLDS_CSV + " " + folds.dropped());
      }
      if (folds.reused() > 0) {
        log.println("baseline grid: " + folds.reused() + "/" + fits + " fits reused from " + FOLDS_CSV);
      }
      log.flush();
      return search.run(texts, y, data.labels(), folds);
    }
  }

  /** True when the run directory already holds a saved baseline. */
  public static boolean exists(RunDirectory dir) {
    return Files.isDirectory(modelDir(dir));
  }

  public static BaselineModel load(RunDirectory dir) {
    return BaselineModel.load(modelDir(dir));
  }

  /** The text the baseline sees: cleaned, then optionally stemmed or stopword-stripped. */
  public static List<String> baselineTexts(TextCleaner cleaner, List<Example> examples) {
    List<String> out = new ArrayList<>(examples.size());
    examples.forEach(e -> out.add(cleaner.baselineText(e.text())));
    return out;
  }

  static Table gridTable(GridSearchResult r) {
    List<List<Object>> rows = new ArrayList<>();
    for (GridSearchResult.CvScore s : r.scores()) {
      rows.add(List.of(s.params().c(), s.params().penalty().key(), s.params().classWeight().spec(),
          Double.isNaN(s.mean()) ? "" : s.mean(), Double.isNaN(s.std()) ? "" : s.std(), s.params().equals(r.best())));
    }
    return new Table("baseline grid search (" + (r.folds() == 0 ? "one setting, not cross-validated"
        : r.folds() + "-fold CV, macro-F1") + ")",
        List.of("C", "penalty", "class_weight", "cv_macro_f1_mean", "cv_macro_f1_std", "best"), rows);
  }

  /** The run directory's saved baseline. */
  public static Path modelDir(RunDirectory dir) {
    return dir.modelDir(ModelKind.BASELINE);
  }
}
