package dev.tweetox.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Throughput of the transformer in embedded local sessions, one per master, and of one Predictor in this process on
 * the same texts. Each session's input is cached first and the model is warmed up, so only scoring is timed; the
 * output goes to Spark's {@code noop} sink.
 */
public final class SparkBench {
  /** One measurement. */
  public record Result(String what, long rows, double seconds) {
    public double perSecond() {
      return rows / seconds;
    }
  }

  private SparkBench() {}

  /**
   * @param base texts repeated (in order, cyclically) to {@code rows}
   * @param predictorRows rows for the single-process Predictor measurement (0 to skip)
   */
  public static List<Result> run(String bundle, Precision precision, int batchSize, List<String> base, long rows,
      List<String> masters, long predictorRows, PrintWriter out) {
    out.printf(Locale.ROOT, "bench spark: %d tweets (%d distinct, repeated), %s, batch %d, bundle %s%n", rows,
        base.size(), precision, batchSize, bundle);
    out.flush();
    List<Result> results = new ArrayList<>();
    for (String master : masters) {
      SparkSession spark = EmbeddedSpark.start(master, "tweetox bench spark");
      try {
        TweetClassifier clf = new TweetClassifier().setModelPath(bundle).setPrecision(precision)
            .setBatchSize(batchSize);
        int partitions = 4 * spark.sparkContext().defaultParallelism();
        List<Row> indexed = new ArrayList<>(base.size());
        for (int k = 0; k < base.size(); k++) {
          indexed.add(RowFactory.create((long) k, base.get(k)));
        }
        Dataset<Row> texts = spark.createDataFrame(indexed, new StructType().add("k", DataTypes.LongType)
            .add("text", DataTypes.StringType));
        Dataset<Row> input = spark.range(0, rows, 1, partitions)
            .join(broadcast(texts), col("id").mod(base.size()).equalTo(col("k"))).select("id", "text").cache();
        input.count();
        clf.transform(input.limit(2 * batchSize)).write().format("noop").mode("overwrite").save(); // warm-up
        long t0 = System.nanoTime();
        clf.transform(input).write().format("noop").mode("overwrite").save();
        Result r = new Result(master, rows, (System.nanoTime() - t0) / 1e9);
        results.add(r);
        out.printf(Locale.ROOT, "%-12s %d tweets in %.1f s = %.1f tweets/s (%d partitions)%n", master, rows,
            r.seconds(), r.perSecond(), partitions);
        out.flush();
        input.unpersist();
      } finally {
        spark.stop();
      }
    }
    if (predictorRows > 0) {
      Result r = predictor(bundle, precision, batchSize, base, predictorRows);
      results.add(r);
      out.printf(Locale.ROOT, "%-12s %d tweets in %.1f s = %.1f tweets/s (one process, batches of %d)%n",
          "Predictor", r.rows(), r.seconds(), r.perSecond(), batchSize);
      out.flush();
    }
    return results;
  }

  private static Result predictor(String bundle, Precision precision, int batchSize, List<String> base,
      long rows) {
    try (Predictor p = Predictor.load(Path.of(bundle), precision)) {
      p.predict(base.subList(0, Math.min(base.size(), batchSize))); // warm-up
      long t0 = System.nanoTime();
      List<String> batch = new ArrayList<>(batchSize);
      for (long i = 0; i < rows; i++) {
        batch.add(base.get((int) (i % base.size())));
        if (batch.size() == batchSize || i == rows - 1) {
          p.predict(batch);
          batch.clear();
        }
      }
      return new Result("Predictor", rows, (System.nanoTime() - t0) / 1e9);
    }
  }
}
