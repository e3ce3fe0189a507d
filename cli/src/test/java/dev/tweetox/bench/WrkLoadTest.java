package dev.tweetox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import dev.tweetox.serving.ModelInfo;
import dev.tweetox.serving.PredictionServer;
import dev.tweetox.serving.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Lua script against the real server under real wrk (skipped where wrk is not installed). */
class WrkLoadTest {
  /** Uniform probabilities: the point here is the HTTP path, not the model. */
  static final class Uniform implements TextClassifier {
    @Override
    public LabelSet labels() {
      return LabelSet.sentiment();
    }

    @Override
    public ModelKind kind() {
      return ModelKind.TRANSFORMER;
    }

    @Override
    public double[][] predictProba(List<String> texts) {
      double[][] p = new double[texts.size()][];
      for (int i = 0; i < p.length; i++) {
        p[i] = new double[] {0.2, 0.3, 0.5};
      }
      return p;
    }
  }

  @Test
  void wrkGetsOnlySuccessfulAnswersAtConcurrency8(@TempDir Path tmp) throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/wrk"));
    // .ci/run installs wrk: on CI a missing wrk is a broken setup, not a reason to skip.
    assertThat(installed || !"true".equals(System.getenv("CI"))).as("/usr/bin/wrk is installed under CI=true").isTrue();
    assumeTrue(installed, "skipped: /usr/bin/wrk not installed (apt-get install wrk)");
    Path script = tmp.resolve("s.lua");
    AtomicFiles.writeString(script, LoadScript.lua(LoadScript.bodies(BenchTweets.first(64), 4)));
    Predictor p = new Predictor(new Uniform(), new TextCleaner(CleaningConfig.defaults()));
    try (PredictionServer s = PredictionServer.start(p, new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x",
        Optional.empty(), Optional.empty()), ServerConfig.defaults(0))) {
      WrkResult r = ServeBench.wrk("/usr/bin/wrk", "http://127.0.0.1:" + s.port() + "/v1/predict", script, 8,
          Duration.ofSeconds(1));
      assertThat(r.requests()).isPositive();
      assertThat(r.errors()).isZero();
      assertThat(s.queue().textsPredicted()).isGreaterThanOrEqualTo(4 * r.requests());
    }
  }
}
