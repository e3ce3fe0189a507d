package dev.tweetox.pipeline;

import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.Metric;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.Plots;
import dev.tweetox.report.ReportPart;
import dev.tweetox.report.ReportWriter;
import dev.tweetox.report.RunsLog;
import dev.tweetox.report.Table;
import dev.tweetox.run.Provenance;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 5, run level: the data section, model comparisons, inference examples, the self-contained HTML report,
 * tables.xlsx, and one appended row in runs_log.csv.
 */
public final class ReportStage {
  /** runs_log.csv column keyed by the evaluate stage's inputs, so a redone report replaces its own row. */
  static final String INPUTS_COLUMN = "stage_inputs";

  private ReportStage() {}

  /**
   * What the evaluate stage writes: the run directory's top-level files except the prepared data's, the baseline's
   * grid tables, config.json and provenance.json (rewritten by every command).
   */
  static List<Path> outputs(RunDirectory dir) {
    Set<String> others = new HashSet<>(PrepareStage.OUTPUTS);
    others.addAll(List.of(RunDirectory.CONFIG, RunDirectory.PROVENANCE, BaselineStage.GRID_CSV,
        BaselineStage.FOLDS_CSV));
    try (Stream<Path> files = Files.list(dir.path())) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !others.contains(f.getFileName().toString()) && !f.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  public static void write(TweetoxConfig cfg, RunDirectory dir, PreparedData data, Provenance prov,
      List<EvaluateStage.ModelEvaluation> evals, List<Table> exampleTables, String inputsKey) {
    List<ReportPart> parts = new ArrayList<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (SplitPart split : SplitPart.values()) {
      counts.put(split.key(), Plots.classCounts(PreparedData.labelsOf(data.split(split)), data.labels().size()));
    }
    ReportPart dataPart = ReportWriter.writeDataReport(dir.path(), data.labels(), counts);
    parts.add(withText(dataPart, "Cleaning: " + data.cleaning().summary()));
    for (SplitPart split : List.of(SplitPart.TEST, SplitPart.VAL)) {
      Map<ModelKind, Evaluation> byModel = new LinkedHashMap<>();
      evals.forEach(e -> byModel.put(e.model(), e.bySplit().get(split)));
      if (!byModel.isEmpty()) {
        parts.add(ReportWriter.writeComparison(dir.path(), split, byModel));
      }
    }
    evals.forEach(e -> parts.add(e.report()));
    parts.add(new ReportPart("Inference examples", exampleTables, List.of(), List.of()));
    if (Files.exists(dir.resolve(BaselineStage.GRID_CSV))) {
      parts.add(new ReportPart("Baseline grid search", List.of(Table.readCsv(dir.resolve(BaselineStage.GRID_CSV),
          "baseline grid search (CV macro-F1)")), List.of(), List.of()));
    }
    Map<String, String> row = runsLogRow(cfg, dir, prov, evals);
    row.put(INPUTS_COLUMN, inputsKey);
    RunsLog.append(dir.runsLog(), row, INPUTS_COLUMN);
    parts.add(new ReportPart("All runs (runs_log.csv)", List.of(RunsLog.toTable(dir.runsLog())), List.of(),
        List.of()));
    ReportWriter.writeSummary(dir.path(), "tweetox report - " + cfg.name(), provenanceMap(prov), parts);
  }

  private static ReportPart withText(ReportPart part, String text) {
    List<Table> tables = new ArrayList<>(part.tables());
    tables.add(new Table("cleaning", List.of("summary"), List.of(List.of(text))));
    return new ReportPart(part.heading(), tables, part.figures(), part.files());
  }

  static Map<String, String> provenanceMap(Provenance p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tweetox", p.tweetoxVersion());
    m.put("command", p.command());
    m.put("seed", Long.toString(p.seed()));
    m.put("data", p.dataSource());
    m.put("data sha256", p.dataFingerprint());
    m.put("git revision", p.gitRevision());
    m.put("java", p.javaVersion());
    m.put("os / cores", p.os() + " / " + p.cores());
    m.put("libraries", p.libraries().toString());
    m.put("started", p.startedAt());
    return m;
  }

  static Map<String, String> runsLogRow(TweetoxConfig cfg, RunDirectory dir, Provenance prov,
      List<EvaluateStage.ModelEvaluation> evals) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("started", prov.startedAt());
    row.put("run", cfg.name());
    row.put("run_dir", dir.path().toString());
    row.put("command", prov.command());
    row.put("seed", Long.toString(cfg.seed()));
    row.put("data", prov.dataSource());
    row.put("data_sha256", prov.dataFingerprint());
    row.put("git_revision", prov.gitRevision());
    row.put("models", String.join("+", cfg.models()));
    row.put("config", dev.tweetox.config.ConfigLoader.toJson(cfg).replaceAll("\\s+", " "));
    for (EvaluateStage.ModelEvaluation e : evals) {
      e.bySplit().forEach((split, ev) -> {
        for (Metric m : Metric.values()) {
          row.put(e.model().key() + "." + split.key() + "." + m.key(),
              String.format(java.util.Locale.ROOT, "%.6f", ev.get(m)));
        }
      });
    }
    return row;
  }
}
