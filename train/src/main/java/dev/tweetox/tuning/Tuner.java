package dev.tweetox.tuning;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.BaselineStage;
import dev.tweetox.pipeline.Lazy;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.pipeline.PreparedData;
import dev.tweetox.report.Table;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.FrozenCachePool;
import dev.tweetox.transformer.training.Subsets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hyperparameter search as plain functions: {@link #tune} runs (or joins) one study and writes its outputs;
 * {@link #retrain} trains the chosen configuration on the whole training split through the standard
 * {@link Pipeline}, so it gets the usual report and a row in {@code runs_log.csv}.
 */
public final class Tuner {
  /** Sub-folder of the run directory for the tuning tables, plots and per-trial models. */
  public static final String DIR = "tune";

  /**
   * One tuning job.
   *
   * @param space the search space, or null for the ready-made one of the model and strategy
   * @param study the study name, or null for {@code <model>-<strategy>}
   * @param storage JDBC URL or SQLite file; null for {@code <runDir>/tune.db}
   * @param retrain train the best configuration on the full split afterwards (leave off on extra workers)
   */
  public record Options(ModelKind model, Strategy strategy, SearchSpace space, int trials, double subset,
      String storage, String study, String workerId, long leaseMs, Halving halving, boolean retrain) {
    public Options {
      if (model == null) {
        throw new TweetoxException("--model is missing; use one of " + ModelKind.keys());
      }
    }

    public String studyName() {
      return study != null ? study : model.key() + "-" + strategy.key();
    }

    public SearchSpace spaceOrPreset(TransformerConfig.Preset transformerPreset) {
      return space != null ? space : SearchSpace.preset(model, strategy, transformerPreset);
    }

    public Options withStudy(String name, Strategy s, SearchSpace sp, boolean doRetrain) {
      return new Options(model, s, sp, trials, subset, storage, name, workerId, leaseMs, halving, doRetrain);
    }
  }

  /** What a tuning job left: the studies' summary, the best trial, and the retrained run if any. */
  public record Result(Table summary, Optional<TrialRecord> best, Optional<RunDirectory> retrained) {}

  private Tuner() {}

  /** Runs this worker's share of one study, then (with {@code retrain}) retrains and reports the best. */
  public static Result tune(TweetoxConfig cfg, RunDirectory dir, Options opt, PrintWriter log) {
    return tuneAll(cfg, dir, List.of(opt), opt.retrain(), log);
  }

  /**
   * Runs several studies of one model type in turn (e.g. the notebook's grid, then its random search), writes
   * their tables and plots, and retrains the best trial of all of them when asked.
   */
  public static Result tuneAll(TweetoxConfig cfg, RunDirectory dir, List<Options> jobs, boolean retrain,
      PrintWriter log) {
    ModelKind model = jobs.get(0).model();
    // the store first: a wrong URL fails before any work
    StudyStore store = StudyStore.open(jobs.get(0).storage(), dir.path());
    log.println("tune: study store " + store.describe());
    log.flush();
    // loaded when a trial needs it: a restarted worker first claims its orphaned trial, then reads the data
    Supplier<PreparedData> data = Lazy.of(() -> Pipeline.split(cfg, dir, "tune", log));
    // shared by every study of this job: trials with the same frozen layers reuse their cached output
    FrozenCachePool caches = new FrozenCachePool(2);
    for (Options opt : jobs) {
      Object modelCfg = model == ModelKind.BASELINE ? cfg.baseline() : cfg.transformer();
      StudySettings settings = new StudySettings(opt.studyName(), model, opt.strategy(), opt.trials(), cfg.seed(),
          opt.subset(), opt.halving(), StudyStore.json(ConfigLoader.json().convertValue(modelCfg,
              new TypeReference<java.util.LinkedHashMap<String, Object>>() {})));
      store.openStudy(settings, opt.spaceOrPreset(cfg.transformer().preset()));
      Supplier<Objective> objective = Lazy.of(() -> {
        TuneData td = tuneData(cfg, data.get(), model, opt.subset());
        log.printf(Locale.ROOT, "tune %s: %s search of %s on %d training tweets (subset %.2f), %d validation%n",
            settings.study(), opt.strategy().key(), model, td.trainTexts().size(), opt.subset(),
            td.valTexts().size());
        log.flush();
        Halving halving = opt.strategy() == Strategy.HALVING ? opt.halving() : null;
        return model == ModelKind.BASELINE ? new BaselineObjective(cfg.baseline(), td, cfg.seed(), halving)
            : new TransformerObjective(cfg.transformer(), td, cfg.seed(), halving, log, caches);
      });
      new TuneWorker(store, settings, objective, dir.resolve(DIR).resolve("trials"), opt.workerId(), opt.leaseMs(),
          log).run();
      scoreBestOnTest(store, settings.study(), objective, log);
    }
    List<String> names = jobs.stream().map(Options::studyName).toList();
    Table summary = TuneReport.write(dir.resolve(DIR), store, names);
    log.println(summary.toText());
    Optional<TrialRecord> best = TuneReport.best(names.stream().flatMap(n -> store.trials(n).stream()).toList());
    Optional<RunDirectory> retrained = Optional.empty();
    if (retrain && best.isPresent()) {
      log.printf(Locale.ROOT, "tune: best trial %d (val macro-F1 %.4f) %s; retraining on the full training split%n",
          best.get().number(), best.get().value(), StudyStore.json(best.get().params()));
      log.flush();
      retrained = Optional.of(retrain(cfg, dir, model, best.get().params(), log));
    }
    return new Result(summary, best, retrained);
  }

  /** Records the test macro-F1 of the study's best trial when its objective left it out (for the summary only). */
  private static void scoreBestOnTest(StudyStore store, String study, Supplier<Objective> objective,
      PrintWriter log) {
    Optional<TrialRecord> best = TuneReport.best(store.trials(study));
    if (best.isEmpty() || best.get().testValue() != null) {
      return;
    }
    Double test = objective.get().testScore(best.get());
    if (test != null) {
      store.setTestValue(study, best.get().number(), test);
      log.printf(Locale.ROOT, "tune %s: best trial %d test macro-F1 %.4f (reported, not used to choose)%n", study,
          best.get().number(), test);
      log.flush();
    }
  }

  /**
   * Trains {@code params} on the whole training split in {@code <runDir>-tuned-<model>} with the standard stages,
   * evaluates it and writes the usual report and runs-log row.
   */
  public static RunDirectory retrain(TweetoxConfig cfg, RunDirectory dir, ModelKind model,
      Map<String, Object> params, PrintWriter log) {
    TweetoxConfig tuned = new TweetoxConfig(cfg.name() + "-tuned-" + model.key(), cfg.seed(), List.of(model.key()),
        cfg.data(), cfg.cleaning(), cfg.split(), TrialConfigs.baseline(cfg.baseline(), params),
        TrialConfigs.transformer(cfg.transformer(), params), cfg.decision(), cfg.student());
    Path p = dir.path().resolveSibling(dir.path().getFileName() + "-tuned-" + model.key());
    RunDirectory out = RunDirectory.resolve(p, tuned);
    Pipeline.run(tuned, out, "tune", log);
    return out;
  }

  /** The texts the model type sees, with the training split cut to a stratified {@code subset}. */
  static TuneData tuneData(TweetoxConfig cfg, PreparedData data, ModelKind model, double subset) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    int[] trainY = PreparedData.labelsOf(data.train());
    int[] idx = Subsets.stratified(trainY, subset, cfg.seed());
    List<Example> train = Arrays.stream(idx).mapToObj(data.train()::get).toList();
    return new TuneData(texts(model, cleaner, train), PreparedData.labelsOf(train), texts(model, cleaner, data.val()),
        PreparedData.labelsOf(data.val()), texts(model, cleaner, data.test()), PreparedData.labelsOf(data.test()),
        data.labels());
  }

  private static List<String> texts(ModelKind model, TextCleaner cleaner, List<Example> examples) {
    if (model == ModelKind.BASELINE) {
      return BaselineStage.baselineTexts(cleaner, examples);
    }
    return ModelInputs.forModel(ModelKind.TRANSFORMER, cleaner, examples.stream().map(Example::text).toList());
  }

  /** The reference notebook's protocol: its 8-point grid and 8 random trials of BERT on all data, then the best. */
  public static Result notebookProtocol(TweetoxConfig cfg, RunDirectory dir, String storage, PrintWriter log) {
    Options grid = new Options(ModelKind.TRANSFORMER, Strategy.GRID, SearchSpace.notebookGrid(), 0, 1.0, storage,
        "notebook-grid", TuneWorker.defaultWorkerId(), TuneWorker.DEFAULT_LEASE_SECONDS * 1000, Halving.defaults(),
        true);
    Options random = grid.withStudy("notebook-random", Strategy.RANDOM, SearchSpace.notebookRandom(), true);
    random = new Options(random.model(), random.strategy(), random.space(), 8, 1.0, storage, random.study(),
        random.workerId(), random.leaseMs(), random.halving(), true);
    return tuneAll(cfg, dir, List.of(grid, random), true, log);
  }
}
