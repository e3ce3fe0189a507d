package dev.tweetox.cli;

import dev.tweetox.io.Progress;
import dev.tweetox.predict.Precision;
import dev.tweetox.spark.EmbeddedSpark;
import dev.tweetox.spark.ScoreJob;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox score}: the Spark batch job in an embedded local session. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score a CSV, JSON lines or Parquet file (or a folder of them) with an exported bundle on Spark"
        + " inside this process, writing every input column plus label, confidence and p_<class>; with"
        + " --label-column also <output>.metrics.json. The same job runs on a cluster with spark-submit (see"
        + " docs/spark.md).")
public final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "<bundle>",
      description = "A bundle written by `tweetox export` (its checksums are verified before any task runs).")
  String model;

  @Option(names = "--input", required = true, paramLabel = "<file|dir>",
      description = "CSV/TSV with a header, JSON lines, or Parquet; a folder is read by its files' extension.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Output folder; must not exist.")
  String output;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "<parquet|csv|jsonl>",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--text-column", defaultValue = "", paramLabel = "<name>",
      description = "Column with the text (default: text, review, tweet or content).")
  String textColumn;

  @Option(names = "--label-column", defaultValue = "", paramLabel = "<name>",
      description = "Gold label column: also compute the confusion matrix, per-class P/R/F1, macro-F1, accuracy.")
  String labelColumn;

  @Option(names = "--metrics", defaultValue = "", paramLabel = "<file>",
      description = "Where the metrics JSON goes (default: <output>.metrics.json).")
  String metrics;

  @Option(names = "--precision", defaultValue = "int8", paramLabel = "<int8|fp32>",
      description = "Transformer precision (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "<n>",
      description = "Texts per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "<local[n]>",
      description = "Local Spark master: task threads in this process (default: ${DEFAULT-VALUE}).")
  String master;

  @Mixin OutputOptions outputOptions;

  @Override
  public Integer call() {
    outputOptions.apply();
    ScoreJob.Options o = new ScoreJob.Options(model, input, output, format, textColumn, labelColumn,
        Precision.parse(precision), batchSize, metrics);
    SparkSession spark = EmbeddedSpark.start(master, "tweetox score");
    try {
      ScoreJob.run(spark, o, spec.commandLine().getOut(), !Progress.isQuiet());
    } catch (Exception e) { // Scala code throws checked exceptions undeclared
      throw EmbeddedSpark.unwrap(e);
    } finally {
      spark.stop();
    }
    return 0;
  }
}
