package dev.tweetox.spark;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.predict.Precision;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Scores a table of tweets with a bundle and writes it back with the predictions appended, every input column kept;
 * with a gold label column, also the metrics ({@link ScoreMetrics}) as JSON. Output goes through Spark's
 * DataFrameWriter, whose commit protocol keeps a retried task's rows from appearing twice. {@link #main} is the
 * spark-submit entry point; {@code tweetox score} calls {@link #run} in an embedded local session.
 */
public final class ScoreJob {
  private static final List<String> TEXT_COLUMNS = List.of("text", "review", "tweet", "content");
  private static final String CORRUPT = "_corrupt_record";
  /** The raw line of a JSON record Spark could not parse (e.g. not UTF-8); its text is null, so no prediction. */
  static final String MALFORMED = "malformed_input";

  private ScoreJob() {}

  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (TweetoxException e) {
      System.err.println("tweetox-spark: error: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("tweetox score").getOrCreate();
    int code = 0;
    try {
      run(spark, o, new PrintWriter(System.out, true, StandardCharsets.UTF_8), false);
    } catch (TweetoxException e) {
      System.err.println("tweetox-spark: error: " + e.getMessage());
      code = 2;
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  /**
   * What to score and where to write it.
   *
   * @param format parquet, csv or jsonl
   * @param textColumn the text column, or empty for the first of text, review, tweet, content
   * @param labelColumn the gold label column, or empty for none (no metrics)
   * @param metrics where metrics.json goes; empty for {@code <output>.metrics.json}
   */
  public record Options(String model, String input, String output, String format, String textColumn,
      String labelColumn, Precision precision, int batchSize, String metrics) {
    public Options {
      format = format.toLowerCase(Locale.ROOT).equals("json") ? "jsonl" : format.toLowerCase(Locale.ROOT);
      if (!List.of("parquet", "csv", "jsonl").contains(format)) {
        throw new TweetoxException("--format must be parquet, csv or jsonl, got '" + format + "'");
      }
      if (batchSize < 1) {
        throw new TweetoxException("--batch-size must be at least 1, got " + batchSize);
      }
    }

    /** Parses {@code --model m --input i --output o [--format f] [--text-column c] ...}. */
    public static Options parse(String[] args) {
      java.util.Map<String, String> m = new java.util.HashMap<>();
      List<String> known = List.of("--model", "--input", "--output", "--format", "--text-column", "--label-column",
          "--precision", "--batch-size", "--metrics");
      for (int i = 0; i < args.length; i++) {
        if (!known.contains(args[i]) || i + 1 >= args.length) {
          throw new TweetoxException("usage: ScoreJob --model <bundle> --input <csv|jsonl|parquet|dir> --output"
              + " <dir> [--format parquet|csv|jsonl] [--text-column c] [--label-column y] [--precision int8|fp32]"
              + " [--batch-size n] [--metrics file]; bad argument '" + args[i] + "'");
        }
        m.put(args[i], args[++i]);
      }
      for (String r : List.of("--model", "--input", "--output")) {
        if (!m.containsKey(r)) {
          throw new TweetoxException("missing " + r + "; usage: ScoreJob --model <bundle> --input <path> --output"
              + " <dir> [options]");
        }
      }
      int batch;
      try {
        batch = Integer.parseInt(m.getOrDefault("--batch-size", "64"));
      } catch (NumberFormatException e) {
        throw new TweetoxException("--batch-size must be a number, got '" + m.get("--batch-size") + "'");
      }
      return new Options(m.get("--model"), m.get("--input"), m.get("--output"), m.getOrDefault("--format",
          "parquet"), m.getOrDefault("--text-column", ""), m.getOrDefault("--label-column", ""),
          Precision.parse(m.getOrDefault("--precision", "int8")), batch, m.getOrDefault("--metrics", ""));
    }
  }

  /**
   * @param rows rows written
   * @param metricsFile where the metrics went, or null without a label column
   */
  public record Result(long rows, double seconds, String output, String metricsFile, ScoreMetrics metrics) {}

  /**
   * Reads, scores, writes and (with a label column) evaluates. Errors in the options, the input columns or the
   * bundle are raised on the driver before any task runs.
   *
   * @param progress show a rows-scored bar with ETA (for local mode, where tasks run in this JVM)
   */
  public static Result run(SparkSession spark, Options o, PrintWriter log, boolean progress) {
    long t0 = System.nanoTime();
    Path out = new Path(o.output());
    FileSystem outFs = fileSystem(spark, out);
    if (exists(outFs, out)) {
      throw new TweetoxException("output " + o.output() + " already exists; choose a new --output or delete it");
    }
    Dataset<Row> input = read(spark, o.input());
    if (Arrays.asList(input.columns()).contains(CORRUPT)) {
      // Spark's reserved name would make CSV readers of the output treat the column specially.
      input = input.withColumnRenamed(CORRUPT, MALFORMED);
    }
    List<String> columns = Arrays.asList(input.columns());
    String text = textColumn(o, columns);
    if (!o.labelColumn().isEmpty() && !columns.contains(o.labelColumn())) {
      throw new TweetoxException(o.input() + ": no label column '" + o.labelColumn() + "'; the columns are "
          + columns);
    }
    TweetClassifier clf = new TweetClassifier().setModelPath(o.model()).setInputCol(text)
        .setPrecision(o.precision()).setBatchSize(o.batchSize())
        .setLabelCol(free(columns, "label")).setConfidenceCol(free(columns, "confidence"));
    clf.transformSchema(input.schema()); // the bundle and columns, checked before any task
    long total = progress ? input.count() : 0; // before repartitioning: counting needs no shuffle
    int parallelism = spark.sparkContext().defaultParallelism();
    if (input.javaRDD().getNumPartitions() < parallelism) {
      input = input.repartition(parallelism); // e.g. one multi-line CSV file: spread the scoring over every core
    }
    Dataset<Row> scored = clf.transform(input);
    ScoreProgress bar = progress ? new ScoreProgress(total) : null;
    try {
      write(scored, o.format()).save(o.output());
      if (bar != null) {
        bar.finish();
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    Dataset<Row> written = reader(spark, o.format()).load(o.output());
    String metricsFile = null;
    ScoreMetrics metrics = null;
    long rows;
    if (!o.labelColumn().isEmpty()) {
      LabelSet labels = SparkBundles.verify(o.model(), TweetClassifier.hadoopConf(o.model()));
      metrics = ScoreMetrics.of(written, o.labelColumn(), clf.getLabelCol(), labels);
      rows = metrics.evaluated() + metrics.nullText() + metrics.unknownLabel();
      metricsFile = o.metrics().isEmpty() ? o.output().replaceAll("/+$", "") + ".metrics.json" : o.metrics();
      writeText(spark, new Path(metricsFile), metrics.toJson(o.model(), o.precision().key()));
    } else {
      rows = written.count();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "score: %d rows scored in %.1f s (%.1f tweets/s), written to %s (%s)%n", rows, seconds,
        rows / Math.max(seconds, 1e-9), o.output(), o.format());
    if (metrics != null) {
      log.printf(Locale.ROOT, "score: macro-F1 %.4f, accuracy %.4f on %d labelled rows; metrics in %s%n",
          metrics.macroF1(), metrics.accuracy(), metrics.evaluated(), metricsFile);
    }
    log.flush();
    return new Result(rows, seconds, o.output(), metricsFile, metrics);
  }

  /** Reads CSV/TSV (header row, RFC 4180 quoting, quoted newlines), JSON lines or Parquet; a folder by its files. */
  static Dataset<Row> read(SparkSession spark, String input) {
    Path in = new Path(input);
    FileSystem fs = fileSystem(spark, in);
    String name;
    try {
      if (!fs.exists(in)) {
        throw new TweetoxException(input + ": no such file or folder; pass a CSV, JSON lines or Parquet file, or a"
            + " folder of them, to --input");
      }
      name = in.getName();
      if (fs.getFileStatus(in).isDirectory()) {
        name = Arrays.stream(fs.listStatus(in)).filter(FileStatus::isFile).map(s -> s.getPath().getName())
            .filter(n -> !n.startsWith("_") && !n.startsWith(".")).sorted().findFirst()
            .orElseThrow(() -> new TweetoxException(input + ": the folder has no data files"));
      }
    } catch (IOException e) {
      throw new TweetoxException(input + ": cannot read: " + e.getMessage(), e);
    }
    String lower = name.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|bz2|deflate|snappy|zst|lz4|xz)$", "");
    String fmt = lower.endsWith(".parquet") ? "parquet" : lower.endsWith(".csv") ? "csv"
        : lower.endsWith(".tsv") ? "tsv" : lower.matches(".*\\.(jsonl|ndjson|json)$") ? "jsonl" : null;
    if (fmt == null) {
      throw new TweetoxException(input + ": cannot tell the format of " + name + "; use .csv, .tsv, .jsonl, .json"
          + " or .parquet files");
    }
    return reader(spark, fmt).load(input);
  }

  private static DataFrameReader reader(SparkSession spark, String fmt) {
    return switch (fmt) {
      case "csv", "tsv" -> spark.read().format("csv").option("header", "true").option("multiLine", "true")
          .option("escape", "\"").option("sep", fmt.equals("tsv") ? "\t" : ",");
      case "jsonl" -> spark.read().format("json");
      default -> spark.read().format("parquet");
    };
  }

  private static org.apache.spark.sql.DataFrameWriter<Row> write(Dataset<Row> scored, String fmt) {
    return switch (fmt) {
      case "csv" -> scored.write().mode(SaveMode.ErrorIfExists).format("csv").option("header", "true")
          .option("escape", "\"");
      case "jsonl" -> scored.write().mode(SaveMode.ErrorIfExists).format("json");
      default -> scored.write().mode(SaveMode.ErrorIfExists).format("parquet");
    };
  }

  private static String textColumn(Options o, List<String> columns) {
    if (!o.textColumn().isEmpty()) {
      if (!columns.contains(o.textColumn())) {
        throw new TweetoxException(o.input() + ": no text column '" + o.textColumn() + "'; the columns are "
            + columns);
      }
      return o.textColumn();
    }
    for (String want : TEXT_COLUMNS) {
      for (String c : columns) {
        if (c.trim().equalsIgnoreCase(want)) {
          return c;
        }
      }
    }
    throw new TweetoxException(o.input() + ": no text column (looked for " + TEXT_COLUMNS + "); the columns are "
        + columns + "; choose one with --text-column");
  }

  /** {@code name}, or {@code predicted_<name>} when the input has a column of that name in any case. */
  private static String free(List<String> columns, String name) {
    return columns.stream().anyMatch(name::equalsIgnoreCase) ? "predicted_" + name : name;
  }

  private static FileSystem fileSystem(SparkSession spark, Path p) {
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new TweetoxException(p + ": cannot open its file system: " + e.getMessage(), e);
    }
  }

  private static boolean exists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new TweetoxException(p + ": cannot check it: " + e.getMessage(), e);
    }
  }

  private static void writeText(SparkSession spark, Path file, String text) {
    FileSystem fs = fileSystem(spark, file);
    if (fs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
      fs = local.getRawFileSystem(); // no .crc file beside it
    }
    try (OutputStream os = fs.create(file, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
