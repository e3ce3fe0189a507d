package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.pretrained.BertWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Needs the 408 MB BERT-Base artifact: the real weights load with only the head missing, and steps train. */
@Tag("weights")
class PretrainedFineTuneTest {
  @Test
  void topLayersOfRealBertLearnAFewTweets() {
    WeightsSource src = WeightsSource.resolve(WeightsSource.BERT_BASE_UNCASED);
    List<String> texts = List.of("i love this so much", "this is awful and sad", "i am at the bus stop",
        "what a great day", "worst service ever", "meeting at noon");
    int[] gold = {2, 0, 1, 2, 0, 1};
    TokenizedSet data = TokenizedSet.of(new WordPieceTokenizer(src.vocab()), texts, gold, 32);
    Engine.getInstance().setRandomSeed(1);
    try (NDManager root = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(src.config().withNumLabels(3).withDropout(0, 0), root);
      BertWeights.LoadReport report = BertWeights.load(model.namedParameters(), src.tensors());
      assertThat(report.missing()).containsExactly("classifier.weight", "classifier.bias");
      model.setFrozen(11, true);
      Map<String, Parameter> trainable = new LinkedHashMap<>();
      model.namedParameters().forEach((n, p) -> {
        if (p.requiresGradient()) {
          trainable.put(n, p);
        }
      });
      assertThat(trainable.keySet()).allMatch(n -> n.startsWith("bert.encoder.layer.11.")
          || n.startsWith("bert.pooler.") || n.startsWith("classifier."));
      FrozenCache cache = FrozenCache.build(model, 11, data, 6, FrozenCache.Precision.FLOAT32, root, "probe");
      ForwardPath path = ForwardPath.cached(model, cache, data.lengths());
      int[] all = {0, 1, 2, 3, 4, 5};
      float first = 0;
      float last = 0;
      try (AdamW opt = new AdamW(trainable, 0.01, root)) {
        for (int step = 0; step < 8; step++) {
          try (NDManager m = root.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray loss = Losses.crossEntropy(m, path.logits(m, all, true), gold, null);
              gc.backward(loss);
              last = loss.getFloat();
            }
            opt.step(1e-4, 1);
          }
          first = step == 0 ? last : first;
        }
      }
      assertThat(last).isLessThan(first * 0.5f);
    }
  }
}
