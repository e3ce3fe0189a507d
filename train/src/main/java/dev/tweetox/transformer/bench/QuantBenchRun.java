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

  /**
   * What {@code tweetox bench quant} was asked to measure.
   *
   * @param models model directories, measured in turn and compared with the first; empty with {@code standIn}
   */
  public record Request(Path run, List<Path> models, Path standIn, Path work, int limit, int batch, int single,
      int headTrain, boolean djl) {}

  /** Runs the measurement and prints the table. */
  public static void run(Request r, PrintWriter out) {
    if (r.run() == null || r.models().isEmpty() == (r.standIn() == null)) {
      throw new TweetoxException("bench quant needs --run <run dir> and either --model <dir>[,<dir>...] or"
          + " --stand-in <dir>");
    }
    Path run = r.run();
    List<Path> models = r.models();
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
      models = List.of(standIn);
    }
    int threads = Runtime.getRuntime().availableProcessors();
    List<List<QuantBench.Measurement>> all = new java.util.ArrayList<>();
    for (Path model : models) {
      out.printf(Locale.ROOT, "model %s, %d test tweets, batch %d, %d single calls, ORT %d threads, %d cores%n",
          model, test.size(), batch, single, threads, threads);
      List<QuantBench.Measurement> rows = QuantBench.measure(model, test.stream().map(Example::text).toList(),
          PreparedData.labelsOf(test), data.labels(), new QuantBench.Options(batch, single, threads, djl),
          work.resolve("model-" + all.size()), out);
      out.print(QuantBench.table(rows, batch));
      out.flush();
      all.add(rows);
    }
    if (all.size() > 1) {
      out.print(QuantBench.comparison(models.stream().map(QuantBenchRun::label).toList(), all, batch));
      out.flush();
    }
  }

  /** A model's name in the comparison: its folder, or the folder above a run's {@code <kind>/model}. */
  static String label(Path model) {
    Path name = model.toAbsolutePath().normalize().getFileName();
    Path parent = model.toAbsolutePath().normalize().getParent();
    return name.toString().equals("model") && parent != null ? parent.getFileName().toString() : name.toString();
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
