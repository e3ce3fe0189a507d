package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.predict.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceQueueTest {
  @Test
  void requestsQueuedBehindABusyModelAreMergedUpToTheMicroBatch() throws Exception {
    FakeClassifier model = new FakeClassifier().blocking();
    try (InferenceQueue q = new InferenceQueue(FakeClassifier.predictor(model), 100, 4, 1)) {
      CompletableFuture<List<Prediction>> first = q.submit(List.of("love"));
      assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<List<Prediction>>> rest = new ArrayList<>();
      for (String t : List.of("hate", "love", "x", "love", "hate")) {
        rest.add(q.submit(List.of(t)));
      }
      assertThat(q.admittedTexts()).isEqualTo(6);
      model.release();
      assertThat(first.get(10, TimeUnit.SECONDS).get(0).label()).isEqualTo("positive");
      List<String> labels = new ArrayList<>();
      for (var f : rest) {
        labels.add(f.get(10, TimeUnit.SECONDS).get(0).label());
      }
      assertThat(labels).containsExactly("negative", "positive", "neutral", "positive", "negative");
      assertThat(model.batchSizes).containsExactly(1, 4, 1);
      assertThat(q.modelCalls()).isEqualTo(3);
      assertThat(q.textsPredicted()).isEqualTo(6);
      assertThat(q.admittedTexts()).isZero();
    }
  }

  @Test
  void aFullQueueRefusesAtOnceAndAClosedOneRefusesEverything() throws Exception {
    FakeClassifier model = new FakeClassifier().blocking();
    InferenceQueue q = new InferenceQueue(FakeClassifier.predictor(model), 3, 8, 1);
    CompletableFuture<List<Prediction>> held = q.submit(List.of("a", "b"));
    assertThatThrownBy(() -> q.submit(List.of("c", "d"))).isInstanceOf(InferenceQueue.Overloaded.class)
        .hasMessageContaining("2 texts queued of 3");
    CompletableFuture<List<Prediction>> fits = q.submit(List.of("love"));
    model.release();
    assertThat(q.drain(10, TimeUnit.SECONDS)).isTrue();
    assertThat(held).isCompleted();
    assertThat(fits.get().get(0).label()).isEqualTo("positive");
    assertThatThrownBy(() -> q.submit(List.of("e"))).isInstanceOf(InferenceQueue.Overloaded.class)
        .hasMessageContaining("shutting down");
  }

  @Test
  void aFailingModelFailsEveryMergedRequestAndTheQueueKeepsWorking() throws Exception {
    FakeClassifier model = new FakeClassifier();
    model.fail = true;
    try (InferenceQueue q = new InferenceQueue(FakeClassifier.predictor(model), 10, 4, 1)) {
      CompletableFuture<List<Prediction>> f = q.submit(List.of("a"));
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasMessageContaining("boom");
      model.fail = false;
      assertThat(q.submit(List.of("hate")).get(10, TimeUnit.SECONDS).get(0).label()).isEqualTo("negative");
      assertThat(q.admittedTexts()).isZero();
    }
  }
}
