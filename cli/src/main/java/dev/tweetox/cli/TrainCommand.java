package dev.tweetox.cli;

import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox train}: fine-tune BERT (the {@code transformer} model type), evaluate it and write the report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Fine-tune bert-base-uncased on the training split (resuming a killed run in the same run"
        + " directory), evaluate on val and test, and write the report. Prints the run directory last.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions stages;
  @Spec CommandSpec spec;

  @Option(names = "--preset", paramLabel = "<name>", defaultValue = "default",
      description = "Transformer settings to start from: quick (minutes), default (under an hour on 2 cores) or"
          + " full (hours); --config and --set override single keys. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Override
  public Integer call() {
    TweetoxConfig cfg = common.config(TweetoxConfig.defaults(List.of(ModelKind.TRANSFORMER.key()), preset), List.of());
    RunDirectory dir = common.runDirectory(cfg);
    PrintWriter out = spec.commandLine().getOut();
    Pipeline.run(cfg, dir, "train", stages.rerun(), out);
    out.println(dir.path());
    out.flush();
    return 0;
  }
}
