package dev.tweetox.cli;

import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.bench.QuantBenchRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox bench quant}: fp32 vs int8 on a run's test split. */
@Command(name = "quant", mixinStandardHelpOptions = true,
    description = "Test macro-F1, weight-file size and tweets/s (batched and one at a time) of the DJL fp32 model,"
        + " ONNX Runtime fp32 and ONNX Runtime int8, on the run's saved test split.")
public final class QuantBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "<dir>", description = "Run directory whose test split"
      + " is used (never written).")
  Path run;

  @Option(names = "--model", split = ",", paramLabel = "<dir>", description = "Hugging Face-style model directory"
      + " (default: the run's transformer/model); several, comma-separated (e.g. a teacher's and its student's), are"
      + " measured one after the other and compared with the first.")
  List<Path> model;

  @Option(names = "--stand-in", paramLabel = "<dir>", description = "Measure the pretrained BERT-Base with a"
      + " nearest-centroid head built in this folder instead of a fine-tuned model (speed only; its F1 is weak).")
  Path standIn;

  @Option(names = "--work", paramLabel = "<dir>", description = "Scratch folder (default: the temp folder).")
  Path work;

  @Option(names = "--limit", defaultValue = "0", description = "Use the first N test tweets; 0 = all.")
  int limit;

  @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--single", defaultValue = "200", description = "Tweets scored one per call (default:"
      + " ${DEFAULT-VALUE}).")
  int single;

  @Option(names = "--head-train", defaultValue = "600", hidden = true)
  int headTrain;

  @Option(names = "--no-djl", description = "Skip the (slower) DJL fp32 measurement.")
  boolean noDjl;

  @Override
  public Integer call() {
    Progress.setQuiet(true);
    List<Path> m = model == null && standIn == null ? List.of(new RunDirectory(run).modelDir(ModelKind.TRANSFORMER))
        : model == null ? List.of() : model;
    QuantBenchRun.run(new QuantBenchRun.Request(run, m, standIn, work, limit, batch, single, headTrain, !noDjl),
        spec.commandLine().getOut());
    return 0;
  }
}
