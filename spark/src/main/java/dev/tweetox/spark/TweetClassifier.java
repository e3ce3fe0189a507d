package dev.tweetox.spark;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import dev.tweetox.predict.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that labels tweets with an exported tweetox bundle. It appends a label column, a
 * confidence column and one probability column per class ({@code p_<class>}), keeping every input column; a null
 * text gets nulls, an empty text is scored. Each executor JVM loads the bundle once ({@link SparkBundles}) and scores
 * each partition in batches. Works on batch and streaming DataFrames and in a {@code Pipeline}; saved and loaded
 * with its settings (the bundle path, not the bundle).
 *
 * <p>The bundle is checked against its checksums on the driver in {@link #transformSchema} (and so in {@link
 * #transform}), so a missing or tampered bundle fails before any task runs.
 */
public final class TweetClassifier extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> inputCol;
  private final Param<String> precision;
  private final IntParam batchSize;
  private final Param<String> labelCol;
  private final Param<String> confidenceCol;
  private final Param<String> probabilityPrefix;

  public TweetClassifier() {
    this(Identifiable.randomUID("tweetClassifier"));
  }

  public TweetClassifier(String uid) {
    this.uid = uid;
    modelPath = new Param<>(this, "modelPath", "bundle folder written by `tweetox export`: local path, file:,"
        + " hdfs:, s3a: or a name shipped with --archives");
    inputCol = new Param<>(this, "inputCol", "string column with the tweet text");
    precision = new Param<>(this, "precision", "transformer precision: int8 or fp32",
        ParamValidators.inArray(List.of("int8", "fp32")));
    batchSize = new IntParam(this, "batchSize", "texts per model call", ParamValidators.gtEq(1));
    labelCol = new Param<>(this, "labelCol", "output column for the predicted class name");
    confidenceCol = new Param<>(this, "confidenceCol", "output column for the predicted class's probability");
    probabilityPrefix = new Param<>(this, "probabilityPrefix", "prefix of the per-class probability columns");
    setDefault(inputCol, "text");
    setDefault(precision, "int8");
    setDefault(batchSize, 64);
    setDefault(labelCol, "label");
    setDefault(confidenceCol, "confidence");
    setDefault(probabilityPrefix, "p_");
  }

  @Override
  public String uid() {
    return uid;
  }

  // Spark finds a class's params through public no-argument methods returning them.

  public Param<String> modelPath() {
    return modelPath;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> precision() {
    return precision;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> confidenceCol() {
    return confidenceCol;
  }

  public Param<String> probabilityPrefix() {
    return probabilityPrefix;
  }

  public TweetClassifier setModelPath(String v) {
    set(modelPath, v);
    return this;
  }

  public TweetClassifier setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  /** {@code int8} (default) or {@code fp32}, any case. */
  public TweetClassifier setPrecision(String v) {
    set(precision, Precision.parse(v).key());
    return this;
  }

  public TweetClassifier setPrecision(Precision v) {
    set(precision, v.key());
    return this;
  }

  public TweetClassifier setBatchSize(int v) {
    set(batchSize, v);
    return this;
  }

  public TweetClassifier setLabelCol(String v) {
    set(labelCol, v);
    return this;
  }

  public TweetClassifier setConfidenceCol(String v) {
    set(confidenceCol, v);
    return this;
  }

  /** Probability columns are named prefix + class name, e.g. {@code p_positive} (default prefix {@code p_}). */
  public TweetClassifier setProbabilityPrefix(String v) {
    set(probabilityPrefix, v);
    return this;
  }

  public String getModelPath() {
    return isDefined(modelPath) ? $(modelPath) : null;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public Precision getPrecision() {
    return Precision.parse($(precision));
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  public String getLabelCol() {
    return $(labelCol);
  }

  public String getConfidenceCol() {
    return $(confidenceCol);
  }

  public String getProbabilityPrefix() {
    return $(probabilityPrefix);
  }

  /** The probability column of each class, in class order. */
  public List<String> probabilityCols(LabelSet labels) {
    return labels.names().stream().map(n -> getProbabilityPrefix() + n).toList();
  }

  /**
   * The input schema plus the output columns. Checks the text column and verifies the bundle.
   *
   * @throws TweetoxException naming the missing column and the ones that exist, or the bundle file at fault
   */
  @Override
  public StructType transformSchema(StructType schema) {
    String in = getInputCol();
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(in)) {
      throw new TweetoxException("input column '" + in + "' does not exist; the columns are " + names
          + "; choose the text column with setInputCol");
    }
    if (!(schema.apply(in).dataType() instanceof StringType)) {
      throw new TweetoxException("input column '" + in + "' is " + schema.apply(in).dataType().simpleString()
          + ", not a string; cast it or choose the text column with setInputCol");
    }
    LabelSet labels = SparkBundles.verify(getModelPath(), hadoopConf(getModelPath()));
    List<String> outs = new ArrayList<>(List.of(getLabelCol(), getConfidenceCol()));
    outs.addAll(probabilityCols(labels));
    StructType out = schema;
    for (int i = 0; i < outs.size(); i++) {
      String c = outs.get(i);
      if (names.stream().anyMatch(c::equalsIgnoreCase)) { // Spark resolves names case-insensitively
        throw new TweetoxException("output column '" + c + "' already exists in the input (columns " + names
            + "); rename it or choose another output name");
      }
      out = out.add(new StructField(c, i == 0 ? DataTypes.StringType : DataTypes.DoubleType, true,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    int classes = out.size() - dataset.schema().size() - 2;
    PartitionScorer scorer = new PartitionScorer(getModelPath(), getPrecision(), getBatchSize(),
        dataset.schema().fieldIndex(getInputCol()), classes, hadoopConf(getModelPath()));
    return dataset.toDF().mapPartitions(scorer, Encoders.row(out));
  }

  /** The driver's Hadoop configuration when the bundle is on a remote file system, else null. */
  static HadoopConf hadoopConf(String modelPath) {
    if (modelPath == null || !SparkBundles.isRemote(modelPath)) {
      return null;
    }
    return new HadoopConf(SparkSession.active().sparkContext().hadoopConfiguration());
  }

  @Override
  public TweetClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TweetClassifier> read() {
    return new DefaultParamsReadable<TweetClassifier>() {}.read();
  }

  public static TweetClassifier load(String path) {
    return read().load(path);
  }
}
