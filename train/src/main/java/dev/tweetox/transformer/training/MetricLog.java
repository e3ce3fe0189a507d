package dev.tweetox.transformer.training;

import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-step and per-evaluation training log, {@code transformer_training_log.csv}. Rows are kept in memory and
 * the file is rewritten atomically on each {@link #flush}, so a killed run leaves a whole file; a resumed run
 * keeps the rows up to its checkpoint's step. Validation columns are empty on rows without an evaluation.
 */
public final class MetricLog {
  public static final String FILE = "transformer_training_log.csv";
  static final String HEADER = "step,epoch,train_loss,val_loss,val_accuracy,val_macro_precision,val_macro_recall,"
      + "val_macro_f1,learning_rate,samples_per_s,elapsed_s";

  /** One row; {@code val} is null when the row has no evaluation. */
  public record Row(int step, double epoch, double trainLoss, Validation val, double learningRate,
      double samplesPerSecond, double elapsedSeconds) {
    String csv() {
      String v = val == null ? ",,,," : String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f,%.6f", val.loss(),
          val.accuracy(), val.macroPrecision(), val.macroRecall(), val.macroF1());
      return String.format(Locale.ROOT, "%d,%.4f,%.6f,%s,%.3e,%.2f,%.1f", step, epoch, trainLoss, v, learningRate,
          samplesPerSecond, elapsedSeconds);
    }
  }

  /** Validation metrics of one evaluation. */
  public record Validation(double loss, double accuracy, double macroPrecision, double macroRecall,
      double macroF1) {}

  private final Path file;
  private final List<String> lines = new ArrayList<>();

  private MetricLog(Path file) {
    this.file = file;
  }

  /** A new log, or the existing one truncated to rows with {@code step <= keepUpToStep} (resume). */
  public static MetricLog open(Path file, int keepUpToStep) {
    MetricLog log = new MetricLog(file);
    if (keepUpToStep > 0 && Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank() || line.startsWith("step,")) {
            continue;
          }
          int step = Integer.parseInt(line.substring(0, line.indexOf(',')));
          if (step <= keepUpToStep) {
            log.lines.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
      }
    }
    return log;
  }

  public void add(Row row) {
    lines.add(row.csv());
  }

  public int rows() {
    return lines.size();
  }

  public void flush() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    lines.forEach(l -> sb.append(l).append('\n'));
    AtomicFiles.writeString(file, sb.toString());
  }
}
