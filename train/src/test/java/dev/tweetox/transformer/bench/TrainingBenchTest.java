package dev.tweetox.transformer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.types.DataType;
import dev.tweetox.bert.BertConfig;
import org.junit.jupiter.api.Test;

class TrainingBenchTest {
  private static final BertConfig TINY = new BertConfig(100, 32, 2, 2, 64, 64, 2, 1e-12f, 0.1f, 0.1f, 3);

  @Test
  void forwardFlopsFollowTheDocumentedFormula() {
    // P = 4*32*32 + 2*32*64 = 8192; per token 2P + 4*T*H = 16384 + 4*10*32 = 17664; 3 x 10 tokens.
    assertThat(TrainingBench.layerForwardFlops(TINY, 3, 10)).isEqualTo(30 * 17664.0);
    // BERT-Base at 22 tokens: 2 * 7,077,888 + 4 * 22 * 768 per token.
    BertConfig base = BertConfig.bertBaseUncased(3);
    assertThat(TrainingBench.layerForwardFlops(base, 1, 22)).isEqualTo(22 * (2 * 7_077_888.0 + 4 * 22 * 768));
  }

  @Test
  void measuresTrainingInferenceAndPeakWithCpuTime() {
    // enough steps that the process CPU clock (10 ms ticks) sees the tiny model's work
    TrainingBench.Result train = TrainingBench.train(TINY, 1, true, 4, 8, 1, 300);
    TrainingBench.Result infer = TrainingBench.infer(TINY, 4, 8, 1, 300, null);
    TrainingBench.Result peak = MatmulPeak.measure(64, DataType.FLOAT32, 0.05);
    for (TrainingBench.Result r : new TrainingBench.Result[] {train, infer, peak}) {
      assertThat(r.samplesPerSecond()).isPositive().isFinite();
      assertThat(r.gflops()).isPositive().isFinite();
      assertThat(r.gflopsPerCpuSecond()).isPositive().isFinite();
      assertThat(r.busyCores()).isPositive();
      // samples/s and seconds/step describe the same interval
      assertThat(r.samplesPerSecond() * r.secondsPerStep()).isCloseTo(r == peak ? 1 : 4, offset(1e-6));
    }
  }

  @Test
  void cpuClockCountsBusyWork() {
    CpuClock.Mark mark = CpuClock.start();
    long x = 0;
    for (long i = 0; i < 200_000_000L; i++) {
      x += i ^ (x >>> 3);
    }
    CpuClock.Interval t = mark.stop();
    assertThat(x).isNotZero();
    assertThat(t.cpuSeconds()).isPositive();
    assertThat(t.wallSeconds()).isPositive();
  }
}
