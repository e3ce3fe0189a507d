package dev.tweetox.cli;

import dev.tweetox.run.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; each stage of the pipeline is a subcommand. */
@Command(
    name = "tweetox",
    mixinStandardHelpOptions = true,
    versionProvider = TweetoxCommand.Version.class,
    description = "Tweet sentiment and toxicity classification: split, TF-IDF baseline, BERT, evaluation, predict,"
        + " export.",
    subcommands = {
      RunCommand.class, SplitCommand.class, BaselineCommand.class, TrainCommand.class, TuneCommand.class,
      BenchCommand.class, EnsembleCommand.class, EvaluateCommand.class, PredictCommand.class, ScoreCommand.class, ExportCommand.class,
      ServeCommand.class
    })
public final class TweetoxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the tweetox, Java and key library versions. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Provenance p = Provenance.start("version", 0);
      return new String[] {"tweetox " + p.tweetoxVersion(), "Java " + p.javaVersion(), "libraries " + p.libraries()};
    }
  }
}
