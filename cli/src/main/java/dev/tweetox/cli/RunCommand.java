package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.tuning.Tuner;
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
  @Mixin StageOptions stages;
  @Spec CommandSpec spec;

  @Option(names = "--models", split = ",", paramLabel = "<type>", converter = ModelKindConverter.class,
      description = "Model types to train, comma-separated (default: baseline,transformer,ensemble; the ensemble"
          + " stacks the other models listed, at least two).")
  List<ModelKind> models;

  @Option(names = "--unlabeled", paramLabel = "<file>",
      description = "Unlabelled tweets (CSV/TSV/JSONL with a text column, or .txt with one per line) that the student"
          + " also learns from, through its teacher's soft labels; needs student in --models. Sets"
          + " student.unlabeled.")
  java.nio.file.Path unlabeled;

  @Option(names = "--preset", defaultValue = "default", paramLabel = "<name>", converter = RunPreset.Converter.class,
      description = "default: the fixed settings (about 40 min on 2 cores). best: the default models plus the"
          + " distilled student, the best recipe measured (docs/recipe.md; about 65 min). quick: the transformer's"
          + " demo preset (minutes). full: the reference notebook's protocol -- its 8-point grid and 8 random trials"
          + " of BERT on all data (resumable study in <run-dir>/tune.db), then the best retrained; hours on a CPU."
          + " --models overrides the preset's model types. Default: default.")
  RunPreset preset;

  @Override
  public Integer call() {
    List<String> extra = new ArrayList<>();
    if (models != null) {
      extra.add("models=" + String.join(",", keys(models)));
    }
    if (unlabeled != null) {
      extra.add("student.unlabeled=" + unlabeled);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (preset == RunPreset.FULL) {
      if (stages.force || stages.redo != null) {
        throw new TweetoxException("--force and --redo do not apply to --preset full: its study resumes by itself;"
            + " use a fresh --run-dir to start over");
      }
      // every BERT layer trained, as in the notebook; the grid and random trials set lr, batch, decay and epochs
      TweetoxConfig cfg = common.config(preset.base(), List.of());
      RunDirectory dir = common.runDirectory(cfg);
      Tuner.Result r = Tuner.notebookProtocol(cfg, dir, null, out);
      out.println(r.retrained().map(RunDirectory::path).orElse(dir.path()));
      out.flush();
      return 0;
    }
    TweetoxConfig cfg = common.config(preset.base(), extra);
    RunDirectory dir = common.runDirectory(cfg);
    Pipeline.run(cfg, dir, "run", stages.rerun(), out);
    out.println(dir.path());
    out.flush();
    return 0;
  }

  private static List<String> keys(List<ModelKind> kinds) {
    return kinds.stream().map(ModelKind::key).toList();
  }
}
