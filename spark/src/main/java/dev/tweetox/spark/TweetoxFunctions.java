package dev.tweetox.spark;

import dev.tweetox.data.LabelSet;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * SQL functions over a bundle: {@code tweetox_label(text)} (class name), {@code tweetox_confidence(text)} and
 * {@code tweetox_probabilities(text)} ({@code map<string,double>}, class name to probability). They share the
 * executor's {@link SparkBundles} predictor and score one row per call, a row's text once for all three; the
 * {@link TweetClassifier} scores in batches and is faster on large tables. A null text gives null.
 */
public final class TweetoxFunctions {
  private TweetoxFunctions() {}

  /** Registers the functions with the int8 model. */
  public static void register(SparkSession spark, String bundle) {
    register(spark, bundle, Precision.INT8);
  }

  /**
   * Verifies the bundle on the driver, then registers the functions in this session.
   *
   * @throws dev.tweetox.TweetoxException naming the bundle file at fault
   */
  public static void register(SparkSession spark, String bundle, Precision precision) {
    HadoopConf conf = SparkBundles.isRemote(bundle)
        ? new HadoopConf(spark.sparkContext().hadoopConfiguration()) : null;
    LabelSet labels = SparkBundles.verify(bundle, conf);
    List<String> names = List.copyOf(labels.names());
    spark.udf().register("tweetox_label", new Fn<String>(bundle, precision, conf) {
      private static final long serialVersionUID = 1L;

      @Override
      String result(Prediction p) {
        return p.label();
      }
    }, DataTypes.StringType);
    spark.udf().register("tweetox_confidence", new Fn<Double>(bundle, precision, conf) {
      private static final long serialVersionUID = 1L;

      @Override
      Double result(Prediction p) {
        return p.confidence();
      }
    }, DataTypes.DoubleType);
    spark.udf().register("tweetox_probabilities", new Fn<Map<String, Double>>(bundle, precision, conf) {
      private static final long serialVersionUID = 1L;

      @Override
      Map<String, Double> result(Prediction p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
          m.put(names.get(k), p.probabilities().get(k));
        }
        return m;
      }
    }, DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false));
  }

  /** One function: looks the predictor up once per task (it is deserialised per task), then per row scores. */
  private abstract static class Fn<T> implements UDF1<String, T> {
    private static final long serialVersionUID = 1L;
    private final String bundle;
    private final Precision precision;
    private final HadoopConf conf;
    private transient Predictor predictor;

    Fn(String bundle, Precision precision, HadoopConf conf) {
      this.bundle = bundle;
      this.precision = precision;
      this.conf = conf;
    }

    abstract T result(Prediction p);

    @Override
    public T call(String text) {
      if (text == null) {
        return null;
      }
      if (predictor == null) {
        predictor = SparkBundles.predictor(bundle, precision, conf);
      }
      return result(SparkBundles.scoreOne(predictor, text));
    }
  }
}
