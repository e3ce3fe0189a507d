package dev.tweetox.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.calibration.Calibration;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.calibration.TemperatureScaling;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.eval.Metric;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.export.TinyRun;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.split.SplitPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run fits a temperature and a flag threshold per model; bundles keep and apply them; old ones load with T=1. */
class CalibratedBundleTest {
  /** What the tiny run's bundle holds: its BERT is the transformer (a student is exported in a bundle of its own). */
  private static final List<ModelKind> BUNDLED = List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER,
      ModelKind.ENSEMBLE);

  static final List<String> TEXTS = List.of("what a great day!", "i hate mondays", "", "the bus is late");

  @Test
  void theRunSavesAnOperatingPointPerModelAndReportsBeforeAndAfter() throws Exception {
    Path run = TinyRun.runDir();
    RunDirectory dir = RunDirectory.existing(run);
    for (ModelKind kind : BUNDLED) {
      assertThat(dir.modelDir(kind).resolve(OperatingPoint.FILE)).exists();
      MetricsJson m = MetricsJson.load(run.resolve(RunDirectory.METRICS));
      for (SplitPart split : SplitPart.HELD_OUT) {
        for (Metric metric : List.of(Metric.ECE, Metric.ECE_UNCALIBRATED, Metric.BRIER, Metric.BRIER_UNCALIBRATED,
            Metric.FLAG_PRECISION, Metric.FLAG_RECALL)) {
          assertThat(m.get(kind, split, metric)).as(kind + " " + split + " " + metric).isPresent();
        }
      }
      assertThat(run.resolve("calibration_" + kind.key() + ".csv")).exists();
      assertThat(run.resolve("thresholds_" + kind.key() + "_val.csv")).exists();
      assertThat(run.resolve("reliability_" + kind.key() + "_test.png")).exists();
    }
    String html = Files.readString(run.resolve("report.html"));
    assertThat(html).contains("Reliability diagram - transformer - val").contains("thresholds - baseline - val")
        .contains("ece_before");
  }

  @Test
  void bundleStoresTheTemperatureAndAppliesIt() throws Exception {
    Path run = TinyRun.runDir();
    Path bundle = TinyRun.bundle();
    assertThat(Checksums.files(bundle)).contains(OperatingPoint.FILE, "baseline/" + OperatingPoint.FILE);
    assertThat(Files.readString(bundle.resolve(OperatingPoint.FILE))).isEqualTo(
        Files.readString(RunDirectory.existing(run).modelDir(ModelKind.TRANSFORMER).resolve(OperatingPoint.FILE)));
    try (Predictor p = Predictor.load(bundle, Precision.FP32)) {
      Calibration cal = p.calibration();
      assertThat(cal.method()).isEqualTo(Calibration.Method.TEMPERATURE);
      assertThat(cal.temperature()).isNotEqualTo(1.0);
      double[][] raw = p.model().predictProba(ModelInputs.forModel(p.kind(), p.cleaner(),
          TEXTS.stream().map(p.cleaner()::clean).toList()));
      List<Prediction> preds = p.predict(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        double[] logits = new double[raw[i].length];
        for (int k = 0; k < logits.length; k++) {
          logits[k] = Math.log(raw[i][k]); // logits up to a per-row constant, which softmax ignores
        }
        double[] expected = TemperatureScaling.softmax(logits, cal.temperature());
        for (int k = 0; k < logits.length; k++) {
          assertThat(preds.get(i).probabilities().get(k)).isCloseTo(expected[k], within(1e-12));
        }
        Decision d = p.decision();
        assertThat(preds.get(i).flagged()).isEqualTo(expected[d.flagIndex()] >= d.threshold());
      }
      assertThat(p.decision().flagClass()).isEqualTo("negative");
    }
  }

  @Test
  void aBundleExportedBeforeCalibrationLoadsUncalibrated() throws Exception {
    Path copy = TinyRun.copy(TinyRun.bundle(), TinyRun.scratch("legacy-bundle"));
    Files.delete(copy.resolve(OperatingPoint.FILE));
    Files.delete(copy.resolve("baseline").resolve(OperatingPoint.FILE));
    Files.deleteIfExists(copy.resolve("ensemble").resolve(OperatingPoint.FILE));
    Checksums.write(copy);
    for (ModelKind kind : BUNDLED) {
      try (Predictor p = Predictor.load(copy, Precision.FP32, Optional.of(kind))) {
        assertThat(p.calibration()).isEqualTo(Calibration.NONE);
        assertThat(p.decision().threshold()).isEqualTo(Decision.FALLBACK_THRESHOLD);
        double[][] raw = p.model().predictProba(ModelInputs.forModel(p.kind(), p.cleaner(),
            TEXTS.stream().map(p.cleaner()::clean).toList()));
        List<Prediction> preds = p.predict(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
          for (int k = 0; k < raw[i].length; k++) {
            assertThat(preds.get(i).probabilities().get(k)).isEqualTo(raw[i][k]);
          }
        }
      }
    }
  }

  @Test
  void aCalibrationFileSlippedIntoABundleIsRefused() throws Exception {
    Path copy = TinyRun.copy(TinyRun.bundle(), TinyRun.scratch("slipped-calibration"));
    Files.delete(copy.resolve(OperatingPoint.FILE));
    Checksums.write(copy);
    new OperatingPoint(Calibration.temperature(0.1), new Decision(0, "negative", 0.0)).write(copy);
    assertThatThrownBy(() -> Predictor.load(copy, Precision.FP32)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining(OperatingPoint.FILE).hasMessageContaining("not listed");
  }

  @Test
  void manifestStaysPathFree() throws Exception {
    JsonNode cal = ConfigLoader.json().readTree(TinyRun.bundle().resolve(OperatingPoint.FILE).toFile());
    assertThat(cal.path("calibration").path("method").asText()).isEqualTo("temperature");
    assertThat(cal.toString()).doesNotContain(TinyRun.runDir().toString());
  }
}
