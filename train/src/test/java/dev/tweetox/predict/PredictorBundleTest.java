package dev.tweetox.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tweetox.TweetoxException;
import dev.tweetox.export.TinyRun;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Predictor.load on an export bundle: checksums first, then the same fp32 outputs as the run directory. */
class PredictorBundleTest {
  static final List<String> TEXTS = List.of("what an amazing wonderful day!!", "i hate this, awful",
      "@someone check http://x.co #mood sooooo meh", "", "class is at the as usual");
  static Path run;
  static Path bundle;
  static Predictor fromBundle;

  @BeforeAll
  static void load() {
    run = TinyRun.runDir();
    bundle = TinyRun.bundle();
    fromBundle = Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.TRANSFORMER));
  }

  @AfterAll
  static void close() {
    fromBundle.close();
  }

  @Test
  void bundleGivesExactlyTheRunDirectorysProbabilities() {
    try (Predictor fromRun = Predictor.load(run, Precision.FP32, Optional.of(ModelKind.TRANSFORMER))) {
      List<Prediction> a = fromBundle.predict(TEXTS);
      List<Prediction> b = fromRun.predict(TEXTS);
      assertThat(fromBundle.kind()).isEqualTo(ModelKind.TRANSFORMER);
      assertThat(fromBundle.labels()).isEqualTo(fromRun.labels());
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(a.get(i).probabilities()).as(TEXTS.get(i)).isEqualTo(b.get(i).probabilities());
        assertThat(a.get(i).label()).isEqualTo(b.get(i).label());
        assertThat(a.get(i).labelValue()).isEqualTo(b.get(i).labelValue());
      }
    }
  }

  /**
   * The bundle runs on ONNX Runtime, training evaluated with DJL/libtorch: the same float32 model, so the
   * probabilities agree to float rounding (1e-4) and every label is the same.
   */
  @Test
  void bundleOnOnnxRuntimeReproducesTheTrainingTimeTestPredictions() {
    Table saved = Table.readCsv(run.resolve("predictions_test_transformer.csv"), "test");
    int text = saved.columns().indexOf("text");
    List<String> texts = saved.rows().stream().map(r -> String.valueOf(r.get(text))).toList();
    List<Prediction> preds = fromBundle.predict(texts);
    assertThat(preds).hasSize(9);
    for (int i = 0; i < texts.size(); i++) {
      List<Object> row = saved.rows().get(i);
      for (int k = 0; k < 3; k++) {
        double expected = (Double) row.get(saved.columns().indexOf("p_" + fromBundle.labels().name(k)));
        assertThat(preds.get(i).probabilities().get(k)).as(texts.get(i)).isCloseTo(expected, within(1e-4));
      }
      assertThat(preds.get(i).label()).isEqualTo(row.get(saved.columns().indexOf("predicted")));
    }
  }

  @Test
  void bundleBaselineMatchesTheRunsBaseline() {
    try (Predictor a = Predictor.load(bundle, Precision.FP32, Optional.of(ModelKind.BASELINE));
        Predictor b = Predictor.load(run, Precision.FP32, Optional.of(ModelKind.BASELINE))) {
      assertThat(a.kind()).isEqualTo(ModelKind.BASELINE);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(a.predict(TEXTS).get(i).probabilities()).isEqualTo(b.predict(TEXTS).get(i).probabilities());
      }
    }
    assertThatThrownBy(() -> Predictor.load(bundle, Precision.INT8, Optional.of(ModelKind.BASELINE)))
        .hasMessageContaining("transformer only");
    assertThatThrownBy(() -> ModelKind.parseChoice("svm"))
        .hasMessageContaining("unknown model type 'svm'");
  }

  @Test
  void predictionsCarryProbabilitiesAndTheBatchLatency() {
    List<Prediction> p = fromBundle.predict(TEXTS);
    for (Prediction x : p) {
      assertThat(x.probabilities()).hasSize(3);
      assertThat(x.probabilities().stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(x.latencyMillis()).isPositive().isEqualTo(p.get(0).latencyMillis());
      assertThat(x.confidence()).isEqualTo(x.probabilities().get(x.index()));
    }
    assertThat(new Prediction("t", 0, "a", "a", List.of(1.0)).latencyMillis()).isZero();
  }

  @Test
  void concurrentCallsGiveTheSingleThreadedResults() throws Exception {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      List<String> b = new ArrayList<>();
      for (int j = 0; j <= i % 4; j++) {
        b.add(TEXTS.get((i + j) % TEXTS.size()) + " " + i);
      }
      batches.add(b);
    }
    List<List<List<Double>>> expected = new ArrayList<>();
    for (List<String> b : batches) {
      expected.add(fromBundle.predict(b).stream().map(Prediction::probabilities).toList());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<Double>>>> got = new ArrayList<>();
      for (List<String> b : batches) {
        got.add(pool.submit(() -> fromBundle.predict(b).stream().map(Prediction::probabilities).toList()));
      }
      for (int i = 0; i < batches.size(); i++) {
        assertThat(got.get(i).get()).as("batch " + i).isEqualTo(expected.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runDirectoryLoadsToo() {
    // "auto" ranks by the run's validation scores, which the bundle carries: both pick the same model
    try (Predictor p = Predictor.load(run, Precision.FP32);
        Predictor b = Predictor.load(bundle, Precision.FP32)) {
      assertThat(p.kind()).isEqualTo(b.kind());
      assertThat(p.predict(TEXTS).get(0).probabilities()).isEqualTo(b.predict(TEXTS).get(0).probabilities());
    }
  }

  @Test
  void aTamperedBundleIsRejectedNamingTheFile() throws Exception {
    Path copy = TinyRun.copy(bundle, TinyRun.scratch("predict-tamper"));
    byte[] w = Files.readAllBytes(copy.resolve("model.safetensors"));
    w[w.length - 1] ^= 0x40;
    Files.write(copy.resolve("model.safetensors"), w);
    assertThatThrownBy(() -> Predictor.load(copy, Precision.FP32)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("model.safetensors does not match its SHA-256").hasMessageContaining("re-export");
  }

  @Test
  void aBaselineFileAddedAfterExportIsNotLoaded() throws Exception {
    Path copy = TinyRun.copy(bundle, TinyRun.scratch("predict-extra"));
    Files.writeString(copy.resolve("baseline/extra.bin"), "x");
    assertThatThrownBy(() -> Predictor.load(copy, Precision.FP32, Optional.of(ModelKind.BASELINE)))
        .hasMessageContaining("baseline/extra.bin is not listed in SHA256SUMS");
  }

  @Test
  void int8RunsThroughOnnxRuntimeAndOtherFoldersAreExplained() {
    List<String> texts = List.of("what a great day", "i hate mondays so much", "");
    try (Predictor fp32 = Predictor.load(run, Precision.FP32, Optional.of(ModelKind.TRANSFORMER));
        Predictor int8 = Predictor.load(run, Precision.INT8, Optional.of(ModelKind.TRANSFORMER));
        Predictor auto = Predictor.load(run, Precision.INT8)) {
      List<Prediction> a = fp32.predict(texts);
      List<Prediction> b = int8.predict(texts);
      assertThat(int8.kind()).isEqualTo(ModelKind.TRANSFORMER);
      assertThat(auto.kind()).as("int8 runs a transformer").isIn(ModelKind.TRANSFORMER, ModelKind.ENSEMBLE);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(b.get(i).probabilities().stream().mapToDouble(Double::doubleValue).sum())
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        for (int k = 0; k < 3; k++) {
          // int8 weights and activations: close to fp32, not equal (see OnnxBertModelTest for the logit bound)
          assertThat(b.get(i).probabilities().get(k))
              .isCloseTo(a.get(i).probabilities().get(k), org.assertj.core.data.Offset.offset(0.1));
        }
      }
    }
    Path empty = TinyRun.scratch("empty");
    assertThatThrownBy(() -> Predictor.load(empty, Precision.FP32)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("is not a tweetox run directory (no config.json) nor an export bundle (no SHA256SUMS)");
    assertThatThrownBy(() -> Precision.parse("fp16")).hasMessageContaining("fp32 or int8");
    assertThat(Precision.parse(" INT8")).isEqualTo(Precision.INT8);
  }
}
