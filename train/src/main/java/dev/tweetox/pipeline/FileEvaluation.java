package dev.tweetox.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tweetox.TweetoxException;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Dataset;
import dev.tweetox.data.DatasetLoader;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import dev.tweetox.report.Plots;
import dev.tweetox.report.ReportPart;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.report.Table;
import dev.tweetox.run.Provenance;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tweetox evaluate --model --data}: scores a trained model (a run directory or an export bundle) on any
 * labelled file and writes a run's evaluation outputs (metrics.json, per-class tables, confusion matrix, ROC and PR
 * curves, predictions, report.html, tables.xlsx, provenance.json) into a folder of its own. The model's folder is
 * only read, and runs_log.csv is left alone: this is not a run.
 *
 * <p>Texts are cleaned with the model's own cleaning (its run's config.json or its bundle's tweetox.json), never
 * today's defaults, and every row is kept (no duplicate or conflict removal), as for given benchmark files. The file
 * is read with the default {@code data.*} settings (header detection, CSV/TSV/JSONL) plus the caller's overrides;
 * other keys do not apply.
 */
public final class FileEvaluation {
  /** The file is scored as a whole, as the held-out test set: its entry in metrics.json, file names and the report. */
  public static final SplitPart SET = SplitPart.TEST;

  private FileEvaluation() {}

  /**
   * @param model a run directory or a bundle
   * @param dataFile the labelled file to score
   * @param overrides {@code data.*=value} settings for reading the file, e.g. {@code data.labels=neg,neu,pos}
   * @param kind the model of a run to use, or empty for its strongest (a bundle's transformer)
   * @param outDir where outputs go, or null for {@link #defaultOutDir}
   * @return the folder written
   */
  public static Path run(Path model, Path dataFile, List<String> overrides, Precision precision,
      Optional<ModelKind> kind, Path outDir, PrintWriter log) {
    for (String o : overrides) {
      if (!o.strip().startsWith("data.")) {
        throw new TweetoxException("evaluate --model: --set " + o + " does not apply; only data.* keys do (the"
            + " model's own cleaning and settings are used), e.g. --set data.textColumn=tweet");
      }
    }
    DataConfig data = ConfigLoader.load(TweetoxConfig.defaults(), null, overrides).data();
    Path out = (outDir != null ? outDir : defaultOutDir(model, dataFile)).toAbsolutePath().normalize();
    Path modelDir = model.toAbsolutePath().normalize();
    if (out.startsWith(modelDir)) {
      throw new TweetoxException("--out " + out + " is inside the model folder " + modelDir + ", which evaluate"
          + " never writes to; pass a folder outside it");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new TweetoxException("--out " + out + " is a file; pass a folder (it is created if missing)");
    }
    try (Predictor predictor = Predictor.load(model, precision, kind)) {
      TweetoxConfig modelCfg = Bundle.isBundle(model) ? BundleManifest.read(model).config()
          : RunDirectory.existing(model).readConfig();
      LabelSet modelLabels = predictor.labels();
      Dataset ds = load(dataFile, data, predictor, modelLabels, model);
      log.println("evaluate: " + predictor.kind() + " model " + modelDir + " on " + dataFile + " ("
          + ds.size() + " rows)");
      log.println("cleaning: " + ds.report().summary());
      Map<String, Object> cleaning = ConfigLoader.json().convertValue(predictor.cleaner().config().keepingAllRows(),
          new TypeReference<Map<String, Object>>() {});
      Provenance prov = Provenance.start("evaluate --model " + model + " --data " + dataFile, modelCfg.seed())
          .withData(dataFile.toString(), ds.fingerprint(), cleaning);
      Files.createDirectories(out);
      EvaluateStage.ModelEvaluation eval = EvaluateStage.run(predictor.model(), predictor.cleaner(),
          Map.of(SET, ds.examples()), modelLabels, predictor.operatingPoint(), out, log);
      writeReport(out, modelCfg, modelDir, predictor, precision, dataFile, ds, prov, eval);
      new RunDirectory(out).writeProvenance(prov.finished());
      log.println("report: " + out.resolve(ReportWriter.HTML_REPORT));
      log.flush();
      return out;
    } catch (java.io.IOException e) {
      throw new TweetoxException("cannot create " + out + ": " + e.getMessage(), e);
    }
  }

  /** {@code <model folder>-eval-<file stem>}, beside the model folder. */
  public static Path defaultOutDir(Path model, Path dataFile) {
    String file = dataFile.getFileName().toString();
    String stem = file.replaceAll("(\\.gz)?$", "").replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    Path abs = model.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + "-eval-" + (stem.isEmpty() ? "data" : stem));
  }

  /**
   * The file's rows against the model's classes. With {@code data.labels}, the file's i-th label is the model's
   * i-th class; without, the file must use the model's label values or names.
   */
  private static Dataset load(Path file, DataConfig data, Predictor predictor, LabelSet modelLabels, Path model) {
    LabelSet fileLabels = modelLabels;
    if (!data.labels().isEmpty()) {
      if (data.labels().size() != modelLabels.size()) {
        throw new TweetoxException("--set data.labels=" + String.join(",", data.labels()) + " lists "
            + data.labels().size() + " labels, but the model " + model + " has " + modelLabels.size()
            + " classes " + modelLabels.names() + "; list the file's label for each class, in that order");
      }
      // Names equal to values: the model's sentiment names would add -1/0/1 aliases that clash with the mapping.
      fileLabels = LabelSet.explicit(data.labels());
    }
    try {
      return DatasetLoader.load(file, data, predictor.cleaner().config().keepingAllRows(), fileLabels);
    } catch (TweetoxException e) {
      String msg = e.getMessage();
      int known = msg == null ? -1 : msg.indexOf("; known labels are ");
      if (known < 0 || !msg.contains(": unknown label '")) {
        throw e;
      }
      StringBuilder hint = new StringBuilder();
      for (String name : modelLabels.names()) {
        hint.append(hint.length() == 0 ? "" : ",").append("<label for ").append(name).append('>');
      }
      throw new TweetoxException(msg.substring(0, known) + "; the model " + model + " knows the labels "
          + modelLabels.values() + (modelLabels.values().equals(modelLabels.names()) ? ""
              : " (" + String.join(", ", modelLabels.names()) + ")")
          + (data.labels().isEmpty() ? "" : ", mapped from this file's " + data.labels())
          + "; map the file's labels onto them, in that order, with --set data.labels=" + hint, e);
    }
  }

  private static void writeReport(Path out, TweetoxConfig modelCfg, Path modelDir, Predictor predictor,
      Precision precision, Path dataFile, Dataset ds, Provenance prov, EvaluateStage.ModelEvaluation eval) {
    LabelSet labels = predictor.labels();
    Map<String, int[]> counts = new LinkedHashMap<>();
    counts.put(SET.key(), Plots.classCounts(PreparedData.labelsOf(ds.examples()), labels.size()));
    ReportPart dataPart = ReportWriter.writeDataReport(out, labels, counts);
    List<Table> dataTables = new ArrayList<>(dataPart.tables());
    dataTables.add(new Table("cleaning", List.of("summary"), List.of(
        List.of("Cleaned with the model's own settings (" + ConfigLoader.json().valueToTree(
            predictor.cleaner().config().keepingAllRows()) + "; every row kept). "
            + ds.report().summary()))));
    List<ReportPart> parts = List.of(
        new ReportPart("Data - " + dataFile.getFileName(), dataTables, dataPart.figures(), dataPart.files()),
        eval.report());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("model", modelDir + " (" + predictor.kind().key() + ", "
        + precision.name().toLowerCase(Locale.ROOT) + ")");
    facts.put("model run", modelCfg.name());
    facts.put("evaluated on", dataFile.toAbsolutePath().normalize().toString());
    facts.putAll(ReportStage.provenanceMap(prov));
    ReportWriter.writeSummary(out, "tweetox evaluation - " + modelCfg.name() + " on " + dataFile.getFileName(),
        facts, parts);
  }
}
