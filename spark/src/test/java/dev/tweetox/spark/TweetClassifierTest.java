package dev.tweetox.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.TweetoxException;
import dev.tweetox.export.TinyRun;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transformer, its Pipeline persistence and the SQL functions, against Predictor on the same texts. Compared in
 * fp32: int8 quantizes activations per batch, so its probabilities depend on which texts share a batch.
 */
class TweetClassifierTest {
  private static SparkSession spark;
  private static List<String> texts;
  private static Dataset<Row> tweets;
  private static Map<String, Prediction> expected;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.session();
    texts = new ArrayList<>(LocalSpark.tweets());
    texts.add(""); // empty text is scored
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create((long) i, texts.get(i)));
    }
    rows.add(RowFactory.create((long) texts.size(), null)); // null text: null outputs
    StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
    tweets = spark.createDataFrame(rows, schema).repartition(3);
    expected = new HashMap<>();
    try (Predictor p = Predictor.load(Path.of(LocalSpark.bundle()), Precision.FP32)) {
      List<Prediction> preds = p.predict(texts);
      for (int i = 0; i < texts.size(); i++) {
        expected.put(texts.get(i), preds.get(i));
      }
    }
  }

  private static void assertMatchesPredictor(List<Row> out) {
    assertThat(out).hasSize(texts.size() + 1);
    for (Row r : out) {
      String text = r.getAs("text");
      if (text == null) {
        assertThat((Object) r.getAs("label")).isNull();
        assertThat((Object) r.getAs("p_positive")).isNull();
        continue;
      }
      Prediction p = expected.get(text);
      assertThat((String) r.getAs("label")).as(text).isEqualTo(p.label());
      assertThat((double) r.getAs("confidence")).isCloseTo(p.confidence(), within(1e-6));
      List<String> names = List.of("negative", "neutral", "positive");
      for (int k = 0; k < names.size(); k++) {
        assertThat((double) r.getAs("p_" + names.get(k))).isCloseTo(p.probabilities().get(k), within(1e-6));
      }
    }
  }

  @Test
  void scoresEveryRowAsPredictorDoesKeepingTheInputColumns() {
    Dataset<Row> out = new TweetClassifier().setModelPath(LocalSpark.bundle()).setPrecision("fp32").setBatchSize(7).transform(tweets);
    assertThat(out.columns()).containsExactly("id", "text", "label", "confidence", "p_negative", "p_neutral",
        "p_positive");
    assertMatchesPredictor(out.collectAsList());
  }

  @Test
  void bundleOnAHadoopFileSystemIsCopiedToALocalFolder() {
    spark.sparkContext().hadoopConfiguration().set("fs." + FakeRemoteFs.SCHEME + ".impl",
        FakeRemoteFs.class.getName());
    String remote = FakeRemoteFs.SCHEME + "://" + LocalSpark.bundle();
    Dataset<Row> out = new TweetClassifier().setModelPath(remote).setPrecision("fp32").transform(tweets);
    assertMatchesPredictor(out.collectAsList());
    Path copy = SparkBundles.localDir(remote, TweetClassifier.hadoopConf(remote));
    assertThat(copy).isNotEqualTo(Path.of(LocalSpark.bundle()));
    assertThat(copy.resolve("SHA256SUMS")).exists();
  }

  @Test
  void pipelineSavesAndLoadsWithItsSettings(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    TweetClassifier clf = new TweetClassifier().setModelPath(LocalSpark.bundle()).setPrecision(Precision.FP32)
        .setBatchSize(5)
        .setProbabilityPrefix("prob_").setConfidenceCol("conf");
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {clf}).fit(tweets);
    String dir = tmp.resolve("pipeline").toString();
    model.write().save(dir);
    PipelineModel loaded = PipelineModel.load(dir);
    TweetClassifier back = (TweetClassifier) loaded.stages()[0];
    assertThat(back.getModelPath()).isEqualTo(LocalSpark.bundle());
    assertThat(back.getBatchSize()).isEqualTo(5);
    assertThat(back.getPrecision()).isEqualTo(Precision.FP32);
    assertThat(back.uid()).isEqualTo(clf.uid());
    Dataset<Row> out = loaded.transform(tweets);
    assertThat(out.columns()).contains("conf", "prob_positive");
    List<Row> rows = out.withColumnRenamed("conf", "confidence").withColumnRenamed("prob_negative", "p_negative")
        .withColumnRenamed("prob_neutral", "p_neutral").withColumnRenamed("prob_positive", "p_positive")
        .collectAsList();
    assertMatchesPredictor(rows);
  }

  @Test
  void sqlFunctions() {
    TweetoxFunctions.register(spark, LocalSpark.bundle(), Precision.FP32);
    tweets.createOrReplaceTempView("tweets");
    List<Row> out = spark.sql("SELECT text, tweetox_label(text) AS label, tweetox_confidence(text) AS c,"
        + " tweetox_probabilities(text) AS probs FROM tweets").collectAsList();
    assertThat(out).hasSize(texts.size() + 1);
    for (Row r : out) {
      if (r.isNullAt(0)) {
        assertThat(r.isNullAt(1) && r.isNullAt(2) && r.isNullAt(3)).isTrue();
        continue;
      }
      Prediction p = expected.get(r.getString(0));
      assertThat(r.getString(1)).isEqualTo(p.label());
      assertThat(r.getDouble(2)).isCloseTo(p.confidence(), within(1e-6));
      Map<String, Double> probs = r.getJavaMap(3);
      assertThat(probs.keySet()).containsExactly("negative", "neutral", "positive");
      assertThat(probs.get("positive")).isCloseTo(p.probabilities().get(2), within(1e-6));
    }
  }

  @Test
  void streamingFilesToMemorySinkScoreEveryRowOnce(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int f = 0; f < 3; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        lines.add("{\"id\": " + (f * 10 + i) + ", \"text\": \"" + texts.get(f * 10 + i) + "\"}");
      }
      Files.write(in.resolve("part-" + f + ".json"), lines);
    }
    StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
    Dataset<Row> stream = spark.readStream().schema(schema).option("maxFilesPerTrigger", 1).json(in.toString());
    Dataset<Row> scored = new TweetClassifier().setModelPath(LocalSpark.bundle()).setPrecision("fp32")
        .transform(stream);
    var query = scored.writeStream().format("memory").queryName("scored_stream").outputMode("append")
        .option("checkpointLocation", tmp.resolve("checkpoint").toString()).start();
    try {
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    List<Row> out = spark.sql("SELECT id, text, label, confidence FROM scored_stream").collectAsList();
    assertThat(out.stream().map(r -> r.getLong(0)).toList()).hasSize(30).doesNotHaveDuplicates();
    for (Row r : out) {
      assertThat(r.getString(2)).isEqualTo(expected.get(r.getString(1)).label());
    }
  }

  @Test
  void missingTextColumnNamesTheColumnsThatExist() {
    TweetClassifier clf = new TweetClassifier().setModelPath(LocalSpark.bundle()).setInputCol("tweet");
    assertThatThrownBy(() -> clf.transform(tweets)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("'tweet' does not exist").hasMessageContaining("[id, text]");
  }

  @Test
  void missingOrTamperedBundleFailsOnTheDriverNamingTheFile() throws IOException {
    String missing = TinyRun.scratch("none").resolve("no-bundle").toString();
    assertThatThrownBy(() -> new TweetClassifier().setModelPath(missing).transform(tweets))
        .isInstanceOf(TweetoxException.class).hasMessageContaining(missing).hasMessageContaining("no such folder");
    Path copy = TinyRun.copy(Path.of(LocalSpark.bundle()), TinyRun.scratch("tampered").resolve("bundle"));
    Path weights = copy.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 1] ^= 1;
    Files.write(weights, bytes);
    long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    assertThatThrownBy(() -> new TweetClassifier().setModelPath(copy.toString()).transform(tweets))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("model.safetensors")
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> TweetoxFunctions.register(spark, copy.toString()))
        .hasMessageContaining("model.safetensors");
    assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(null)).hasSize((int) jobsBefore);
    assertThat(Arrays.asList(tweets.columns())).containsExactly("id", "text");
  }
}
