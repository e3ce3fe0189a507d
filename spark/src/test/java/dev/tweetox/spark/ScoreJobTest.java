package dev.tweetox.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch job: formats, every input column kept, metrics as core's Evaluation computes them, bad input. */
class ScoreJobTest {
  private static final String CSV = Fixtures.path("pipeline/tweets60.csv").toString();
  private final SparkSession spark = LocalSpark.session();

  private static ScoreJob.Options options(String input, String output, String format, String label) {
    return new ScoreJob.Options(LocalSpark.bundle(), input, output, format, "", label, Precision.FP32, 16, "");
  }

  @Test
  void scoresACsvWritesParquetAndMetricsAgreeingWithCoreEvaluation(@TempDir Path tmp) throws Exception {
    String out = tmp.resolve("scored").toString();
    StringWriter log = new StringWriter();
    ScoreJob.Result r = ScoreJob.run(spark, options(CSV, out, "parquet", "Label"), new PrintWriter(log), false);
    assertThat(r.rows()).isEqualTo(60);
    assertThat(log.toString()).contains("60 rows scored").contains("macro-F1");
    Dataset<Row> written = spark.read().parquet(out);
    // "label" was free, the gold column is "Label": Spark compares names case-insensitively, so it is renamed.
    assertThat(written.columns()).containsExactly("Review", "Label", "predicted_label", "confidence",
        "p_negative", "p_neutral", "p_positive");
    assertThat(written.count()).isEqualTo(60);

    List<String> texts = LocalSpark.tweets();
    List<String> gold = Files.readAllLines(Path.of(CSV)).stream().skip(1)
        .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
    Evaluation eval;
    try (Predictor p = Predictor.load(Path.of(LocalSpark.bundle()), Precision.FP32)) {
      List<Prediction> preds = p.predict(texts);
      LabelSet labels = p.labels();
      eval = Evaluation.of(gold.stream().mapToInt(g -> labels.indexOf(g, "gold")).toArray(),
          preds.stream().map(x -> x.probabilities().stream().mapToDouble(Double::doubleValue).toArray())
              .toArray(double[][]::new), labels);
    }
    JsonNode m = new ObjectMapper().readTree(Path.of(out + ".metrics.json").toFile());
    assertThat(r.metricsFile()).isEqualTo(out + ".metrics.json");
    assertThat(m.path("evaluated").asLong()).isEqualTo(60);
    assertThat(m.path("macro_f1").asDouble()).isCloseTo(eval.macroF1(), within(1e-9));
    assertThat(m.path("accuracy").asDouble()).isCloseTo(eval.accuracy(), within(1e-9));
    assertThat(m.path("per_class").get(2).path("recall").asDouble())
        .isCloseTo(eval.perClass().get(2).recall(), within(1e-9));
    assertThat(m.path("confusion_matrix").path("counts").get(0).get(1).asInt())
        .isEqualTo(eval.confusion().count(0, 1));
  }

  @Test
  void jsonlInAndCsvOutWithNullEmptyAndNonUtf8Texts(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in.jsonl");
    byte[] bad = "{\"id\": 3, \"text\": \"caf\u0000\"}\n".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 4] = (byte) 0xE9; // a Latin-1 é: not valid UTF-8
    try (var os = Files.newOutputStream(in)) {
      os.write("{\"id\": 1, \"text\": \"good morning \\\"all\\\", y'all\\nsecond line\"}\n{\"id\": 2, \"text\": \"\"}\n"
          .getBytes(StandardCharsets.UTF_8));
      os.write(bad);
      os.write("{\"id\": 4, \"text\": null}\n{\"id\": 5}\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = tmp.resolve("scored").toString();
    ScoreJob.Result r = ScoreJob.run(spark, options(in.toString(), out, "csv", ""), new PrintWriter(
        new StringWriter()), false);
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.metricsFile()).isNull();
    List<Row> rows = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(out).orderBy("id").collectAsList();
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).<String>getAs("text")).isEqualTo("good morning \"all\", y'all\nsecond line");
    assertThat(rows.get(1).<String>getAs("label")).isNotNull(); // empty text: scored
    // A JSON line that is not UTF-8 cannot be parsed: kept, raw line in malformed_input, no prediction.
    assertThat(rows.get(2).<String>getAs("malformed_input")).contains("\"id\": 3");
    assertThat(rows.get(2).<String>getAs("label")).isNull();
    assertThat(rows.get(3).<String>getAs("label")).isNull(); // null text: no prediction
    assertThat(rows.get(4).<String>getAs("label")).isNull(); // no text field at all: the same

    // In a CSV, a byte that is not UTF-8 becomes U+FFFD and the row is scored.
    Path csv = tmp.resolve("latin1.csv");
    Files.write(csv, "id,text\n1,caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
    String out2 = tmp.resolve("scored2").toString();
    ScoreJob.run(spark, options(csv.toString(), out2, "parquet", ""), new PrintWriter(new StringWriter()), false);
    Row latin = spark.read().parquet(out2).first();
    assertThat(latin.<String>getAs("text")).isEqualTo("caf\uFFFD au lait");
    assertThat(latin.<String>getAs("label")).isNotNull();
  }

  @Test
  void badInputFailsOnTheDriverWithOneLine(@TempDir Path tmp) throws Exception {
    String out = tmp.resolve("scored").toString();
    PrintWriter log = new PrintWriter(new StringWriter());
    assertThatThrownBy(() -> ScoreJob.run(spark, new ScoreJob.Options(LocalSpark.bundle(), CSV, out, "parquet",
        "tweet", "", Precision.INT8, 8, ""), log, false)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("no text column 'tweet'").hasMessageContaining("[Review, Label]");
    assertThatThrownBy(() -> ScoreJob.run(spark, options(CSV, out, "parquet", "gold"), log, false))
        .hasMessageContaining("no label column 'gold'");
    assertThatThrownBy(() -> ScoreJob.run(spark, options(tmp.resolve("nope.csv").toString(), out, "parquet", ""),
        log, false)).hasMessageContaining("nope.csv: no such file");
    Files.createDirectories(tmp.resolve("exists"));
    assertThatThrownBy(() -> ScoreJob.run(spark, options(CSV, tmp.resolve("exists").toString(), "parquet", ""),
        log, false)).hasMessageContaining("already exists");
    assertThatThrownBy(() -> ScoreJob.Options.parse(new String[] {"--model", "m", "--input", "i"}))
        .hasMessageContaining("missing --output");
    assertThat(Files.exists(tmp.resolve("scored"))).isFalse();
  }
}
