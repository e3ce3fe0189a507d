package dev.tweetox.export;

import static dev.tweetox.split.SplitPart.TEST;
import static dev.tweetox.split.SplitPart.TRAIN;
import static dev.tweetox.split.SplitPart.VAL;

import dev.tweetox.bundle.Bundle;
import dev.tweetox.eval.Metric;
import dev.tweetox.model.ModelKind;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code summary_report.txt}: the baseline against the transformer on the test split, the improvement, and whether
 * the reference notebook's 0.85 macro-F1 target was met, stated plainly either way.
 */
public final class SummaryReport {
  /** The test macro-F1 the reference notebook aimed for. */
  public static final double TARGET = 0.85;

  private SummaryReport() {}

  public static String text(RunFacts run, boolean int8Written) {
    StringBuilder out = new StringBuilder("tweetox export summary - run ").append(run.config().name()).append('\n');
    out.append("run: ").append(run.sourceId()).append('\n');
    out.append("data: ").append(run.dataSource()).append(" (sha256 ").append(run.prov("dataFingerprint"))
        .append(")\n");
    out.append(String.format(Locale.ROOT, "split: train %d / val %d / test %d, seed %d%n", run.size(TRAIN),
        run.size(VAL), run.size(TEST), run.config().seed()));
    out.append("git revision: ").append(run.prov("gitRevision")).append("\n\n");
    OptionalDouble base = run.metric(ModelKind.BASELINE, TEST, Metric.MACRO_F1);
    OptionalDouble bert = run.metric(run.mainModel(), TEST, Metric.MACRO_F1);
    out.append("test macro-F1\n");
    out.append("  baseline (TF-IDF + LR): ").append(show(base)).append('\n');
    out.append(run.mainModel() == ModelKind.STUDENT ? "  student (small BERT):   " : "  transformer (BERT):     ")
        .append(show(bert)).append('\n');
    if (base.isPresent() && bert.isPresent()) {
      double d = bert.getAsDouble() - base.getAsDouble();
      out.append(String.format(Locale.ROOT, "  improvement:            %+.4f (%+.1f%% relative)%n", d,
          100 * d / base.getAsDouble()));
    } else {
      out.append("  improvement:            n/a (the run lacks one of the models)\n");
    }
    out.append('\n').append(targetSentence(run)).append('\n');
    out.append("\nint8 weights: ").append(int8Written ? Bundle.INT8_WEIGHTS
        : "not written (int8 export is not available in this build)").append('\n');
    return out.toString();
  }

  /** One sentence on the 0.85 target, using the transformer's test macro-F1. */
  static String targetSentence(RunFacts run) {
    OptionalDouble bert = run.metric(run.mainModel(), TEST, Metric.MACRO_F1);
    if (bert.isEmpty()) {
      return "Reference target (test macro-F1 >= 0.85): unknown, the run has no " + run.mainModel()
          + " test metrics.";
    }
    double f = bert.getAsDouble();
    return f >= TARGET
        ? String.format(Locale.ROOT, "Reference target (test macro-F1 >= 0.85): met (%.4f).", f)
        : String.format(Locale.ROOT, "Reference target (test macro-F1 >= 0.85): not met (%.4f, %.4f short).", f,
            TARGET - f);
  }

  private static String show(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "n/a";
  }
}
