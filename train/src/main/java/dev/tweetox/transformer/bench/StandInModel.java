package dev.tweetox.transformer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.data.LabelSet;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;
import dev.tweetox.transformer.pretrained.PretrainedBert;
import dev.tweetox.transformer.training.ClassifierFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A classifier to benchmark quantization on before a fine-tuned model exists: the pretrained BERT-Base encoder with
 * an L2-regularised softmax-regression head fitted (full-batch gradient descent on standardised features, folded
 * back into the head's weights) on pooled [CLS] vectors of some training tweets. Weak but real: its test F1 is above
 * chance, so int8 vs float32 differences in F1 and in predicted labels mean something. Not for serving.
 */
final class StandInModel {
  private static final int MAX_LENGTH = 128;
  private static final int STEPS = 300;
  private static final double LEARNING_RATE = 0.5;
  private static final double L2 = 1e-2;

  private StandInModel() {}

  /** Writes the stand-in to {@code dir} as a Hugging Face directory and returns {@code dir}. */
  static Path write(Path dir, List<String> trainTexts, int[] trainGold, LabelSet labels) {
    PretrainedBert bert = PretrainedBert.open();
    BertConfig config = bert.config(labels.size());
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(bert.vocabulary());
    int hidden = config.hidden();
    int n = trainTexts.size();
    float[][] x = new float[n][];
    try (NDManager manager = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(config, manager);
      bert.loadInto(model.namedParameters());
      model.freezeParameters(true);
      TokenizedSet data = TokenizedSet.of(tokenizer, trainTexts, trainGold, MAX_LENGTH);
      for (int[] batch : LengthBatcher.sorted(data.lengths(), 32)) {
        try (NDManager m = manager.newSubManager()) {
          NDArray pooled = model.encoder().forward(new ParameterStore(m, false), BertInputs.of(m, data.batch(batch)),
              false).get(1);
          float[] flat = pooled.toFloatArray();
          for (int b = 0; b < batch.length; b++) {
            x[batch[b]] = java.util.Arrays.copyOfRange(flat, b * hidden, (b + 1) * hidden);
          }
        }
      }
    }
    float[][] wb = fitSoftmax(x, trainGold, labels.size());
    float[] w = wb[0];
    float[] bias = wb[1];
    Map<String, float[]> head = new TreeMap<>(Map.of("classifier.weight", w, "classifier.bias", bias));
    TensorSource encoder = bert.tensors();
    Set<String> names = encoder.names().stream().filter(t -> t.startsWith("bert."))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    names.addAll(head.keySet());
    TensorSource all = new TensorSource() {
      @Override
      public Set<String> names() {
        return names;
      }

      @Override
      public long[] shape(String name) {
        float[] h = head.get(name);
        if (h == null) {
          return encoder.shape(name);
        }
        return name.endsWith("weight") ? new long[] {labels.size(), hidden} : new long[] {labels.size()};
      }

      @Override
      public float[] read(String name) {
        float[] h = head.get(name);
        return h != null ? h.clone() : encoder.read(name);
      }
    };
    HfBertDirectory.write(dir, config, bert.vocabulary(), all, labels.names(),
        ClassifierHead.metadata(labels, MAX_LENGTH, "bert-base-uncased + softmax-regression head on frozen features (benchmark stand-in)"));
    return dir;
  }

  /** Softmax regression on standardised {@code x}; returns {weights [classes x dim] row-major, bias} in x's units. */
  static float[][] fitSoftmax(float[][] x, int[] y, int classes) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (float[] row : x) {
      for (int h = 0; h < d; h++) {
        mean[h] += row[h] / (double) n;
      }
    }
    for (float[] row : x) {
      for (int h = 0; h < d; h++) {
        sd[h] += (row[h] - mean[h]) * (row[h] - mean[h]) / n;
      }
    }
    double[][] z = new double[n][d];
    for (int h = 0; h < d; h++) {
      // floored: near-constant (tanh-saturated) dims would otherwise get huge weights no fine-tuned head has
      sd[h] = Math.max(Math.sqrt(sd[h]), 0.1);
      for (int i = 0; i < n; i++) {
        z[i][h] = (x[i][h] - mean[h]) / sd[h];
      }
    }
    double[][] w = new double[classes][d];
    double[] b = new double[classes];
    for (int step = 0; step < STEPS; step++) {
      double[][] gw = new double[classes][d];
      double[] gb = new double[classes];
      for (int i = 0; i < n; i++) {
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          double v = b[c];
          for (int h = 0; h < d; h++) {
            v += w[c][h] * z[i][h];
          }
          logits[c] = v;
          max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          logits[c] = Math.exp(logits[c] - max);
          sum += logits[c];
        }
        for (int c = 0; c < classes; c++) {
          double g = (logits[c] / sum - (y[i] == c ? 1 : 0)) / n;
          gb[c] += g;
          for (int h = 0; h < d; h++) {
            gw[c][h] += g * z[i][h];
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        b[c] -= LEARNING_RATE * gb[c];
        for (int h = 0; h < d; h++) {
          w[c][h] -= LEARNING_RATE * (gw[c][h] + L2 * w[c][h]);
        }
      }
    }
    float[] weights = new float[classes * d];
    float[] bias = new float[classes];
    for (int c = 0; c < classes; c++) {
      double shift = b[c];
      for (int h = 0; h < d; h++) {
        weights[c * d + h] = (float) (w[c][h] / sd[h]);
        shift -= w[c][h] * mean[h] / sd[h];
      }
      bias[c] = (float) shift;
    }
    return new float[][] {weights, bias};
  }
}
