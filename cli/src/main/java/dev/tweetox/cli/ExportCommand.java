package dev.tweetox.cli;

import dev.tweetox.export.BundleExporter;
import dev.tweetox.model.ModelKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox export}: turn a finished run into a self-contained, checksummed bundle. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a self-contained bundle from a finished run: a Hugging Face BERT directory (config.json,"
        + " vocab.txt, fp32 model.safetensors), int8 weights, the baseline, tweetox.json, model_card.md/.json,"
        + " experiment_runs_all.csv/.xlsx, summary_report.txt and SHA256SUMS. Prints the bundle folder last.")
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "<run dir>", description = "A finished run directory.")
  Path run;

  @Option(names = "--out", required = true, paramLabel = "<dir>", description = "The bundle folder to write.")
  Path out;

  @Option(names = "--force", description = "Replace --out if it exists and is not empty.")
  boolean force;

  @Option(names = "--license", defaultValue = "other", paramLabel = "<id>",
      description = "License id stated in the model card (default: other; check the data's terms).")
  String license;

  @Option(names = "--model-type", defaultValue = "transformer", paramLabel = "<type>",
      converter = ModelKindConverter.class, description = "The run's BERT to export: transformer or student (the"
          + " distilled model); the baseline is always included (default: ${DEFAULT-VALUE}).")
  ModelKind modelType;

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    PrintWriter log = spec.commandLine().getOut();
    BundleExporter.Result r = BundleExporter.export(run, out, new BundleExporter.Options(force, license, modelType), log);
    log.println(r.bundle());
    log.flush();
    return 0;
  }
}
