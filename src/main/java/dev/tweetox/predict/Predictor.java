package dev.tweetox.predict;

import dev.tweetox.TweetoxException;
import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.export.Bundle;
import dev.tweetox.export.BundleManifest;
import dev.tweetox.export.Checksums;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.pipeline.ModelInputs;
import dev.tweetox.pipeline.SavedModels;
import dev.tweetox.pipeline.TransformerStage;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.onnx.OnnxBertModel;
import dev.tweetox.transformer.training.TransformerTrainer;
import dev.tweetox.transformer.weights.HfBertDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels raw tweets with a trained model, applying exactly the cleaning the model was trained with. The CLI's
 * {@code predict}, the pipeline's inference examples and the server all go through this class.
 *
 * <p>Thread-safe: a Predictor holds only immutable state (the cleaner is stateless), the baseline scores with
 * per-call scratch space, and the transformer serialises its calls and scores each batch in its own native memory
 * scope, so several threads may call {@link #predict} at once and get the results one thread would, with native
 * memory bounded by one batch. {@link #close} frees a transformer's native weights.
 */
public final class Predictor implements AutoCloseable {
  private final TextClassifier model;
  private final TextCleaner cleaner;

  public Predictor(TextClassifier model, TextCleaner cleaner) {
    this.model = model;
    this.cleaner = cleaner;
  }

  /**
   * Loads a model from a run directory.
   *
   * @param kind {@code baseline}, {@code transformer}, or {@code auto} for the strongest one the run has
   */
  public static Predictor fromRunDirectory(Path runDir, String kind) {
    RunDirectory dir = RunDirectory.existing(runDir);
    TweetoxConfig cfg = dir.readConfig();
    return new Predictor(SavedModels.load(dir, kind), new TextCleaner(cfg.cleaning()));
  }

  /**
   * Loads the transformer of an export bundle (a folder with {@code SHA256SUMS}) or of a run directory. A bundle's
   * checksums are all verified before anything is parsed, and its cleaning comes from its {@code tweetox.json}. For
   * a run directory at {@link Precision#FP32} this is {@code fromRunDirectory(dir, "auto")}.
   *
   * @throws TweetoxException naming the file when the folder is neither, or a bundle file does not match its checksum
   */
  public static Predictor load(Path bundleOrRunDir, Precision precision) {
    return load(bundleOrRunDir, precision, "auto");
  }

  /**
   * As {@link #load(Path, Precision)}, choosing the model: {@code transformer}, {@code baseline}, or {@code auto}
   * (a bundle's transformer; a run directory's strongest model). {@link Precision#INT8} applies to the transformer
   * only.
   */
  public static Predictor load(Path bundleOrRunDir, Precision precision, String kind) {
    if (!List.of("auto", "transformer", "baseline").contains(kind)) {
      throw new TweetoxException("unknown model type '" + kind + "'; use baseline, transformer or auto");
    }
    if (precision == Precision.INT8 && kind.equals("baseline")) {
      throw new TweetoxException("--precision int8 applies to the transformer only; use fp32 for the baseline");
    }
    if (Bundle.isBundle(bundleOrRunDir)) {
      return fromBundle(bundleOrRunDir, precision, kind);
    }
    if (Files.isRegularFile(bundleOrRunDir.resolve(RunDirectory.CONFIG))) {
      if (precision == Precision.FP32) {
        return fromRunDirectory(bundleOrRunDir, kind);
      }
      RunDirectory dir = RunDirectory.existing(bundleOrRunDir);
      if (!TransformerStage.exists(dir)) {
        throw new TweetoxException(dir + " has no transformer; int8 needs one (train it with `tweetox train`)");
      }
      Path hf = dir.resolve(TransformerStage.DIR).resolve(TransformerTrainer.MODEL_DIR);
      return new Predictor(int8(hf), new TextCleaner(dir.readConfig().cleaning()));
    }
    throw new TweetoxException(bundleOrRunDir + " is not a tweetox run directory (no " + RunDirectory.CONFIG
        + ") nor an export bundle (no " + Bundle.CHECKSUMS + "); pass the folder `tweetox run` or `tweetox export`"
        + " printed on its last line");
  }

  private static Predictor fromBundle(Path bundle, Precision precision, String kind) {
    // Every listed file is verified, the int8 weights and the baseline included when the bundle has them.
    Map<String, String> sums = Checksums.verify(bundle, List.of(HfBertDirectory.CONFIG, HfBertDirectory.VOCAB,
        HfBertDirectory.WEIGHTS, Bundle.MANIFEST));
    BundleManifest manifest = BundleManifest.read(bundle);
    TextCleaner cleaner = new TextCleaner(manifest.config().cleaning());
    if (kind.equals("baseline")) {
      Path dir = bundle.resolve(Bundle.BASELINE_DIR);
      if (!Files.isDirectory(dir)) {
        throw new TweetoxException("bundle " + bundle + " has no " + Bundle.BASELINE_DIR + "/ (its run had no"
            + " baseline); use --model-type transformer");
      }
      Checksums.requireListed(bundle, sums, Bundle.BASELINE_DIR);
      return new Predictor(BaselineModel.load(dir), cleaner);
    }
    TextClassifier model = precision == Precision.FP32 ? TransformerModel.load(bundle) : int8(bundle);
    return new Predictor(model, cleaner);
  }

  /**
   * The int8 classifier of a Hugging Face BERT directory, run by ONNX Runtime; it reads {@code model.int8.safetensors}
   * when present and quantizes the fp32 weights on load otherwise.
   */
  private static TextClassifier int8(Path hfDir) {
    return OnnxBertModel.load(hfDir, true);
  }

  public LabelSet labels() {
    return model.labels();
  }

  public String kind() {
    return model.kind();
  }

  /**
   * Predicts a batch of raw texts; an empty text is allowed and gets the model's prior-like output. Each
   * prediction carries the wall time of this call.
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
    double[][] probs = model.predictProba(ModelInputs.forModel(model.kind(), cleaner, cleaned));
    double millis = (System.nanoTime() - t0) / 1e6;
    LabelSet labels = model.labels();
    List<Prediction> out = new ArrayList<>(rawTexts.size());
    for (int i = 0; i < rawTexts.size(); i++) {
      int k = Evaluation.argmax(probs[i]);
      List<Double> p = new ArrayList<>(probs[i].length);
      for (double v : probs[i]) {
        p.add(v);
      }
      out.add(new Prediction(rawTexts.get(i), k, labels.name(k), labels.values().get(k), p, millis));
    }
    return out;
  }

  /** Frees the model's native memory if it holds any; the Predictor must not be used afterwards. */
  @Override
  public void close() {
    if (model instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("could not close the " + model.kind() + " model", e);
      }
    }
  }
}
