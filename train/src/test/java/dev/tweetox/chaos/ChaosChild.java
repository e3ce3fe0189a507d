package dev.tweetox.chaos;

import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The process {@link ChaosCheck} starts and kills: one tiny {@code tweetox run} (baseline grid and a tiny random BERT
 * with frequent checkpoints) in the given run directory. Its last line lists the stages that ran, with seconds.
 */
public final class ChaosChild {
  private ChaosChild() {}

  /** The run's config: every key fixed, so each round and the reference run are the same job. */
  static TweetoxConfig config(Path work) {
    return ConfigLoader.load(TweetoxConfig.defaults(), null, List.of("name=chaos",
        "data.path=" + work.resolve(ChaosCheck.DATA), "baseline.folds=3", "baseline.c=0.5,1,4",
        "baseline.penalty=l2", "baseline.classWeight=none,balanced", "baseline.minDf=1",
        "transformer.weights=" + work.resolve(ChaosCheck.BERT), "transformer.maxLength=24",
        "transformer.trainFraction=1", "transformer.frozenLayers=1", "transformer.epochs=3",
        "transformer.learningRate=2e-3", "transformer.patience=20",
        // Without dropout a resumed run can match an uninterrupted one bit for bit: libtorch's dropout RNG is
        // seeded once per process and is not part of a checkpoint, so with dropout a resume draws other masks.
        "transformer.hiddenDropout=0", "transformer.attentionDropout=0",
        "transformer.batchSize=8", "transformer.evalEvery=6", "transformer.threads=1"));
  }

  /** {@code <work dir> <run dir>} */
  public static void main(String[] args) {
    Progress.setQuiet(true);
    Path work = Path.of(args[0]);
    TweetoxConfig cfg = config(work);
    PrintWriter log = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    Pipeline.Result r = Pipeline.run(cfg, RunDirectory.resolve(Path.of(args[1]), cfg), "chaos", log);
    log.println(ChaosCheck.RAN + r.ranSeconds().entrySet().stream()
        .map(e -> e.getKey().key() + "=" + String.format(Locale.ROOT, "%.2f", e.getValue()))
        .collect(Collectors.joining(",")));
    log.flush();
    System.exit(0);
  }
}
