package dev.tweetox.spark;

import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition in batches: each input row comes out once, in order, with the label, the confidence and one
 * probability per class appended. A null text gets nulls; an empty text is scored like any other.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** Rows scored by tasks in this JVM (retried attempts included): live progress in local mode. */
  static final java.util.concurrent.atomic.AtomicLong SCORED = new java.util.concurrent.atomic.AtomicLong();
  private final String modelPath;
  private final Precision precision;
  private final int batchSize;
  private final int textIndex;
  private final int classes;
  private final HadoopConf conf;

  PartitionScorer(String modelPath, Precision precision, int batchSize, int textIndex, int classes,
      HadoopConf conf) {
    this.modelPath = modelPath;
    this.precision = precision;
    this.batchSize = batchSize;
    this.textIndex = textIndex;
    this.classes = classes;
    this.conf = conf;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return rows; // an empty partition never loads the model
    }
    Predictor predictor = SparkBundles.predictor(modelPath, precision, conf);
    return new Iterator<>() {
      private final List<Row> out = new ArrayList<>(batchSize);
      private int next;

      @Override
      public boolean hasNext() {
        if (next < out.size()) {
          return true;
        }
        fill();
        return next < out.size();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.get(next++);
      }

      private void fill() {
        out.clear();
        next = 0;
        List<Row> in = new ArrayList<>(batchSize);
        List<String> texts = new ArrayList<>(batchSize);
        while (in.size() < batchSize && rows.hasNext()) {
          Row r = rows.next();
          in.add(r);
          if (!r.isNullAt(textIndex)) {
            texts.add(r.getString(textIndex));
          }
        }
        Iterator<Prediction> preds = predictor.predict(texts).iterator();
        for (Row r : in) {
          out.add(append(r, r.isNullAt(textIndex) ? null : preds.next()));
        }
        SCORED.addAndGet(in.size());
      }
    };
  }

  private Row append(Row r, Prediction p) {
    int n = r.length();
    Object[] values = new Object[n + 2 + classes];
    for (int i = 0; i < n; i++) {
      values[i] = r.get(i);
    }
    if (p != null) {
      values[n] = p.label();
      values[n + 1] = p.confidence();
      for (int k = 0; k < classes; k++) {
        values[n + 2 + k] = p.probabilities().get(k);
      }
    }
    return RowFactory.create(values);
  }
}
