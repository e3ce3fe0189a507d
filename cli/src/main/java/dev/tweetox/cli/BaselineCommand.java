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
import picocli.CommandLine.Spec;

/** {@code tweetox baseline}: the TF-IDF + logistic-regression model alone, with its evaluation and report. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Grid-search the TF-IDF + logistic-regression baseline on the split (made or reused), "
        + "evaluate it on val and test, and write the report. Prints the run directory on its last line.")
public final class BaselineCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions stages;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TweetoxConfig cfg = common.config(List.of("models=" + ModelKind.BASELINE.key()));
    RunDirectory dir = common.runDirectory(cfg);
    PrintWriter out = spec.commandLine().getOut();
    Pipeline.run(cfg, dir, "baseline", stages.rerun(), out);
    out.println(dir.path());
    out.flush();
    return 0;
  }
}
