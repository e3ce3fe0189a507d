package dev.tweetox.bert;

import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.data.LabelSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fine-tuned-looking tiny BERT classifier (2 layers, hidden 32, 3 sentiment labels, a 40-tweet vocabulary) written
 * as a Hugging Face directory without any training engine. Seeded random weights with std 1/sqrt(fan-in), large
 * enough that logits differ clearly between texts, so int8 vs float32 comparisons mean something.
 */
public final class TinyBertDirectory {
  public static final Path VOCAB_FILE = Path.of("src/test/resources/fixtures/training/vocab.txt");
  /** Tweets of varied lengths whose words are in the vocabulary. */
  public static final Path TWEETS = Path.of("src/test/resources/fixtures/training/tweets40.csv");
  public static final LabelSet LABELS = LabelSet.sentiment();
  public static final int MAX_LENGTH = 32;

  private TinyBertDirectory() {}

  public static BertConfig config(int vocabSize) {
    return new BertConfig(vocabSize, 32, 2, 2, 64, 64, 2, 1e-12f, 0f, 0f, LABELS.size());
  }

  /** Writes the model, with the metadata every engine's loader reads, and returns {@code dir}. */
  public static Path write(Path dir, long seed) {
    Vocabulary vocab = Vocabulary.load(VOCAB_FILE);
    BertConfig config = config(vocab.size());
    HfBertDirectory.write(dir, config, vocab, tensors(config, seed), LABELS.names(),
        ClassifierHead.metadata(LABELS, MAX_LENGTH, "tiny-random"));
    return dir;
  }

  public static TensorSource tensors(BertConfig config, long seed) {
    Map<String, long[]> shapes = new TreeMap<>(config.tensorShapes());
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
}
