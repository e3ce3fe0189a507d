package dev.tweetox.cli;

import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.tuning.Halving;
import dev.tweetox.tuning.SearchSpace;
import dev.tweetox.tuning.Strategy;
import dev.tweetox.tuning.StudyStore;
import dev.tweetox.tuning.TuneReport;
import dev.tweetox.tuning.TuneWorker;
import dev.tweetox.tuning.Tuner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox tune}: hyperparameter search over a resumable study store, then the best retrained. */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Search hyperparameters (grid, random or successive halving) in a resumable study store, write"
        + " the trials tables and plots, then retrain the best on the full training split with the standard report."
        + " Rerun the same command to resume; start it on more machines with a shared --storage to add workers.")
public final class TuneCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--model", defaultValue = "transformer", paramLabel = "<type>",
      converter = ModelKindConverter.class, description = "transformer or baseline. Default: ${DEFAULT-VALUE}.")
  ModelKind model;

  @Option(names = "--strategy", defaultValue = "halving", paramLabel = "<name>",
      description = "grid, random or halving (random configurations, pruned by successive halving)."
          + " Default: ${DEFAULT-VALUE}.")
  String strategy;

  @Option(names = "--space", paramLabel = "<file>",
      description = "Search space (YAML/JSON). Default: the notebook's grid for grid; otherwise its random space"
          + " with --preset full, and a top-layers space (learning rate 5e-5..4e-4, epochs 1|2) with quick/default.")
  Path space;

  @Option(names = "--trials", defaultValue = "8", paramLabel = "<n>",
      description = "Trials for random and halving. Default: ${DEFAULT-VALUE}.")
  int trials;

  @Option(names = "--subset", defaultValue = "1.0", paramLabel = "<fraction>",
      description = "Tune on this stratified fraction of the training split (the retrain uses all of it)."
          + " Default: ${DEFAULT-VALUE}.")
  double subset;

  @Option(names = "--storage", paramLabel = "<url>",
      description = "jdbc:postgresql://host/db?user=..&password=.. to share a study between machines, or a SQLite"
          + " file. Default: <run-dir>/tune.db.")
  String storage;

  @Option(names = "--study", paramLabel = "<name>", description = "Study name. Default: <model>-<strategy>.")
  String study;

  @Option(names = "--worker-id", paramLabel = "<id>", description = "Default: pid@host.")
  String workerId;

  @Option(names = "--lease-seconds", defaultValue = "" + TuneWorker.DEFAULT_LEASE_SECONDS, paramLabel = "<s>",
      description = "A crashed worker's trial is taken over after this long without a heartbeat (at once by a"
          + " worker on the same host when the crashed process is gone); raise it if workers may stall longer."
          + " Default: ${DEFAULT-VALUE}.")
  double leaseSeconds;

  @Option(names = "--resource", defaultValue = "epochs", paramLabel = "<unit>",
      description = "Halving budget unit: epochs or samples. Default: ${DEFAULT-VALUE}.")
  String resource;

  @Option(names = "--min-resource", defaultValue = "1", paramLabel = "<n>",
      description = "Budget of the first halving rung (epochs or samples). Default: ${DEFAULT-VALUE}.")
  double minResource;

  @Option(names = "--eta", defaultValue = "3", paramLabel = "<n>",
      description = "Halving keeps the top 1/eta at each rung. Default: ${DEFAULT-VALUE}.")
  int eta;

  @Option(names = "--preset", defaultValue = "default", paramLabel = "<name>",
      description = "Transformer preset the trials start from (quick, default, full). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--no-retrain", description = "Only run trials and write the tables (for extra workers).")
  boolean noRetrain;

  @Option(names = "--status", description = "Print the progress of every study in the store and exit.")
  boolean status;

  @Override
  public Integer call() {
    TweetoxConfig cfg = common.config(TweetoxConfig.defaults(List.of(model.key()), preset), List.of());
    RunDirectory dir = common.runDirectory(cfg);
    PrintWriter out = spec.commandLine().getOut();
    if (status) {
      out.print(TuneReport.status(StudyStore.open(storage, dir.path())));
      out.flush();
      return 0;
    }
    Strategy s = Strategy.parse(strategy);
    Tuner.Options opt = new Tuner.Options(model, s, space == null ? null : SearchSpace.load(space), trials, subset,
        storage, study, workerId != null ? workerId : TuneWorker.defaultWorkerId(),
        Math.round(leaseSeconds * 1000), new Halving(Halving.Resource.parse(resource), minResource, eta), !noRetrain);
    Tuner.Result r = Tuner.tune(cfg, dir, opt, out);
    out.println(r.retrained().map(RunDirectory::path).orElse(dir.path()));
    out.flush();
    return 0;
  }
}
