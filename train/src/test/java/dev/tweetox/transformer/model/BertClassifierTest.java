package dev.tweetox.transformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertClassifierTest {
  private static NDManager root;
  private static BertClassifier model;

  @BeforeAll
  static void build() {
    Engine.getInstance().setRandomSeed(7);
    root = NDManager.newBaseManager();
    model = new BertClassifier(TinyBert.config(3));
    model.initialize(root, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4), new Shape(1, 4));
  }

  @AfterAll
  static void close() {
    root.close();
  }

  static float[] logits(BertClassifier m, NDManager manager, EncodedBatch b, boolean training) {
    NDList in = BertInputs.of(manager, b);
    return m.forward(new ParameterStore(manager, false), in, training).singletonOrThrow().toFloatArray();
  }

  @Test
  void namedParametersFollowHuggingFaceNames() {
    Map<String, Parameter> p = model.namedParameters();
    assertThat(p).containsKeys("bert.embeddings.word_embeddings.weight", "bert.embeddings.LayerNorm.bias",
        "bert.encoder.layer.1.attention.self.value.weight", "bert.encoder.layer.0.output.LayerNorm.weight",
        "bert.pooler.dense.weight", "classifier.weight", "classifier.bias");
    assertThat(p).hasSize(5 + 2 * 16 + 2 + 2);
    assertThat(p.get("bert.encoder.layer.0.intermediate.dense.weight").getArray().getShape())
        .isEqualTo(new Shape(64, 32));
    long count = p.values().stream().mapToLong(x -> x.getArray().size()).sum();
    // embeddings 29*32 + 64*32 + 2*32 + 64; per layer 4*(32*32+32) + 2*64 + (32*64+64) + (64*32+32) + 2*64; pooler; head
    assertThat(count).isEqualTo(29 * 32 + 64 * 32 + 2 * 32 + 64 + 2L * (4 * 1056 + 64 + 2112 + 2080 + 64) + 1056 + 99);
  }

  @Test
  void forwardWorksForBatchesOfDifferentLengths() {
    try (NDManager m = root.newSubManager()) {
      EncodedBatch shortBatch = TinyBert.TOKENIZER.encodeBatch(List.of("hello", "the world"), 64);
      EncodedBatch longBatch = TinyBert.TOKENIZER.encodeBatch(
          List.of("hello world, the great cafe !", "@user", "so", "unaffable"), 64);
      assertThat(logits(model, m, shortBatch, false)).hasSize(2 * 3);
      assertThat(logits(model, m, longBatch, false)).hasSize(4 * 3);
    }
  }

  @Test
  void paddingDoesNotChangeTheOutputOfAShorterSequence() {
    try (NDManager m = root.newSubManager()) {
      float[] alone = logits(model, m, TinyBert.TOKENIZER.encodeBatch(List.of("hello world"), 64), false);
      float[] padded = logits(model, m,
          TinyBert.TOKENIZER.encodeBatch(List.of("hello world", "the great cafe , wanted running !"), 64), false);
      for (int i = 0; i < 3; i++) {
        assertThat(padded[i]).isCloseTo(alone[i], within(1e-5f));
      }
    }
  }

  @Test
  void dropoutActsOnlyInTrainingMode() {
    try (NDManager m = root.newSubManager()) {
      EncodedBatch b = TinyBert.TOKENIZER.encodeBatch(List.of("hello world", "the cafe"), 64);
      assertThat(logits(model, m, b, false)).containsExactly(logits(model, m, b, false));
      assertThat(logits(model, m, b, true)).isNotEqualTo(logits(model, m, b, true));
    }
  }

  @Test
  void gradientsReachTrainableParametersOnly() {
    BertClassifier fresh = new BertClassifier(TinyBert.config(2));
    try (NDManager m = root.newSubManager()) {
      fresh.initialize(m, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4), new Shape(1, 4));
      fresh.setFrozen(1, true);
      Map<String, Parameter> p = fresh.namedParameters();
      assertThat(p.get("bert.embeddings.word_embeddings.weight").requiresGradient()).isFalse();
      assertThat(p.get("bert.encoder.layer.0.attention.self.query.weight").requiresGradient()).isFalse();
      assertThat(p.get("bert.encoder.layer.1.attention.self.query.weight").requiresGradient()).isTrue();
      assertThat(p.get("classifier.weight").requiresGradient()).isTrue();
      EncodedBatch b = TinyBert.TOKENIZER.encodeBatch(List.of("hello world", "the cafe"), 64);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray out = fresh.forward(new ParameterStore(m, false), BertInputs.of(m, b), true).singletonOrThrow();
        gc.backward(out.square().sum());
      }
      assertThat(p.get("classifier.weight").getArray().getGradient().abs().sum().getFloat()).isGreaterThan(0);
      assertThat(p.get("bert.encoder.layer.1.output.dense.weight").getArray().getGradient().abs().sum().getFloat())
          .isGreaterThan(0);
      fresh.setFrozen(0, false);
      assertThat(p.get("bert.embeddings.word_embeddings.weight").requiresGradient()).isTrue();
    }
  }

  @Test
  void rejectsBadInputsWithClearMessages() {
    assertThatThrownBy(() -> model.setFrozen(3, false)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("Cannot freeze 3 layers of a 2-layer BERT");
    try (NDManager m = root.newSubManager()) {
      NDArray ids = m.zeros(new Shape(1, 65), DataType.INT64);
      assertThatThrownBy(() -> model.forward(new ParameterStore(m, false), new NDList(ids, ids, ids), false))
          .hasMessageContaining("longer than max_position_embeddings 64");
    }
    assertThatThrownBy(() -> new BertConfig(10, 30, 1, 4, 8, 8, 2, 1e-12f, 0.1f, 0.1f, 2))
        .hasMessageContaining("hidden_size 30 is not a multiple of num_attention_heads 4");
  }
}
