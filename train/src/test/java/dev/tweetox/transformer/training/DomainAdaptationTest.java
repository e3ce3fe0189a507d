package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masked-LM domain adaptation on the tiny random BERT: BERT's masking, the loss falls, the frozen part stays. */
class DomainAdaptationTest {
  @Test
  void maskingFollowsBertAndNeverTouchesSpecialTokens() {
    List<String> texts = new ArrayList<>(Collections.nCopies(400, TinyTraining.data().trainTexts().get(0)));
    TokenizedSet set = TokenizedSet.of(new WordPieceTokenizer(TinyTraining.VOCAB), texts, new int[texts.size()], 16);
    int[] all = java.util.stream.IntStream.range(0, set.size()).toArray();
    EncodedBatch batch = set.batch(all);
    DomainAdaptation.Masked a = DomainAdaptation.mask(batch, TinyTraining.VOCAB, new Random(1));
    DomainAdaptation.Masked b = DomainAdaptation.mask(batch, TinyTraining.VOCAB, new Random(1));
    assertThat(a.positions()).isEqualTo(b.positions()); // seeded
    assertThat(a.ids()).isEqualTo(b.ids());
    long real = 0;
    for (int row = 0; row < batch.batchSize(); row++) {
      real += batch.lengths()[row] - 2; // [CLS] and [SEP] are never chosen
    }
    assertThat(a.positions().length / (double) real).isCloseTo(DomainAdaptation.MASK_RATE, within(0.02));
    int masks = 0;
    for (int i = 0; i < a.positions().length; i++) {
      int at = a.positions()[i];
      long original = batch.ids()[at];
      assertThat(a.targets()[i]).isEqualTo((int) original);
      assertThat(original).isNotIn((long) TinyTraining.VOCAB.clsId(), (long) TinyTraining.VOCAB.sepId(),
          (long) TinyTraining.VOCAB.padId());
      masks += a.ids()[at] == TinyTraining.VOCAB.maskId() ? 1 : 0;
    }
    assertThat(masks / (double) a.positions().length).isCloseTo(0.8, within(0.05));
    for (int at = 0; at < batch.ids().length; at++) { // only chosen positions change
      final int pos = at;
      if (java.util.Arrays.stream(a.positions()).noneMatch(p -> p == pos)) {
        assertThat(a.ids()[at]).isEqualTo(batch.ids()[at]);
      }
    }
  }

  @Test
  void trainsTheUpperLayersOnlyLowersTheLossAndIsReusedByARerun(@TempDir Path tmp) {
    Progress.setQuiet(true);
    Path weights = TinyTraining.writeRandomBert(tmp.resolve("weights"), 4);
    TransformerConfig cfg = TinyTraining.config(weights, 1, 2e-2, 1, true, 1).toBuilder().mlmEpochs(10).build();
    // Predictable from context, unlike the fixture's random bags of words: each tweet repeats one word.
    List<String> texts = new ArrayList<>();
    for (String w : List.of("happy", "sad", "love", "hate", "work", "lunch", "monday", "bus")) {
      for (int n = 3; n < 8; n++) {
        texts.add(String.join(" ", Collections.nCopies(n, w)));
      }
    }
    StringWriter log = new StringWriter();
    Path out = tmp.resolve("adapted");
    DomainAdaptation.Result r = DomainAdaptation.adapt(cfg, 7, texts, out, new PrintWriter(log));

    assertThat(r.reused()).isFalse();
    assertThat(r.steps()).isEqualTo(10 * ((texts.size() + 7) / 8));
    assertThat(r.lastLoss()).as("masked-LM loss falls").isLessThan(r.firstLoss() - 0.5);
    assertThat(log.toString()).contains("has no masked-LM head").contains("domain adaptation done");
    TensorSource before = HfBertDirectory.read(weights).tensors();
    TensorSource after = HfBertDirectory.read(out).tensors();
    assertThat(after.names()).allMatch(n -> n.startsWith("bert.")).containsExactlyInAnyOrderElementsOf(before.names());
    for (String name : before.names()) {
      boolean frozen = name.startsWith("bert.embeddings.") || name.startsWith("bert.encoder.layer.0.")
          || name.startsWith("bert.pooler.");
      if (frozen) {
        assertThat(after.read(name)).as(name).containsExactly(before.read(name));
      } else if (name.endsWith(".weight")) {
        assertThat(after.read(name)).as(name).isNotEqualTo(before.read(name));
      }
    }
    // the frozen part's identity, which keys the fine-tune's cache, is unchanged
    assertThat(WeightsSource.resolve(out.toString()).frozenDigest(1))
        .isEqualTo(WeightsSource.resolve(weights.toString()).frozenDigest(1));

    StringWriter again = new StringWriter();
    DomainAdaptation.Result r2 = DomainAdaptation.adapt(cfg, 7, texts, out, new PrintWriter(again));
    assertThat(r2.reused()).isTrue();
    assertThat(r2.lastLoss()).isEqualTo(r.lastLoss());
    assertThat(again.toString()).contains("already done");
    // other texts: adapted again
    DomainAdaptation.Result r3 = DomainAdaptation.adapt(cfg, 7, texts.subList(0, 20), out,
        new PrintWriter(new StringWriter()));
    assertThat(r3.reused()).isFalse();
    assertThat(Files.isRegularFile(out.resolve(DomainAdaptation.DONE))).isTrue();
  }
}
