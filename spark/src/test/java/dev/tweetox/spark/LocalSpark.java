package dev.tweetox.spark;

import dev.tweetox.export.TinyRun;
import dev.tweetox.fixtures.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for every test class of this module (starting one takes seconds): two task threads, and a
 * task may fail up to 3 times ({@code local[2,3]}), so the retry test sees Spark retry. Stopped when the JVM exits.
 */
final class LocalSpark {
  private static SparkSession spark;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2,3]").appName("tweetox-spark-tests")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1").getOrCreate();
      SparkSession s = spark;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
    }
    return spark;
  }

  /** The tiny exported bundle (tests must not modify it). */
  static String bundle() {
    return TinyRun.bundle().toString();
  }

  /** The texts of the 60-tweet fixture. */
  static List<String> tweets() {
    try {
      List<String> lines = Files.readAllLines(Fixtures.path("pipeline/tweets60.csv"));
      List<String> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        out.add(line.substring(0, line.lastIndexOf(',')));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
