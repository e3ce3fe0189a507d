package dev.tweetox.transformer.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.tweetox.data.LabelSet;
import dev.tweetox.transformer.TransformerModel;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertConfig;
import dev.tweetox.transformer.model.BertInputs;
import dev.tweetox.transformer.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.training.ClassifierFactory;
import dev.tweetox.transformer.training.LengthBatcher;
import dev.tweetox.transformer.training.TokenizedSet;
import dev.tweetox.transformer.weights.HfBertDirectory;
import dev.tweetox.transformer.weights.PretrainedBert;
import dev.tweetox.transformer.weights.TensorSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A classifier to benchmark quantization on before a fine-tuned model exists: the pretrained BERT-Base encoder with
 * a nearest-centroid head fitted on pooled [CLS] vectors of some training tweets ({@code w_c = mu_c}, {@code b_c =
 * -|mu_c|^2 / 2}, i.e. argmax = nearest class mean). Weak but real: its test F1 is above chance, so int8 vs float32
 * differences in F1 and in predicted labels mean something. Not for serving.
 */
final class StandInModel {
  private static final int MAX_LENGTH = 128;
  private static final float TEMPERATURE = 10f;

  private StandInModel() {}

  /** Writes the stand-in to {@code dir} as a Hugging Face directory and returns {@code dir}. */
  static Path write(Path dir, List<String> trainTexts, int[] trainGold, LabelSet labels) {
    PretrainedBert bert = PretrainedBert.open();
    BertConfig config = bert.config(labels.size());
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(bert.vocabulary());
    int hidden = config.hidden();
    double[][] sums = new double[labels.size()][hidden];
    int[] counts = new int[labels.size()];
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
            int y = trainGold[batch[b]];
            counts[y]++;
            for (int h = 0; h < hidden; h++) {
              sums[y][h] += flat[b * hidden + h];
            }
          }
        }
      }
    }
    float[] w = new float[labels.size() * hidden];
    float[] bias = new float[labels.size()];
    for (int c = 0; c < labels.size(); c++) {
      double norm = 0;
      for (int h = 0; h < hidden; h++) {
        double mu = sums[c][h] / Math.max(1, counts[c]);
        w[c * hidden + h] = (float) (TEMPERATURE * mu);
        norm += mu * mu;
      }
      bias[c] = (float) (-TEMPERATURE * norm / 2);
    }
    Map<String, float[]> head = new TreeMap<>(Map.of("classifier.weight", w, "classifier.bias", bias));
    TensorSource encoder = bert.tensors();
    Set<String> names = encoder.names().stream().filter(n -> n.startsWith("bert."))
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
        TransformerModel.metadata(labels, MAX_LENGTH, "bert-base-uncased + nearest-centroid head (benchmark stand-in)"));
    return dir;
  }
}
