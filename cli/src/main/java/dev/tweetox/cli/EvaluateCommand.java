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

/** {@code tweetox evaluate}: re-score the saved models of a run and rewrite its report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate the models saved in a run directory on its saved val and test splits, and rewrite "
        + "metrics.json, the plots, tables.xlsx and report.html. Prints the run directory on its last line.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run-dir", required = true, paramLabel = "<dir>", description = "A finished run directory.")
  Path runDir;

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    RunDirectory dir = RunDirectory.existing(runDir);
    PrintWriter out = spec.commandLine().getOut();
    Pipeline.evaluate(dir, "evaluate", out);
    out.println(dir.path());
    out.flush();
    return 0;
  }
}
