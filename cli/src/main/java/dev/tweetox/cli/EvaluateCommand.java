package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.FileEvaluation;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.predict.Precision;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tweetox evaluate}: re-score the saved models of a run and rewrite its report, or score a run's or bundle's
 * model on another labelled file.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"With --run-dir: evaluate the models saved in a run directory on its saved val and test splits,"
        + " and rewrite metrics.json, the plots, tables.xlsx and report.html.",
        "With --model and --data: score that model on a labelled file (cleaned as the model was trained) and write"
        + " the same outputs into a folder of its own; the model's folder is not touched.",
        "Prints the folder written on its last line."})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run-dir", paramLabel = "<dir>", description = "A finished run directory to re-score.")
  Path runDir;

  @Option(names = "--model", paramLabel = "<run dir|bundle>",
      description = "A finished run directory or a bundle written by `tweetox export`, to score on --data.")
  Path model;

  @Option(names = "--data", paramLabel = "<file>",
      description = "Labelled CSV/TSV/JSONL to score --model on (columns detected as for training).")
  Path data;

  @Option(names = "--out", paramLabel = "<dir>",
      description = "Where --model --data outputs go (default: <model folder>-eval-<file name>, beside it).")
  Path out;

  @Option(names = "--model-type", defaultValue = "auto", paramLabel = "<type>",
      description = "transformer, baseline, ensemble, or auto (default): the model with the best validation"
          + " macro-F1 in the run's or bundle's metrics.json (without it, the transformer).")
  String modelType;

  @Option(names = "--precision", defaultValue = "fp32", paramLabel = "<fp32|int8>",
      description = "Transformer precision (default fp32); int8 runs the quantized weights.")
  String precision;

  @Option(names = {"-s", "--set"}, paramLabel = "<key=value>",
      description = "How to read --data: data.* keys only, e.g. --set data.textColumn=tweet, or "
          + "--set data.labels=neg,neu,pos to map the file's labels onto the model's classes in order.")
  List<String> overrides = new ArrayList<>();

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    PrintWriter log = spec.commandLine().getOut();
    Path written;
    if (model != null) {
      if (runDir != null || data == null) {
        throw new TweetoxException("evaluate: --model needs --data <labelled file> and no --run-dir");
      }
      written = FileEvaluation.run(model, data, overrides, Precision.parse(precision),
          ModelKind.parseChoice(modelType), out, log);
    } else {
      if (runDir == null || data != null || out != null || !overrides.isEmpty()) {
        throw new TweetoxException("evaluate: give either --run-dir <run> (re-score its split) or --model"
            + " <run|bundle> --data <file> [--out <dir>] [--set data.key=value]");
      }
      RunDirectory dir = RunDirectory.existing(runDir);
      Pipeline.evaluate(dir, "evaluate", log);
      written = dir.path();
    }
    log.println(written);
    log.flush();
    return 0;
  }
}
