package dev.tweetox.tuning;

import dev.tweetox.report.Table;
import dev.tweetox.report.XlsxExport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tables and plots of a store's studies: {@code <study>_trials.csv} and {@code <study>_validations.csv} (every
 * validation of every trial) per study, {@code tune_summary.csv}, all of them
 * in {@code tune_tables.xlsx}, and per study an optimization history and a parameter-importance chart.
 */
public final class TuneReport {
  public static final String SUMMARY_CSV = "tune_summary.csv";
  public static final String XLSX = "tune_tables.xlsx";

  private TuneReport() {}

  /** The best trial: highest validation macro-F1 among complete trials (pruned ones if none completed). */
  public static Optional<TrialRecord> best(List<TrialRecord> trials) {
    Comparator<TrialRecord> byValue = Comparator.comparingDouble(TrialRecord::value);
    Optional<TrialRecord> complete = trials.stream()
        .filter(t -> t.status() == TrialStatus.COMPLETE && t.value() != null).max(byValue);
    return complete.isPresent() ? complete : trials.stream().filter(t -> t.value() != null).max(byValue);
  }

  /** One row per trial: number, status, each parameter, scores, budget, timings, worker, checkpoint. */
  public static Table trialsTable(String study, List<TrialRecord> trials) {
    List<String> keys = new ArrayList<>(new TreeSet<>(trials.stream().flatMap(t -> t.params().keySet().stream())
        .toList()));
    List<String> cols = new ArrayList<>(List.of("trial", "status"));
    cols.addAll(keys);
    cols.addAll(List.of("val_macro_f1", "test_macro_f1", "best_epoch", "seconds", "attempts", "worker",
        "started", "checkpoint", "error"));
    List<List<Object>> rows = new ArrayList<>();
    for (TrialRecord t : trials) {
      List<Object> r = new ArrayList<>(List.of(t.number(), t.status().key()));
      keys.forEach(k -> r.add(t.params().getOrDefault(k, "")));
      r.add(orBlank(t.value()));
      r.add(orBlank(t.testValue()));
      r.add(orBlank(t.bestEpoch()));
      r.add(t.seconds().<Object>map(s -> Math.round(s * 10) / 10.0).orElse(""));
      r.add(t.attempts());
      r.add(t.worker() == null ? "" : t.worker());
      r.add(t.startedMs() == null ? "" : Instant.ofEpochMilli(t.startedMs()).toString());
      r.add(t.checkpoint() == null ? "" : t.checkpoint());
      r.add(t.error() == null ? "" : t.error());
      rows.add(r);
    }
    return new Table(study + " trials", cols, rows);
  }

  private static Object orBlank(Double v) {
    return v == null ? "" : v;
  }

  /** One row per study: its progress and its best trial's parameters, validation and test macro-F1. */
  public static Table summary(StudyStore store, List<String> studies) {
    List<List<Object>> rows = new ArrayList<>();
    for (String name : studies) {
      StudyStore.StudyInfo info = store.study(name).orElseThrow();
      List<TrialRecord> trials = store.trials(name);
      Optional<TrialRecord> best = best(trials);
      rows.add(List.of(name, info.model(), strategyOf(info), count(trials, null), trials.size(),
          count(trials, TrialStatus.PRUNED), count(trials, TrialStatus.FAILED),
          best.map(TrialRecord::number).<Object>map(n -> n).orElse(""),
          best.map(t -> StudyStore.json(t.params())).orElse(""),
          best.map(TrialRecord::value).<Object>map(v -> v).orElse(""),
          best.map(TrialRecord::testValue).<Object>map(v -> v).orElse("")));
    }
    return new Table("tuning summary", List.of("study", "model", "strategy", "done", "trials", "pruned", "failed",
        "best_trial", "best_params", "best_val_macro_f1", "best_test_macro_f1"), rows);
  }

  static String strategyOf(StudyStore.StudyInfo info) {
    String s = info.settingsJson();
    int i = s.indexOf("\"strategy\":\"");
    return i < 0 ? "" : s.substring(i + 12, s.indexOf('"', i + 12));
  }

  private static int count(List<TrialRecord> trials, TrialStatus status) {
    return (int) trials.stream().filter(t -> status == null ? t.done() : t.status() == status).count();
  }

  /** Writes every table and plot of {@code studies} into {@code dir}. */
  public static Table write(Path dir, StudyStore store, List<String> studies) {
    List<Table> tables = new ArrayList<>();
    Table summary = summary(store, studies);
    summary.writeCsv(dir.resolve(SUMMARY_CSV));
    tables.add(summary);
    for (String s : studies) {
      List<TrialRecord> trials = store.trials(s);
      Table t = trialsTable(s, trials);
      t.writeCsv(dir.resolve(s + "_trials.csv"));
      tables.add(t);
      List<List<Object>> rows = new ArrayList<>();
      store.metrics(s).forEach(m -> rows.add(List.of(m.number(), m.step(), m.epoch(), m.budget(), m.macroF1())));
      Table metrics = new Table(s + " validations", List.of("trial", "step", "epoch", "budget", "val_macro_f1"),
          rows);
      metrics.writeCsv(dir.resolve(s + "_validations.csv"));
      tables.add(metrics);
      TuneCharts.write(dir.resolve(s + "_history.png"), TuneCharts.history(s, trials));
      // halving: judge every trial at the same budget (rung 0), not pruned trials' early values against full runs
      Map<Integer, Double> rung0 = store.rungValues(s, 0);
      TuneCharts.write(dir.resolve(s + "_importance.png"), TuneCharts.importance(s,
          importance(atRung(trials, rung0)), rung0.isEmpty() ? "best validation of each trial"
              : "validation at the first halving rung (same budget for every trial)"));
    }
    XlsxExport.write(dir.resolve(XLSX), tables);
    return summary;
  }

  /** The trials that reached the rung, each valued at it; all trials unchanged when {@code rungValues} is empty. */
  static List<TrialRecord> atRung(List<TrialRecord> trials, Map<Integer, Double> rungValues) {
    if (rungValues.isEmpty()) {
      return trials;
    }
    return trials.stream().filter(t -> rungValues.containsKey(t.number())).map(t -> new TrialRecord(t.number(),
        t.params(), t.status(), t.worker(), t.attempts(), t.startedMs(), t.finishedMs(), rungValues.get(t.number()),
        t.testValue(), t.bestEpoch(), t.checkpoint(), t.error())).toList();
  }

  /**
   * A rough importance per parameter: the share of the variance of validation macro-F1 (over trials with a value)
   * explained by grouping trials by that parameter (its values, or quartiles of a range). 0 when it never varied.
   */
  public static Map<String, Double> importance(List<TrialRecord> trials) {
    List<TrialRecord> scored = trials.stream().filter(t -> t.value() != null).toList();
    Map<String, Double> out = new LinkedHashMap<>();
    if (scored.size() < 2) {
      return out;
    }
    double mean = scored.stream().mapToDouble(TrialRecord::value).average().orElse(0);
    double total = scored.stream().mapToDouble(t -> (t.value() - mean) * (t.value() - mean)).sum();
    TreeSet<String> keys = new TreeSet<>();
    scored.forEach(t -> keys.addAll(t.params().keySet()));
    for (String k : keys) {
      Map<String, List<Double>> groups = new LinkedHashMap<>();
      List<Object> vals = scored.stream().map(t -> t.params().get(k)).toList();
      long distinct = vals.stream().distinct().count();
      List<Double> sorted = vals.stream().filter(v -> v instanceof Number).map(v -> ((Number) v).doubleValue())
          .sorted().toList();
      for (TrialRecord t : scored) {
        Object v = t.params().get(k);
        String g;
        if (distinct > 4 && v instanceof Number n) {
          int rank = (int) sorted.stream().filter(x -> x < n.doubleValue()).count();
          g = "q" + Math.min(3, rank * 4 / sorted.size());
        } else {
          g = String.valueOf(v);
        }
        groups.computeIfAbsent(g, x -> new ArrayList<>()).add(t.value());
      }
      double between = 0;
      for (List<Double> g : groups.values()) {
        double m = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        between += g.size() * (m - mean) * (m - mean);
      }
      out.put(k, total <= 0 ? 0 : between / total);
    }
    return out;
  }

  /** A plain-text progress report of every study in the store, for {@code tune --status}. */
  public static String status(StudyStore store) {
    List<StudyStore.StudyInfo> studies = store.studies();
    if (studies.isEmpty()) {
      return "no studies in " + store.describe() + "\n";
    }
    StringBuilder sb = new StringBuilder("studies in " + store.describe() + "\n");
    long now = System.currentTimeMillis();
    for (StudyStore.StudyInfo s : studies) {
      List<TrialRecord> trials = store.trials(s.name());
      sb.append(String.format(Locale.ROOT, "%s (%s, %s): %d/%d done -- %d complete, %d pruned, %d failed,"
          + " %d running, %d pending", s.name(), s.model(), strategyOf(s), count(trials, null), trials.size(),
          count(trials, TrialStatus.COMPLETE), count(trials, TrialStatus.PRUNED), count(trials, TrialStatus.FAILED),
          count(trials, TrialStatus.RUNNING), count(trials, TrialStatus.PENDING)));
      best(trials).ifPresent(b -> sb.append(String.format(Locale.ROOT, "; best trial %d val macro-F1 %.4f %s",
          b.number(), b.value(), StudyStore.json(b.params()))));
      sb.append('\n');
      for (TrialRecord t : trials) {
        if (t.status() == TrialStatus.RUNNING && t.startedMs() != null) {
          sb.append(String.format(Locale.ROOT, "  trial %d running on %s for %.0f s%n", t.number(), t.worker(),
              (now - t.startedMs()) / 1000.0));
        }
      }
    }
    return sb.toString();
  }
}
