package dev.tweetox.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.BaselineStage;
import dev.tweetox.run.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a self-contained bundle from a finished run directory: the fine-tuned BERT (the transformer, or on request
 * the distilled student) as a Hugging Face directory
 * (fp32 {@code model.safetensors} with HF tensor names, {@code config.json} with id2label/label2id,
 * {@code vocab.txt}), its int8 weights, its {@code calibration.json} (temperature and flag threshold, when the run
 * was evaluated with them), the baseline's files, the ensemble's coefficients when the run has one, the run's
 * {@code metrics.json}, {@code tweetox.json} (config + provenance), the model card (markdown and JSON), the
 * experiment log (CSV and XLSX), a summary report and {@code SHA256SUMS}.
 *
 * <p>Every file is written atomically into a hidden staging folder beside the target, which is renamed into place
 * only when complete, so an interrupted export never leaves a bundle that looks whole.
 */
public final class BundleExporter {
  /**
   * @param force replace a non-empty output folder
   * @param license the SPDX-style id (or {@code other}) stated in the model card
   * @param model the run's BERT that becomes the bundle's Hugging Face directory: the transformer or the student
   */
  public record Options(boolean force, String license, ModelKind model) {
    public Options {
      if (!model.isBert()) {
        throw new TweetoxException("export: a bundle holds a BERT model (transformer or student), not " + model
            + "; the baseline is always included when the run has one");
      }
    }

    /** Exports the transformer. */
    public Options(boolean force, String license) {
      this(force, license, ModelKind.TRANSFORMER);
    }

    public static Options defaults() {
      return new Options(false, "other");
    }
  }

  /** The written bundle and the files in it (relative paths, sorted). */
  public record Result(Path bundle, List<String> files, boolean int8Written) {}

  private BundleExporter() {}

  public static Result export(Path runDir, Path out, Options options, PrintWriter log) {
    RunDirectory dir = RunDirectory.existing(runDir);
    Path modelDir = dir.modelDir(options.model());
    if (!Files.isRegularFile(modelDir.resolve(HfBertDirectory.CONFIG))) {
      throw new TweetoxException(dir + " has no trained " + options.model() + " (no "
          + modelDir.resolve(HfBertDirectory.CONFIG) + "); train one with `tweetox "
          + (options.model() == ModelKind.STUDENT ? "run --models transformer,student" : "train")
          + " --run-dir " + dir + "` before exporting");
    }
    Path target = out.toAbsolutePath().normalize();
    checkTarget(dir.path(), target, options.force());
    RunFacts run = RunFacts.read(dir).withMainModel(options.model());
    Path staging = target.resolveSibling("." + target.getFileName() + ".export-tmp");
    try {
      AtomicFiles.deleteTree(staging);
      Files.createDirectories(staging);
      writeContents(dir, run, staging, options, log);
      if (Files.exists(target)) {
        AtomicFiles.deleteTree(target); // only reached when empty or --force, see checkTarget
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      AtomicFiles.move(staging, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export to " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        AtomicFiles.deleteTree(staging);
      } catch (IOException ignored) {
        // best effort: a leftover hidden staging folder is replaced by the next export
      }
    }
    List<String> files = Checksums.files(target);
    boolean int8 = files.contains(Bundle.INT8_WEIGHTS);
    log.println("export: " + files.size() + " files written to " + target);
    log.flush();
    return new Result(target, files, int8);
  }

  private static void writeContents(RunDirectory dir, RunFacts run, Path staging, Options options, PrintWriter log)
      throws IOException {
    Path modelDir = dir.modelDir(run.mainModel());
    // Re-written rather than copied, so the bundle's weights always follow the current writer's spec.
    HfBertDirectory.Contents bert = HfBertDirectory.read(modelDir);
    HfBertDirectory.write(staging, bert.config(), bert.vocab(), bert.tensors(),
        bert.labels().orElseThrow(() -> new TweetoxException(modelDir + "/config.json has no id2label; it is not"
            + " a fine-tuned classifier, re-train it")), bert.tensors().metadata());
    if (OperatingPoint.exists(modelDir)) { // the transformer's temperature and flag threshold, as evaluated
      Path cal = modelDir.resolve(OperatingPoint.FILE);
      AtomicFiles.write(staging.resolve(OperatingPoint.FILE), o -> Files.copy(cal, o));
    }
    log.println("export: fp32 weights, config.json and vocab.txt written");
    boolean int8 = writeInt8(staging, staging.resolve(Bundle.INT8_WEIGHTS));
    if (BaselineStage.exists(dir)) {
      copyTree(BaselineStage.modelDir(dir), staging.resolve(Bundle.BASELINE_DIR));
    }
    if (dir.hasModel(ModelKind.ENSEMBLE)) {
      List<ModelKind> stacked = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE)).members();
      List<ModelKind> bundled = BaselineStage.exists(dir) ? List.of(run.mainModel(), ModelKind.BASELINE)
          : List.of(run.mainModel());
      if (bundled.containsAll(stacked)) {
        copyTree(dir.modelDir(ModelKind.ENSEMBLE), staging.resolve(Bundle.ENSEMBLE_DIR));
      } else { // a bundle holds one BERT; the ensemble would need another
        log.println("export: the ensemble stacks " + stacked + ", and this bundle holds only " + bundled
            + ", so it is left out; score the ensemble from the run directory (`tweetox predict --model "
            + dir.path() + " --model-type ensemble`)");
      }
    }
    // The run's scores, so that "auto" picks the same model from the bundle as from the run.
    AtomicFiles.write(staging.resolve(RunDirectory.METRICS),
        o -> Files.copy(dir.resolve(RunDirectory.METRICS), o));
    run.manifest(int8).write(staging);
    var card = ModelCard.json(run, options.license());
    try {
      AtomicFiles.writeString(staging.resolve(Bundle.CARD_JSON),
          ConfigLoader.json().writeValueAsString(card) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise the model card", e);
    }
    AtomicFiles.writeString(staging.resolve(Bundle.CARD_MD), ModelCard.markdown(run, card));
    int rows = ExperimentLog.write(dir, staging);
    log.println("export: model card, " + rows + " experiment rows and the summary report written");
    AtomicFiles.writeString(staging.resolve(Bundle.SUMMARY), SummaryReport.text(run, int8));
    Checksums.write(staging); // last: it covers every other file
    log.flush();
  }

  /** Writes the int8 weights (per-output-channel symmetric, with their scales) of {@code hfModelDir}. */
  static boolean writeInt8(Path hfModelDir, Path outFile) {
    dev.tweetox.onnx.Int8Weights.write(hfModelDir, outFile);
    return true;
  }

  /** Refuses targets that would destroy the run or someone's files. */
  static void checkTarget(Path runDir, Path target, boolean force) {
    if (target.startsWith(runDir) || runDir.startsWith(target)) {
      throw new TweetoxException("--out " + target + " overlaps the run directory " + runDir
          + "; export to a folder outside it");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new TweetoxException("--out " + target + " is a file; pass a folder (it is created if missing)");
    }
    if (Files.isDirectory(target) && !isEmpty(target) && !force) {
      throw new TweetoxException("--out " + target + " exists and is not empty; pass --force to replace it, or"
          + " choose another folder");
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path src : walk.filter(Files::isRegularFile).sorted().toList()) {
        Path dst = to.resolve(from.relativize(src).toString());
        AtomicFiles.write(dst, o -> Files.copy(src, o));
      }
    }
  }


}
