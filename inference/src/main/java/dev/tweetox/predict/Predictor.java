package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.calibration.Calibration;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.ModelRanking;
import dev.tweetox.explain.Explainer;
import dev.tweetox.explain.WordScore;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.onnx.OnnxBertModel;
import dev.tweetox.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Labels raw tweets with a trained model, applying exactly the cleaning the model was trained with. The CLI's
 * {@code predict}, the pipeline's inference examples and the server all go through this class.
 *
 * <p>The transformer runs on ONNX Runtime (fp32 or int8); this module has no libtorch. Thread-safe: a Predictor
 * holds only immutable state (the cleaner is stateless), the baseline scores with per-call scratch space, and the
 * ONNX Runtime session allows concurrent runs with every native tensor closed per batch, so several threads may call
 * {@link #predict} at once and get the results one thread would. {@link #close} frees a transformer's native
 * weights.
 *
 * <p>Probabilities are calibrated with the model's saved temperature and each prediction is flagged by the saved
 * {@link Decision} (see {@link OperatingPoint}); a model saved before calibration existed loads with T = 1.
 */
public final class Predictor implements AutoCloseable {
  private final TextClassifier model;
  private final TextCleaner cleaner;
  private final OperatingPoint operatingPoint;
  private final Explainer explainer;

  /** A model used uncalibrated, flagging at the fallback threshold. */
  public Predictor(TextClassifier model, TextCleaner cleaner) {
    this(model, cleaner, OperatingPoint.uncalibrated(model.labels()));
  }

  public Predictor(TextClassifier model, TextCleaner cleaner, OperatingPoint operatingPoint) {
    this.model = model;
    this.cleaner = cleaner;
    this.operatingPoint = operatingPoint;
    // occluded texts are scored by predict itself, so they are cleaned (and calibrated) like any input
    this.explainer = Explainer.forModel(model, cleaner, raws -> predict(raws).stream()
        .map(p -> p.probabilities().stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new));
  }

  /**
   * Loads the strongest model of an export bundle (a folder with {@code SHA256SUMS}) or of a run directory; see
   * {@link #load(Path, Precision, Optional)}.
   */
  public static Predictor load(Path bundleOrRunDir, Precision precision) {
    return load(bundleOrRunDir, precision, Optional.empty());
  }

  /**
   * Loads a model of an export bundle or of a run directory. The transformer runs on ONNX Runtime at the given
   * precision; the baseline ignores precision other than refusing int8. A bundle's checksums are all verified
   * before anything is parsed, and its cleaning comes from its {@code tweetox.json}; a run directory's from its
   * {@code config.json}.
   *
   * @param kind the model to load, or empty for the strongest one (see {@link ModelRanking}; at int8, the strongest
   *     one that runs a BERT: the transformer, the student or the ensemble)
   * @throws TweetoxException naming the file when the folder is neither, a bundle file does not match its checksum,
   *     or the model asked for is not there
   */
  public static Predictor load(Path bundleOrRunDir, Precision precision, Optional<ModelKind> kind) {
    return load(bundleOrRunDir, precision, kind, Runtime.getRuntime().availableProcessors());
  }

  /**
   * As {@link #load(Path, Precision, Optional)}, with {@code threads} ONNX Runtime intra-op threads for the
   * transformer: all cores (the default) when one caller at a time predicts, 1 when callers already run one per core
   * (Spark tasks), so the busy threads never outnumber the cores.
   */
  public static Predictor load(Path bundleOrRunDir, Precision precision, Optional<ModelKind> kind, int threads) {
    if (precision == Precision.INT8 && kind.equals(Optional.of(ModelKind.BASELINE))) {
      throw new TweetoxException("--precision int8 applies to the transformer only; use fp32 for the baseline");
    }
    if (Bundle.isBundle(bundleOrRunDir)) {
      return fromBundle(bundleOrRunDir, precision, kind, threads);
    }
    if (Files.isRegularFile(bundleOrRunDir.resolve(RunDirectory.CONFIG))) {
      RunDirectory dir = RunDirectory.existing(bundleOrRunDir);
      // int8 runs a BERT: the one asked for, else the strongest the run has (the transformer, else the student)
      Optional<ModelKind> wanted = precision != Precision.INT8 ? kind : Optional.of(kind.orElseGet(() ->
          strongestWithTransformer(SavedModels.available(dir))));
      if (precision == Precision.INT8 && !dir.hasModel(wanted.get())) {
        throw new TweetoxException(dir + " has no " + wanted.get() + "; int8 needs one (train it with `tweetox"
            + (wanted.get() == ModelKind.STUDENT ? " run --models transformer,student`)" : " train`)"));
      }
      TextClassifier model = SavedModels.load(dir, wanted, precision, threads);
      return new Predictor(model, new TextCleaner(dir.readConfig().cleaning()),
          OperatingPoint.read(dir.modelDir(model.kind()), model.labels()));
    }
    throw new TweetoxException(bundleOrRunDir + " is not a tweetox run directory (no " + RunDirectory.CONFIG
        + ") nor an export bundle (no " + Bundle.CHECKSUMS + "); pass the folder `tweetox run` or `tweetox export`"
        + " printed on its last line");
  }

  /** int8 runs a BERT, so "auto" at int8 means the strongest model that has one. */
  private static ModelKind strongestWithTransformer(List<ModelKind> ranked) {
    return ranked.stream().filter(k -> k != ModelKind.BASELINE).findFirst().orElse(ModelKind.TRANSFORMER);
  }

  private static Predictor fromBundle(Path bundle, Precision precision, Optional<ModelKind> wanted, int threads) {
    // Every listed file is verified, the int8 weights, the baseline and the ensemble included when the bundle has
    // them.
    Map<String, String> sums = Checksums.verify(bundle, List.of(HfBertDirectory.CONFIG, HfBertDirectory.VOCAB,
        HfBertDirectory.WEIGHTS, Bundle.MANIFEST));
    BundleManifest manifest = BundleManifest.read(bundle);
    TextCleaner cleaner = new TextCleaner(manifest.config().cleaning());
    ModelKind bert = manifest.model();
    ModelKind kind = wanted.orElseGet(() -> strongestIn(bundle, sums, precision, bert));
    TextClassifier model = bundleModel(bundle, sums, bert, kind, precision, threads, cleaner);
    // the baseline's and the ensemble's copies are covered by requireListed; the root one (the BERT's) must be
    // listed too, whichever model is loaded: an unlisted file means the bundle was tampered with
    if (OperatingPoint.exists(bundle) && !sums.containsKey(OperatingPoint.FILE)) {
      throw new TweetoxException("bundle " + bundle + ": " + OperatingPoint.FILE + " is not listed in "
          + Bundle.CHECKSUMS + ", so it cannot be trusted; re-export the bundle with `tweetox export`");
    }
    Path modelDir = switch (kind) {
      case BASELINE -> bundle.resolve(Bundle.BASELINE_DIR);
      case ENSEMBLE -> bundle.resolve(Bundle.ENSEMBLE_DIR);
      case TRANSFORMER, STUDENT -> bundle;
    };
    return new Predictor(model, cleaner, OperatingPoint.read(modelDir, model.labels()));
  }

  /**
   * "auto" in a bundle: ranked by the bundle's metrics.json (exported from its run) when it has one, among its BERT
   * (the transformer or the student), its baseline and its ensemble when the bundle holds every model it stacks.
   */
  private static ModelKind strongestIn(Path bundle, Map<String, String> sums, Precision precision, ModelKind bert) {
    List<ModelKind> kinds = new ArrayList<>(List.of(bert));
    if (Files.isDirectory(bundle.resolve(Bundle.BASELINE_DIR))) {
      kinds.add(ModelKind.BASELINE);
    }
    Path ensemble = bundle.resolve(Bundle.ENSEMBLE_DIR);
    if (Files.isDirectory(ensemble) && kinds.containsAll(EnsembleFile.read(ensemble).members())) {
      kinds.add(ModelKind.ENSEMBLE); // bundles exported before the student could be stacked may hold another's
    }
    Optional<dev.tweetox.eval.MetricsJson> metrics = sums.containsKey(RunDirectory.METRICS)
        ? ModelRanking.metricsIn(bundle) : Optional.empty();
    List<ModelKind> ranked = ModelRanking.rank(kinds, metrics);
    return precision == Precision.INT8 ? strongestWithTransformer(ranked) : ranked.get(0);
  }

  /** @param bert the BERT the bundle holds at its root, from its {@code tweetox.json} */
  private static TextClassifier bundleModel(Path bundle, Map<String, String> sums, ModelKind bert, ModelKind kind,
      Precision precision, int threads, TextCleaner cleaner) {
    return switch (kind) {
      case BASELINE -> {
        Path dir = bundle.resolve(Bundle.BASELINE_DIR);
        if (!Files.isDirectory(dir)) {
          throw new TweetoxException("bundle " + bundle + " has no " + Bundle.BASELINE_DIR + "/ (its run had no"
              + " baseline); use --model-type transformer");
        }
        Checksums.requireListed(bundle, sums, Bundle.BASELINE_DIR);
        yield BaselineModel.load(dir);
      }
      case TRANSFORMER, STUDENT -> {
        if (kind != bert) {
          throw new TweetoxException("bundle " + bundle + " holds the " + bert + ", not the " + kind
              + "; use --model-type " + bert + ", or export the " + kind + " with `tweetox export"
              + " --model-type " + kind + "`");
        }
        yield OnnxBertModel.load(bundle, precision == Precision.INT8, OnnxBertModel.DEFAULT_BATCH, threads, kind);
      }
      case ENSEMBLE -> {
        Path dir = bundle.resolve(Bundle.ENSEMBLE_DIR);
        if (!Files.isDirectory(dir)) {
          throw new TweetoxException("bundle " + bundle + " has no " + Bundle.ENSEMBLE_DIR + "/ (its run had no"
              + " ensemble); use --model-type " + bert);
        }
        Checksums.requireListed(bundle, sums, Bundle.ENSEMBLE_DIR);
        yield SavedModels.ensemble(EnsembleFile.read(dir),
            m -> bundleModel(bundle, sums, bert, m, precision, threads, cleaner), cleaner);
      }
    };
  }

  /** The loaded model, for callers that score already cleaned text (e.g. evaluating it on a labelled file). */
  public TextClassifier model() {
    return model;
  }

  /** The cleaning the model was trained with, from its run's config.json or its bundle's tweetox.json. */
  public TextCleaner cleaner() {
    return cleaner;
  }

  public LabelSet labels() {
    return model.labels();
  }

  public ModelKind kind() {
    return model.kind();
  }

  /** The temperature applied to the model's probabilities ({@link Calibration#NONE} for an old model). */
  public Calibration calibration() {
    return operatingPoint.calibration();
  }

  /** The flag class and threshold that set {@link Prediction#flagged()}. */
  public Decision decision() {
    return operatingPoint.decision();
  }

  /** Calibration and decision together, as saved beside the model. */
  public OperatingPoint operatingPoint() {
    return operatingPoint;
  }

  /**
   * Predicts a batch of raw texts; an empty text is allowed and gets the model's prior-like output. Probabilities
   * are calibrated and flagged (see {@link #operatingPoint()}). Each prediction carries the wall time of this call.
   */
  public List<Prediction> predict(List<String> rawTexts) {
    if (rawTexts.isEmpty()) {
      return List.of();
    }
    long t0 = System.nanoTime();
    List<String> cleaned = new ArrayList<>(rawTexts.size());
    for (String t : rawTexts) {
      if (t == null) {
        throw new TweetoxException("predict: a text is null; pass an empty string instead");
      }
      cleaned.add(cleaner.clean(t));
    }
    double[][] probs = operatingPoint.calibration().apply(
        model.predictProba(ModelInputs.forModel(model.kind(), cleaner, cleaned)));
    double millis = (System.nanoTime() - t0) / 1e6;
    LabelSet labels = model.labels();
    List<Prediction> out = new ArrayList<>(rawTexts.size());
    for (int i = 0; i < rawTexts.size(); i++) {
      int k = Evaluation.argmax(probs[i]);
      List<Double> p = new ArrayList<>(probs[i].length);
      for (double v : probs[i]) {
        p.add(v);
      }
      out.add(new Prediction(rawTexts.get(i), k, labels.name(k), labels.values().get(k), p, millis,
          operatingPoint.decision().flags(probs[i])));
    }
    return out;
  }

  /**
   * Predicts raw texts and scores their words for the predicted class: exact contributions for the baseline,
   * occlusion otherwise (see {@link Explainer#forModel}). Occlusion costs one model row per word; all texts' rows
   * go to the model in one call.
   */
  public List<Explanation> explain(List<String> rawTexts) {
    List<Prediction> preds = predict(rawTexts);
    int[] classes = preds.stream().mapToInt(Prediction::index).toArray();
    List<List<WordScore>> words = explainer.explain(rawTexts, classes);
    List<Explanation> out = new ArrayList<>(preds.size());
    for (int i = 0; i < preds.size(); i++) {
      out.add(new Explanation(preds.get(i), explainer.method(), words.get(i)));
    }
    return out;
  }

  /** Frees the model's native memory if it holds any; the Predictor must not be used afterwards. */
  @Override
  public void close() {
    TextClassifier.closeIfNeeded(model);
  }
}
