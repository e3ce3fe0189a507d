package dev.tweetox.onnx;

import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.TinyBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.data.LabelSet;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.transformer.training.TinyTraining;
import java.nio.file.Path;
import java.util.List;

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

  /** The same seeded weights as inference's engine-free {@link TinyBertDirectory}, for this configuration. */
  static TensorSource tensors(long seed) {
    return TinyBertDirectory.tensors(config(), seed);
  }

  /** Tweets of varied lengths from the training fixture. */
  static List<String> texts() {
    return TinyTraining.data().trainTexts();
  }
}
