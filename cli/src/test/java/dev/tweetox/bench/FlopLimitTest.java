package dev.tweetox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.transformer.bench.TrainingBench;
import dev.tweetox.transformer.training.TinyTraining;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlopLimitTest {
  @Test
  void findsTheBertOfARunOrBundleAndCountsItsFlops(@TempDir Path tmp) {
    Path bundle = TinyTraining.writeRandomBert(tmp.resolve("bundle"), 1);
    assertThat(FlopLimit.bertDirectory(bundle)).contains(bundle);
    Path run = tmp.resolve("run");
    Path inRun = TinyTraining.writeRandomBert(run.resolve("transformer").resolve("model"), 1);
    assertThat(FlopLimit.bertDirectory(run)).contains(inRun);
    assertThat(FlopLimit.bertDirectory(tmp.resolve("nothing"))).isEmpty();

    FlopLimit f = FlopLimit.measure(bundle, bundle, List.of("hello world", "good"), 64, 0.05);
    assertThat(f.meanTokens()).isGreaterThanOrEqualTo(3.0); // [CLS] + at least one piece + [SEP]
    int seq = (int) Math.round(f.meanTokens());
    // hidden 32, intermediate 64, 2 layers: per token and layer 2 (4*32*32 + 2*32*64) + 4*seq*32
    assertThat(f.flopsPerTweet()).isEqualTo(2.0 * seq * (2 * (4 * 32 * 32 + 2 * 32 * 64) + 4.0 * seq * 32));
    assertThat(f.flopsPerTweet()).isEqualTo(TrainingBench.layerForwardFlops(f.config(), 1, seq) * 2);
    assertThat(f.peakGflops()).isPositive();
    assertThat(f.tweetsPerSecond()).isEqualTo(f.peakGflops() * 1e9 / f.flopsPerTweet());
  }
}
