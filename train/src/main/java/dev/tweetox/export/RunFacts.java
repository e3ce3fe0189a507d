package dev.tweetox.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.TextIds;
import dev.tweetox.eval.Metric;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.report.Table;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import dev.tweetox.split.SplitStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a finished run directory says about itself, read once for the card, the summary and the manifest: the
 * resolved config, the provenance, the split manifest and the metrics of each model.
 *
 * @param metrics the run's {@code metrics.json}
 * @param mainModel the BERT a bundle of this run holds, whose numbers the card and summary lead with
 */
public record RunFacts(RunDirectory dir, TweetoxConfig config, JsonNode provenance, JsonNode split,
    MetricsJson metrics, ModelKind mainModel) {

  public RunFacts(RunDirectory dir, TweetoxConfig config, JsonNode provenance, JsonNode split,
      MetricsJson metrics) {
    this(dir, config, provenance, split, metrics, ModelKind.TRANSFORMER);
  }

  /** These facts for a bundle holding {@code model} (the transformer or the student). */
  public RunFacts withMainModel(ModelKind model) {
    return new RunFacts(dir, config, provenance, split, metrics, model);
  }

  /** The starting weights of the main model, as configured. */
  public String mainWeights() {
    return mainModel == ModelKind.STUDENT ? config.student().weights() : config.transformer().weights();
  }

  public static RunFacts read(RunDirectory dir) {
    TweetoxConfig cfg = dir.readConfig();
    JsonNode prov = json(dir.resolve(RunDirectory.PROVENANCE), "the run did not finish its data stage");
    JsonNode split = json(dir.resolve(SplitStore.MANIFEST), "the run has no split");
    Path metricsFile = dir.resolve(RunDirectory.METRICS);
    if (!Files.isRegularFile(metricsFile)) {
      throw new TweetoxException(dir + " has no " + RunDirectory.METRICS + "; run `tweetox evaluate --run-dir "
          + dir + "` first");
    }
    return new RunFacts(dir, cfg, prov, split, MetricsJson.load(metricsFile));
  }

  private static JsonNode json(Path file, String why) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException(file + " is missing (" + why + "); export a run that `tweetox run` finished");
    }
    try {
      return ConfigLoader.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new TweetoxException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); re-run the stage that writes it", e);
    }
  }

  /** Class names in index order, from the split manifest. */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    split.path("labels").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Examples per split part and class, from the split manifest (0 where absent). */
  public long count(SplitPart part, String label) {
    return split.path("counts").path(part.key()).path(label).asLong(0);
  }

  public long size(SplitPart part) {
    long n = 0;
    for (String l : labels()) {
      n += count(part, l);
    }
    return n;
  }

  public OptionalDouble metric(ModelKind model, SplitPart part, Metric metric) {
    return metrics.get(model, part, metric);
  }

  /** Models with metrics, in the order metrics.json lists them. */
  public List<ModelKind> models() {
    return metrics.kinds();
  }

  /** The per-class report the evaluate stage wrote ({@code class,precision,recall,f1,support}), if any. */
  public Optional<Table> perClass(ModelKind model, SplitPart part) {
    Path f = dir.resolve(ReportWriter.classificationReportFile(model, part));
    return Files.isRegularFile(f) ? Optional.of(Table.readCsv(f, model.key() + " " + part.key() + " per class"))
        : Optional.empty();
  }

  /** A provenance field as text, empty when absent. */
  public String prov(String field) {
    return provenance.path(field).asText("");
  }

  /**
   * The manifest ({@code tweetox.json}) of a bundle exported from this run. It is a function of the run alone, so
   * two exports give the same bytes: the export time is the run's finishing time, and the run is named by its
   * {@link #sourceId()}, with data paths reduced to file names, since a bundle is shared and must not carry the
   * exporting machine's folders or user name.
   */
  public BundleManifest manifest(boolean int8) {
    String when = prov("finishedAt").isEmpty() ? prov("startedAt") : prov("finishedAt");
    ObjectNode portable = provenance.deepCopy();
    portable.put("dataSource", dataSource());
    return new BundleManifest(portableConfig(), portable, when, sourceId(), int8, mainModel);
  }

  /** Where the run's data came from, without a local folder: a file name or {@code bundled:<name>}. */
  public String dataSource() {
    return fileName(prov("dataSource"));
  }

  /** The run's folder name and the start of its provenance's SHA-256: unique enough, and free of local paths. */
  public String sourceId() {
    return dir.path().getFileName() + "@"
        + TextIds.sha256Hex(provenance.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  private TweetoxConfig portableConfig() {
    List<String> overrides = new ArrayList<>();
    DataConfig d = config.data();
    for (String[] kv : new String[][] {{"path", d.path()}, {"valPath", d.valPath()}, {"testPath", d.testPath()}}) {
      if (!kv[1].isEmpty()) {
        overrides.add("data." + kv[0] + "=" + fileName(kv[1]));
      }
    }
    return overrides.isEmpty() ? config : ConfigLoader.load(config, null, overrides);
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
