package dev.tweetox.cli;

import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox ensemble}: stack a finished run's saved baseline and transformer. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = {"Fit the stacked ensemble from a finished run's saved baseline and transformer (not retrained):"
        + " a small logistic regression on their validation probabilities, scored on validation by cross-fitting.",
        "Then re-evaluate every model of the run as `evaluate --run-dir` does. Prints the run directory on its last"
        + " line."})
public final class EnsembleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run-dir", required = true, paramLabel = "<dir>",
      description = "A finished run directory with a baseline and a transformer.")
  Path runDir;

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    PrintWriter log = spec.commandLine().getOut();
    RunDirectory dir = RunDirectory.existing(runDir);
    Pipeline.ensemble(dir, "ensemble", log);
    log.println(dir.path());
    log.flush();
    return 0;
  }
}
