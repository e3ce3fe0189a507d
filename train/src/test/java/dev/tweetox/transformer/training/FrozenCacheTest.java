package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertClassifier;
import org.junit.jupiter.api.Test;

class FrozenCacheTest {
  @Test
  void cachedUpperLayersGiveTheSameLossAsTheFullForward() {
    Progress.setQuiet(true);
    TrainingData d = TinyTraining.data();
    TokenizedSet data = TokenizedSet.of(new WordPieceTokenizer(TinyTraining.VOCAB), d.trainTexts(), d.trainLabels(),
        16);
    int[] batch = {0, 5, 7, 12, 19, 33};
    Engine.getInstance().setRandomSeed(3);
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(TinyTraining.bertConfig().withNumLabels(3), root);
      model.setFrozen(1, true);
      for (FrozenCache.Precision p : FrozenCache.Precision.values()) {
        FrozenCache cache = FrozenCache.build(model, 1, data, 4, p, root, "test");
        assertThat(cache.size()).isEqualTo(40);
        try (NDManager m = root.newSubManager()) {
          float full = Losses.crossEntropy(m, ForwardPath.full(model, data).logits(m, batch, true),
              data.labels(batch), null).getFloat();
          float cached = Losses.crossEntropy(m, ForwardPath.cached(model, cache, data.lengths()).logits(m, batch,
              true), data.labels(batch), null).getFloat();
          assertThat(cached).as(p.name()).isCloseTo(full, offset(p == FrozenCache.Precision.FLOAT32 ? 1e-5f : 1e-2f));
        }
      }
    }
  }

  @Test
  void bfloat16RoundsToNearestEven() {
    assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1.0f))).isEqualTo(1.0f);
    assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(-2.5f))).isEqualTo(-2.5f);
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1.0)
    assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1f + 1f / 256))).isEqualTo(1.0f);
    assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1f + 3f / 512))).isEqualTo(1f + 1f / 128);
  }
}
