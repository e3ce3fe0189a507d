package dev.tweetox.tuning;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.baseline.ClassWeighting;
import dev.tweetox.baseline.LogisticRegression;
import dev.tweetox.baseline.LrParams;
import dev.tweetox.baseline.MacroF1;
import dev.tweetox.config.BaselineConfig;
import dev.tweetox.features.TfidfSettings;
import dev.tweetox.features.TfidfVectorizer;
import dev.tweetox.transformer.training.Subsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a TF-IDF + logistic-regression setting: fitted on the tuning subset, macro-F1 on the validation split.
 * With a halving schedule in training samples, it first fits on stratified subsets of the rung sizes and stops
 * when the reporter says so.
 */
public final class BaselineObjective implements Objective {
  private final BaselineConfig base;
  private final TuneData data;
  private final long seed;
  private final Halving samplesSchedule;
  private final Map<Integer, Features> features = new HashMap<>();

  /** @param samplesSchedule a halving schedule in samples, or null for one fit per trial */
  public BaselineObjective(BaselineConfig base, TuneData data, long seed, Halving samplesSchedule) {
    this.base = base;
    this.data = data;
    this.seed = seed;
    this.samplesSchedule = samplesSchedule != null && samplesSchedule.resource() == Halving.Resource.SAMPLES
        ? samplesSchedule : null;
  }

  @Override
  public TrialOutcome run(int number, Map<String, Object> params, Path trialDir, Reporter reporter) {
    BaselineConfig cfg = TrialConfigs.baseline(base, params);
    LrParams lr = new LrParams(cfg.c().get(0), cfg.penalty().get(0),
        new ClassWeighting(cfg.classWeight().get(0)));
    int n = data.trainTexts().size();
    double best = -1;
    int step = 0;
    if (samplesSchedule != null) {
      for (int k = 0; samplesSchedule.rungBudget(k) < n; k++) {
        int size = (int) samplesSchedule.rungBudget(k);
        int[] idx = Subsets.stratified(data.trainLabels(), size / (double) n, seed);
        double f1 = score(fit(cfg, lr, idx));
        best = Math.max(best, f1);
        // the rung's nominal size is the budget: stratified rounding may give a few examples fewer
        if (!reporter.report(++step, idx.length / (double) n, size, f1, Double.NaN, Double.NaN)) {
          return TrialOutcome.pruned(best, idx.length / (double) n, null);
        }
      }
    }
    BaselineModel model = fit(cfg, lr, null);
    double f1 = score(model);
    reporter.report(++step, 1.0, samplesSchedule != null ? n : 1.0, f1, Double.NaN, Double.NaN);
    double test = MacroF1.of(data.testLabels(), model.predict(data.testTexts()), data.labels().size());
    return TrialOutcome.complete(f1, test, 1.0, null);
  }

  /**
   * Fits one logistic regression. Trials differ only in C, penalty and class weight, so the TF-IDF features of
   * each training-set size are computed once per worker and reused.
   */
  private BaselineModel fit(BaselineConfig cfg, LrParams lr, int[] idx) {
    Features f = features.computeIfAbsent(idx == null ? -1 : idx.length, k -> {
      List<String> texts = data.trainTexts();
      int[] y = data.trainLabels();
      if (idx != null) {
        texts = Arrays.stream(idx).mapToObj(data.trainTexts()::get).toList();
        y = Arrays.stream(idx).map(i -> data.trainLabels()[i]).toArray();
      }
      TfidfVectorizer vec = TfidfVectorizer.fit(TfidfSettings.from(cfg), texts);
      return new Features(vec, LogisticRegression.prepare(vec.transform(texts), y, data.labels()));
    });
    return new BaselineModel(data.labels(), lr, f.vectorizer(),
        LogisticRegression.fit(f.train(), lr, cfg.tolerance(), seed));
  }

  private record Features(TfidfVectorizer vectorizer, LogisticRegression.TrainingData train) {}

  private double score(BaselineModel m) {
    return MacroF1.of(data.valLabels(), m.predict(data.valTexts()), data.labels().size());
  }
}
