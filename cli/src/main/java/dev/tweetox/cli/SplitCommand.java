package dev.tweetox.cli;

import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tweetox split}: clean the data and write the stratified split ids. */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = "Read and clean the data, then write train_ids.csv, val_ids.csv, test_ids.csv, split.json, "
        + "ground_truth_test_set.csv and class_ratios.csv. An existing split is checked and reused. "
        + "Prints the run directory on its last line.")
public final class SplitCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin StageOptions stages;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TweetoxConfig cfg = common.config();
    RunDirectory dir = common.runDirectory(cfg);
    PrintWriter out = spec.commandLine().getOut();
    Pipeline.split(cfg, dir, "split", stages.rerun(), out);
    out.println(dir.path());
    out.flush();
    return 0;
  }
}
