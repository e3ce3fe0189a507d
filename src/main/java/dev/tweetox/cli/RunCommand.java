package dev.tweetox.cli;

import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox run}: every stage, for every configured model. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Clean, split, train the configured models, evaluate and write the report. "
        + "Prints the run directory on its last line.")
public final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--models", split = ",", paramLabel = "<type>",
      description = "Model types to train, comma-separated (default: baseline,transformer).")
  List<String> models;

  @Override
  public Integer call() {
    List<String> extra = new ArrayList<>();
    if (models != null) {
      extra.add("models=" + String.join(",", models));
    }
    TweetoxConfig cfg = common.config(extra);
    RunDirectory dir = common.runDirectory(cfg);
    PrintWriter out = spec.commandLine().getOut();
    Pipeline.run(cfg, dir, "run", out);
    out.println(dir.path());
    out.flush();
    return 0;
  }
}
