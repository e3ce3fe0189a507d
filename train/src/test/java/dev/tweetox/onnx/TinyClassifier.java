package dev.tweetox.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.data.LabelSet;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.training.ClassifierFactory;
import dev.tweetox.transformer.training.TinyTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fine-tuned-looking tiny BERT classifier (2 layers, hidden 32, 3 sentiment labels, the training fixtures'
 * vocabulary) with seeded random weights large enough (std 1/sqrt(fan-in)) that logits differ clearly between
 * texts, so int8 vs float32 comparisons mean something.
 */
final class TinyClassifier {
  static final Vocabulary VOCAB = Vocabulary.load(Fixtures.path("training/vocab.txt"));
  static final LabelSet LABELS = LabelSet.sentiment();
  static final int MAX_LENGTH = 32;

  private TinyClassifier() {}

  static BertConfig config() {
    return TinyTraining.bertConfig().withNumLabels(3);
  }

  /** Writes the model as a Hugging Face directory with the metadata TransformerModel.load reads. */
  static Path write(Path dir, long seed) {
    HfBertDirectory.write(dir, config(), VOCAB, tensors(seed), LABELS.names(),
        ClassifierHead.metadata(LABELS, MAX_LENGTH, "tiny-random"));
    return dir;
  }

  static TensorSource tensors(long seed) {
    Map<String, long[]> shapes = new TreeMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(config(), m);
      for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
        shapes.put(e.getKey(), e.getValue().getArray().getShape().getShape());
      }
    }
    Random rnd = new Random(seed);
    Map<String, float[]> values = new TreeMap<>();
    shapes.forEach((name, shape) -> {
      float[] v = new float[Math.toIntExact(TensorSource.elements(shape))];
      boolean gamma = name.endsWith("LayerNorm.weight");
      double std = shape.length == 2 ? 1 / Math.sqrt(shape[1]) : 0.1;
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((gamma ? 1 : 0) + std * rnd.nextGaussian());
      }
      values.put(name, v);
    });
    return new TensorSource() {
      @Override
      public Set<String> names() {
        return values.keySet();
      }

      @Override
      public long[] shape(String name) {
        return shapes.get(name).clone();
      }

      @Override
      public float[] read(String name) {
        return values.get(name).clone();
      }
    };
  }

  /** Tweets of varied lengths from the training fixture. */
  static List<String> texts() {
    return TinyTraining.data().trainTexts();
  }
}
