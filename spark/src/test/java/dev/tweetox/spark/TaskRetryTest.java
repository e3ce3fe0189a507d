package dev.tweetox.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails once is retried and its rows still come out exactly once (Spark's commit protocol). */
class TaskRetryTest {
  /** Rows seen per task attempt, and failures injected (tasks run in this JVM in local mode). */
  private static final ConcurrentHashMap<Long, AtomicInteger> SEEN = new ConcurrentHashMap<>();
  private static final AtomicInteger FAILURES = new AtomicInteger();

  @Test
  void firstAttemptOfPartitionZeroFailsYetEveryRowIsWrittenOnce(@TempDir Path tmp) {
    SparkSession spark = LocalSpark.session();
    List<String> texts = LocalSpark.tweets();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create((long) i, texts.get(i)));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
    // Passes the text through, but the first attempt of partition 0 dies on its 6th row, after some were written.
    spark.udf().register("flaky_text", (UDF1<String, String>) t -> {
      TaskContext tc = TaskContext.get();
      int seen = SEEN.computeIfAbsent(tc.taskAttemptId(), k -> new AtomicInteger()).incrementAndGet();
      if (tc.partitionId() == 0 && tc.attemptNumber() == 0 && seen == 6) {
        FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure on the first attempt of partition 0");
      }
      return t;
    }, DataTypes.StringType);
    Dataset<Row> input = spark.createDataFrame(rows, schema).coalesce(1).repartition(4)
        .withColumn("text", callUDF("flaky_text", col("text")));
    String out = tmp.resolve("scored").toString();
    new TweetClassifier().setModelPath(LocalSpark.bundle()).setBatchSize(2).transform(input).write().parquet(out);
    List<Long> ids = spark.read().parquet(out).select("id").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    assertThat(FAILURES.get()).isEqualTo(1);
    assertThat(ids).hasSize(texts.size()).doesNotHaveDuplicates();
  }
}
