package dev.tweetox.report;

import dev.tweetox.calibration.Calibrator;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.calibration.Thresholds;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.model.ModelKind;
import dev.tweetox.split.SplitPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One model's calibration and operating point in the report: ECE and Brier before and after temperature scaling per
 * split ({@code calibration_<model>.csv}), a reliability diagram per split ({@code reliability_<model>_<split>.png}),
 * the flag decision with its precision and recall per split ({@code decision_<model>.csv}) and, when the threshold
 * was chosen in this run, the validation threshold table ({@code thresholds_<model>_val.csv}).
 */
public final class CalibrationReport {
  private CalibrationReport() {}

  /**
   * @param fitted what was fitted on validation in this run; empty when a saved operating point was applied
   */
  public static ReportPart write(Path runDir, ModelKind kind, Map<SplitPart, Evaluation> bySplit, OperatingPoint op,
      Optional<Calibrator.Fitted> fitted) {
    String model = kind.key();
    List<Table> tables = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    tables.add(calibrationTable(model, bySplit, op));
    tables.add(decisionTable(model, bySplit, op, fitted));
    fitted.ifPresent(f -> tables.add(thresholdTable(model, f)));
    List<String> names = new ArrayList<>(List.of("calibration_" + model + ".csv", "decision_" + model + ".csv"));
    fitted.ifPresent(f -> names.add("thresholds_" + model + "_val.csv"));
    for (int i = 0; i < tables.size(); i++) {
      Path file = runDir.resolve(names.get(i));
      tables.get(i).writeCsv(file);
      files.add(file);
    }
    bySplit.forEach((split, e) -> {
      String name = "reliability_" + model + "_" + split.key() + ".png";
      String caption = "Reliability diagram - " + model + " - " + split.key();
      byte[] png = Plots.DEFAULT.reliability(e, op.calibration().temperature(), caption);
      Plots.write(runDir.resolve(name), png);
      figures.add(new Figure(caption, name, png));
      files.add(runDir.resolve(name));
    });
    return new ReportPart("Calibration and operating point - " + model, tables, figures, files);
  }

  /** How the threshold was set, in words, e.g. "lowest threshold with val precision >= 0.90". */
  public static String rule(Thresholds.Choice choice) {
    if (choice.minPrecision().isEmpty()) {
      return "fixed by decision.threshold";
    }
    double target = choice.minPrecision().getAsDouble();
    return choice.reached()
        ? String.format(Locale.ROOT, "lowest threshold with val precision >= %.2f", target)
        : String.format(Locale.ROOT, "val precision never reaches %.2f; threshold of the highest val precision"
            + " (%.4f)", target, choice.point().precision());
  }

  static Table calibrationTable(String model, Map<SplitPart, Evaluation> bySplit, OperatingPoint op) {
    List<List<Object>> rows = new ArrayList<>();
    String method = op.calibration().method().key();
    bySplit.forEach((split, e) -> rows.add(Arrays.asList(split.key(), method, op.calibration().temperature(),
        e.eceUncalibrated(), e.ece(), e.brierUncalibrated(), e.brier())));
    return new Table("calibration - " + model + " (ECE 15 bins, multi-class Brier; lower is better)",
        List.of("split", "method", "temperature", "ece_before", "ece_after", "brier_before", "brier_after"), rows);
  }

  static Table decisionTable(String model, Map<SplitPart, Evaluation> bySplit, OperatingPoint op,
      Optional<Calibrator.Fitted> fitted) {
    Decision d = op.decision();
    String rule = fitted.map(f -> rule(f.valChoice())).orElse("as saved with the model");
    List<List<Object>> rows = new ArrayList<>();
    bySplit.forEach((split, e) -> {
      Thresholds.Point p = e.flagOutcome().orElseThrow();
      rows.add(Arrays.asList(split.key(), d.flagClass(), d.threshold(), rule, p.flagged(), p.precision(),
          p.recall(), p.f1()));
    });
    return new Table("flag decision - " + model + " (flagged when p(" + d.flagClass() + ") >= threshold)",
        List.of("split", "flag_class", "threshold", "chosen_by", "flagged", "precision", "recall", "f1"), rows);
  }

  static Table thresholdTable(String model, Calibrator.Fitted fitted) {
    List<Thresholds.Point> points = new ArrayList<>(fitted.valGrid());
    Thresholds.Point chosen = fitted.valChoice().point();
    points.add(chosen);
    points.sort((a, b) -> Double.compare(a.threshold(), b.threshold()));
    List<List<Object>> rows = new ArrayList<>();
    for (Thresholds.Point p : points) {
      rows.add(Arrays.asList(p.threshold(), p.flagged(), p.precision(), p.recall(), p.f1(), p == chosen));
    }
    return new Table("thresholds - " + model + " - val, p(" + fitted.operatingPoint().decision().flagClass()
        + ") >= threshold", List.of("threshold", "flagged", "precision", "recall", "f1", "chosen"), rows);
  }
}
