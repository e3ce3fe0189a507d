package dev.tweetox.transformer.bench;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.Example;
import dev.tweetox.pipeline.PrepareStage;
import dev.tweetox.pipeline.PreparedData;
import dev.tweetox.run.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code tweetox bench quant} runs: {@link QuantBench} on a run's test split. The test split is the run's saved one, rebuilt in a copy of the run's split files so the run directory is never
 * written. {@code --stand-in DIR} builds (once) the pretrained BERT-Base with a nearest-centroid head instead of
 * a fine-tuned model.
 */
public final class QuantBenchRun {
  private QuantBenchRun() {}

  /** What {@code tweetox bench quant} was asked to measure. */
  public record Request(Path run, Path model, Path standIn, Path work, int limit, int batch, int single,
      int headTrain, boolean djl) {}

  /** Runs the measurement and prints the table. */
  public static void run(Request r, PrintWriter out) {
    if (r.run() == null || (r.model() == null) == (r.standIn() == null)) {
      throw new TweetoxException("bench quant needs --run <run dir> and exactly one of --model <dir> or"
          + " --stand-in <dir>");
    }
    Path run = r.run();
    Path model = r.model();
    Path standIn = r.standIn();
    Path work = r.work() != null ? r.work() : Path.of(System.getProperty("java.io.tmpdir"), "tweetox-quantbench");
    int limit = r.limit() > 0 ? r.limit() : Integer.MAX_VALUE;
    int batch = r.batch();
    int single = r.single();
    int headTrain = r.headTrain();
    boolean djl = r.djl();
    PreparedData data = splitOf(run, work.resolve("run-copy"));
    List<Example> test = data.test().subList(0, Math.min(limit, data.test().size()));
    if (standIn != null) {
      if (!Files.isRegularFile(standIn.resolve("config.json"))) {
        List<Example> train = data.train().subList(0, Math.min(headTrain, data.train().size()));
        out.printf(Locale.ROOT, "building the stand-in model from %d training tweets ...%n", train.size());
        StandInModel.write(standIn, train.stream().map(Example::text).toList(),
            PreparedData.labelsOf(train), data.labels());
      }
      model = standIn;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "model %s, %d test tweets, batch %d, %d single calls, ORT %d threads, %d cores%n",
        model, test.size(), batch, single, threads, threads);
    List<QuantBench.Measurement> rows = QuantBench.measure(model, test.stream().map(Example::text).toList(),
        PreparedData.labelsOf(test), data.labels(), new QuantBench.Options(batch, single, threads, djl), work, out);
    out.print(QuantBench.table(rows, batch));
    out.flush();
  }

  /** The run's saved split, rebuilt in {@code copy} from the run's config and split files. */
  static PreparedData splitOf(Path run, Path copy) {
    try {
      Files.createDirectories(copy);
      for (String f : List.of(RunDirectory.CONFIG, "split.json", "train_ids.csv", "val_ids.csv", "test_ids.csv")) {
        Path from = run.resolve(f);
        if (!Files.isRegularFile(from)) {
          throw new TweetoxException("Run directory " + run + " lacks " + f + "; pass a run whose split was saved");
        }
        Files.copy(from, copy.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy the split of " + run + ": " + e.getMessage(), e);
    }
    RunDirectory dir = RunDirectory.existing(copy);
    PreparedData data = PrepareStage.run(dir.readConfig(), dir, new PrintWriter(new StringWriter()));
    if (!data.splitReused()) {
      throw new TweetoxException("The split files of " + run + " did not match its data; it was not reused");
    }
    return data;
  }
}
