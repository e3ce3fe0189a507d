package dev.tweetox.serving;

import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A keyword model for server tests: "love" is positive (0.1/0.2/0.7), "hate" negative (0.8/0.15/0.05), anything
 * else neutral (0.25/0.5/0.25). It can be made to block until released, or to fail, and records its batch sizes.
 */
final class FakeClassifier implements TextClassifier {
  final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile CountDownLatch gate = new CountDownLatch(0);
  final CountDownLatch entered = new CountDownLatch(1);
  volatile boolean fail;

  static Predictor predictor(FakeClassifier model) {
    return new Predictor(model, new TextCleaner(CleaningConfig.defaults()));
  }

  /** Makes every call wait until {@link #release}. */
  FakeClassifier blocking() {
    gate = new CountDownLatch(1);
    return this;
  }

  void release() {
    gate.countDown();
  }

  @Override
  public LabelSet labels() {
    return LabelSet.sentiment();
  }

  @Override
  public ModelKind kind() {
    return ModelKind.TRANSFORMER;
  }

  @Override
  public double[][] predictProba(List<String> cleanedTexts) {
    batchSizes.add(cleanedTexts.size());
    entered.countDown();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test gate never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (fail) {
      throw new IllegalStateException("boom: secret internal detail");
    }
    double[][] out = new double[cleanedTexts.size()][];
    for (int i = 0; i < out.length; i++) {
      String t = cleanedTexts.get(i);
      out[i] = t.contains("love") ? new double[] {0.1, 0.2, 0.7}
          : t.contains("hate") ? new double[] {0.8, 0.15, 0.05} : new double[] {0.25, 0.5, 0.25};
    }
    return out;
  }
}
