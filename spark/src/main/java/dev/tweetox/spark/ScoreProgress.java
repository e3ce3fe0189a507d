package dev.tweetox.spark;

import dev.tweetox.io.Progress;

/**
 * A progress bar (rows scored, rate, ETA) for a job whose tasks run in this JVM, as in local mode: it polls the
 * rows the partition scorers have done, twice a second. Retried attempts count again, so near the end it may run
 * ahead; it never passes the total.
 */
final class ScoreProgress implements AutoCloseable {
  private final Progress bar;
  private final Thread poller;
  private final long total;
  private long shown;

  ScoreProgress(long total) {
    this.total = total;
    bar = Progress.start("score", total, "tweets");
    long start = PartitionScorer.SCORED.get();
    poller = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(500);
          update(PartitionScorer.SCORED.get() - start);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "tweetox-score-progress");
    poller.setDaemon(true);
    poller.start();
  }

  private synchronized void update(long done) {
    long capped = Math.min(done, total);
    if (capped > shown) {
      bar.step(capped - shown);
      shown = capped;
    }
  }

  /** Shows the bar full: the job succeeded. */
  void finish() {
    update(total);
  }

  @Override
  public void close() {
    poller.interrupt();
    try {
      poller.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bar.close();
  }
}
