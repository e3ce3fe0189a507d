package dev.tweetox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.predict.Precision;
import dev.tweetox.serving.ModelLoader;
import dev.tweetox.serving.PredictionServer;
import dev.tweetox.serving.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code bench serve} errors, and the server on a real (baseline-only) run directory. */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void serveNamesAMissingModelDirectory() {
    CliRunner.Result r = CliRunner.run("serve", "--model", tmp.resolve("nope").toString(), "--port", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope: no such directory");
  }

  @Test
  void serveRejectsAnUnknownPrecisionAndBadLimits() {
    CliRunner.Result r = CliRunner.run("serve", "--model", tmp.toString(), "--precision", "fp16");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--precision must be fp32 or int8, got 'fp16'");
    r = CliRunner.run("serve", "--model", tmp.toString(), "--max-batch", "100", "--queue", "50");
    assertThat(r.err()).contains("queue capacity (50) must be at least the max batch (100)");
  }

  @Test
  void benchServeSaysHowToInstallWrk() {
    CliRunner.Result r = CliRunner.run("bench", "serve", "--model", tmp.toString(), "--wrk", "/nonexistent/wrk");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("apt-get install wrk");
  }

  @Test
  void servesARealRunsModelAndMetrics() throws Exception {
    Path run = tmp.resolve("runs/b");
    CliRunner.Result made = CliRunner.run("run", "--data", CliPipelineTest.FIXTURE.toString(), "--run-dir",
        run.toString(), "--set", "models=baseline", "--set", "baseline.folds=3", "--set", "baseline.c=1",
        "--set", "baseline.penalty=l2", "--set", "baseline.classWeight=none", "--set", "baseline.minDf=1",
        "--quiet");
    assertThat(made.exitCode()).as(made.err()).isZero();
    ModelLoader.Loaded m = ModelLoader.open(run, Precision.FP32);
    ObjectMapper json = new ObjectMapper();
    double f1 = json.readTree(run.resolve("metrics.json").toFile()).path("baseline").path("test")
        .path("macro_f1").asDouble();
    try (PredictionServer s = PredictionServer.start(m.predictor(), m.info(), ServerConfig.defaults(0))) {
      HttpClient c = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + s.port();
      JsonNode model = json.readTree(c.send(HttpRequest.newBuilder(URI.create(base + "/v1/model")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(model.path("kind").asText()).isEqualTo("baseline");
      assertThat(model.path("metrics").path("test").path("macro_f1").asDouble()).isEqualTo(f1);
      HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/v1/predict"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"I love this!\", \"awful day\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode preds = json.readTree(r.body()).path("predictions");
      // The same numbers as the library's Predictor: the server adds no rules of its own.
      var direct = m.predictor().predict(java.util.List.of("I love this!", "awful day"));
      for (int i = 0; i < 2; i++) {
        assertThat(preds.get(i).path("label").asText()).isEqualTo(direct.get(i).label());
        assertThat(preds.get(i).path("confidence").asDouble()).isEqualTo(direct.get(i).confidence());
      }
    }
  }
}
