package dev.tweetox.pipeline;

import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.training.DomainAdaptation;
import dev.tweetox.transformer.training.FrozenCache;
import dev.tweetox.transformer.training.TrainingData;
import dev.tweetox.transformer.training.TransformerTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Stage 4: fine-tune BERT on the training split, early-stopping on the validation split, and keep the best model
 * under {@code <runDir>/transformer/model} (with the training log and the resumable checkpoint beside it). With
 * {@code transformer.mlmEpochs}, a domain-adaptive masked-LM pass over the training tweets comes first.
 */
public final class TransformerStage {
  /** Where domain adaptation ({@code transformer.mlmEpochs}) leaves its weights, inside the stage's folder. */
  public static final String ADAPTED_DIR = "adapted";

  private TransformerStage() {}

  public static TransformerModel train(TweetoxConfig cfg, RunDirectory dir, PreparedData data, PrintWriter log) {
    TextCleaner cleaner = new TextCleaner(cfg.cleaning());
    TrainingData td = new TrainingData(texts(cleaner, data.train()), PreparedData.labelsOf(data.train()),
        texts(cleaner, data.val()), PreparedData.labelsOf(data.val()), data.labels());
    long t0 = System.nanoTime();
    Path stage = dir.stageDir(ModelKind.TRANSFORMER);
    TransformerConfig tc = cfg.transformer();
    if (tc.mlmEpochs() > 0) { // fine-tuning then starts from the adapted weights; the frozen part is unchanged
      Path adapted = DomainAdaptation.adapt(tc, cfg.seed(), td.trainTexts(), stage.resolve(ADAPTED_DIR), log).dir();
      tc = tc.toBuilder().weights(adapted.toString()).build();
    }
    // The frozen-layer cache goes to float16 files in the stage directory: off the heap, and reused by a rerun.
    TransformerTrainer.Result r = TransformerTrainer.train(tc, cfg.seed(), td, stage, log,
        TransformerTrainer.Options.defaults().withCacheFiles(stage, FrozenCache.Precision.FLOAT16));
    log.printf(Locale.ROOT, "transformer: best val macro-F1 %.4f at step %d of %d in %.0f s; saved to %s%n",
        r.state().bestMetric(), r.state().bestStep(), r.state().step(), (System.nanoTime() - t0) / 1e9,
        r.modelDir());
    log.flush();
    // Evaluated with the full forward, not the float16 frozen-layer cache of the validation split: the scores must
    // not depend on whether this stage ran in this process or was skipped and its model loaded (stage manifests).
    return TransformerModel.load(r.modelDir(), cfg.transformer().evalBatchSize());
  }

  /** True when the run directory holds a trained transformer. */
  public static boolean exists(RunDirectory dir) {
    return Files.isRegularFile(modelDir(dir).resolve(HfBertDirectory.CONFIG));
  }

  public static TransformerModel load(RunDirectory dir) {
    return TransformerModel.load(modelDir(dir));
  }

  /** The run directory's fine-tuned transformer (a Hugging Face BERT folder). */
  public static Path modelDir(RunDirectory dir) {
    return dir.modelDir(ModelKind.TRANSFORMER);
  }

  private static List<String> texts(TextCleaner cleaner, List<Example> examples) {
    return ModelInputs.forModel(ModelKind.TRANSFORMER, cleaner, examples.stream().map(Example::text).toList());
  }
}
