package dev.tweetox.transformer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's practical matmul peak through libtorch: repeated square matmuls, timed after a warm-up. This is
 * the yardstick the achieved training and inference GFLOP/s are set beside.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  /**
   * GFLOP/s of {@code n x n x n} matmuls ({@code 2 n^3} FLOPs each) in the given type (FLOAT32 or BFLOAT16).
   *
   * @param seconds roughly how long to measure, after one warm-up call
   */
  public static double gflops(int n, DataType type, double seconds) {
    return measure(n, type, seconds).gflops();
  }

  /**
   * Like {@link #gflops}, also giving GFLOP per process CPU-second, so a peak measured while other processes share
   * the cores can still be compared with {@link TrainingBench.Result#gflopsPerCpuSecond()}.
   */
  public static TrainingBench.Result measure(int n, DataType type, double seconds) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomNormal(new Shape(n, n)).toType(type, false);
      NDArray b = m.randomNormal(new Shape(n, n)).toType(type, false);
      a.matMul(b).close();
      CpuClock.Mark mark = CpuClock.start();
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      int reps = 0;
      do {
        try (NDArray c = a.matMul(b)) {
          c.get(0, 0).toType(DataType.FLOAT32, false).getFloat(); // forces the work to finish
        }
        reps++;
      } while (System.nanoTime() < deadline);
      return TrainingBench.Result.of(reps, 1, reps * 2.0 * n * n * n, mark.stop());
    }
  }
}
