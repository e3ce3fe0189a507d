package dev.tweetox.transformer.training;

/** libtorch thread settings, which only take effect before the engine starts. */
public final class Threads {
  private Threads() {}

  /**
   * Sets intra-op threads to {@code n} (0 = leave libtorch's default, all cores) unless the user already set
   * {@code -Dai.djl.pytorch.num_threads}; inter-op threads to 1, since the model runs one op at a time.
   */
  public static void apply(int n) {
    if (n > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }
}
