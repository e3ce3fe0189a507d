package dev.tweetox.transformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.pretrained.BertWeights;
import dev.tweetox.transformer.pretrained.PretrainedBert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Loads the real BERT-Base weights and checks that the masked-LM head fills blanks as BERT does. */
@Tag("weights")
class PretrainedBertProbeTest {
  private static NDManager root;
  private static BertMaskedLm model;
  private static WordPieceTokenizer tokenizer;
  private static BertWeights.LoadReport report;

  @BeforeAll
  static void load() {
    PretrainedBert pretrained = PretrainedBert.open();
    tokenizer = new WordPieceTokenizer(pretrained.vocabulary());
    root = NDManager.newBaseManager();
    model = new BertMaskedLm(pretrained.config(0));
    Shape any = new Shape(1, 4);
    model.initialize(root, DataType.FLOAT32, any, any, any);
    report = pretrained.loadInto(model.namedParameters());
  }

  @AfterAll
  static void close() {
    root.close();
  }

  @Test
  void everyCheckpointTensorFillsAParameterOfTheSameShape() {
    assertThat(report.missing()).isEmpty();
    assertThat(report.unused()).isEmpty();
    assertThat(report.loaded()).hasSize(204);
    Map<String, Parameter> params = model.namedParameters();
    long total = params.values().stream().mapToLong(p -> p.getArray().size()).sum();
    // the decoder weight is tied to the word embeddings, so it is not counted twice
    assertThat(total).isEqualTo(110_104_890L);
  }

  @Test
  void aClassifierGetsEverythingButItsHead() {
    try (NDManager m = root.newSubManager()) {
      BertClassifier classifier = new BertClassifier(BertConfig.bertBaseUncased(3));
      Shape any = new Shape(1, 4);
      classifier.initialize(m, DataType.FLOAT32, any, any, any);
      BertWeights.LoadReport r = PretrainedBert.open().loadInto(classifier.namedParameters());
      assertThat(r.missing()).containsExactly("classifier.weight", "classifier.bias");
      assertThat(r.unused()).hasSize(5).allMatch(n -> n.startsWith("cls.predictions."));
      assertThat(r.loaded()).hasSize(199);
    }
  }

  @Test
  void fillsObviousBlanks() {
    List<String> probes = List.of(
        "the capital of france is [MASK].",
        "i went to the [MASK] to buy some milk.",
        "paris is the capital of [MASK].",
        "the man worked as a [MASK].");
    assertThat(top5(probes)).extracting(top -> top.get(0).token())
        .containsExactly("paris", "store", "france", "carpenter");
  }

  /** The Hugging Face bert-base-uncased model card's fill-mask example, scores included. */
  @Test
  void matchesTheReferenceImplementationOnTheModelCardExample() {
    List<Prediction> top = top5(List.of("Hello I'm a [MASK] model.")).get(0);
    assertThat(top).extracting(Prediction::token).containsExactly("fashion", "role", "new", "super", "fine");
    float[] reference = {0.10731f, 0.08774f, 0.05338f, 0.04667f, 0.02710f};
    for (int i = 0; i < 5; i++) {
      assertThat(top.get(i).probability()).isCloseTo(reference[i], within(1e-4f));
    }
  }

  private record Prediction(String token, float probability) {}

  private static List<List<Prediction>> top5(List<String> texts) {
    EncodedBatch batch = tokenizer.encodeBatch(texts, 64);
    List<List<Prediction>> out = new ArrayList<>();
    try (NDManager m = root.newSubManager()) {
      NDArray logits = model.forward(new ParameterStore(m, false), BertInputs.of(m, batch), false)
          .singletonOrThrow();
      for (int b = 0; b < batch.batchSize(); b++) {
        int maskPos = -1;
        for (int t = 0; t < batch.seqLength(); t++) {
          if (batch.ids()[b * batch.seqLength() + t] == tokenizer.vocabulary().maskId()) {
            maskPos = t;
          }
        }
        NDArray probs = logits.get(new NDIndex("{}, {}, :", b, maskPos)).softmax(-1);
        List<Prediction> predictions = new ArrayList<>();
        for (long id : probs.argSort(-1, false).get(new NDIndex(":5")).toLongArray()) {
          predictions.add(new Prediction(tokenizer.vocabulary().token((int) id), probs.getFloat(id)));
        }
        out.add(predictions);
      }
    }
    return out;
  }
}
