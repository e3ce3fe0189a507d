package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import dev.tweetox.pipeline.Lazy;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One worker of a study: claims trials until none is left, runs them through an {@link Objective}, keeps each claim
 * alive with a heartbeat, and writes the outcome. Several workers (threads, processes or machines) may run the same
 * study against one store; when nothing is free but another worker still holds a trial, this one waits so it can
 * take the trial over if that worker's lease runs out. A trial held by a process of this host that is gone (a
 * killed earlier run) is free at once, without waiting for its lease.
 */
public final class TuneWorker {
  /**
   * Default lease: a dead worker on another machine loses its trial within about a minute; a worker stalled longer
   * than this (a long GC pause, a suspended laptop) loses its trial to another worker and wastes its work.
   */
  public static final long DEFAULT_LEASE_SECONDS = 60;
  /** Heartbeats come at least this often, whatever the lease. */
  static final long MAX_HEARTBEAT_MS = 10_000;

  private final StudyStore store;
  private final StudySettings settings;
  private final Supplier<Objective> objective;
  private final Path trialsDir;
  private final String workerId;
  private final long leaseMs;
  private final PrintWriter log;

  /**
   * @param trialsDir parent of the per-trial folders {@code <trialsDir>/<study>/trial-<n>}
   * @param leaseMs how long a claim lasts without a heartbeat; heartbeats come every tenth of it, at least every
   *     10 s, so a lease survives several missed beats
   */
  public TuneWorker(StudyStore store, StudySettings settings, Objective objective, Path trialsDir, String workerId,
      long leaseMs, PrintWriter log) {
    this(store, settings, () -> objective, trialsDir, workerId, leaseMs, log);
  }

  /**
   * @param objective asked for once, when the first trial is claimed, so a restarted worker claims its orphan before it
   *     spends seconds loading data; its errors end the worker (the claimed trial is then this host's orphan)
   */
  public TuneWorker(StudyStore store, StudySettings settings, Supplier<Objective> objective, Path trialsDir,
      String workerId, long leaseMs, PrintWriter log) {
    if (leaseMs < 300) {
      throw new TweetoxException("--lease-seconds must be at least 0.3 s, got " + leaseMs / 1000.0);
    }
    this.store = store;
    this.settings = settings;
    this.objective = Lazy.of(objective);
    this.trialsDir = trialsDir;
    this.workerId = workerId;
    this.leaseMs = leaseMs;
    this.log = log;
  }

  /** A worker id unique enough across machines: host name and process id. */
  public static String defaultWorkerId() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }

  /** Runs trials until the study has none pending or running; returns how many this worker ran. */
  public int run() {
    int ran = 0;
    while (true) {
      Optional<TrialRecord> claimed = store.claim(settings.study(), workerId, leaseMs);
      if (claimed.isPresent()) {
        runOne(claimed.get());
        ran++;
        continue;
      }
      List<TrialRecord> all = store.trials(settings.study());
      if (all.stream().allMatch(TrialRecord::done)) {
        return ran;
      }
      sleep(Math.min(1000, leaseMs / 3));
    }
  }

  private void runOne(TrialRecord t) {
    String study = settings.study();
    log.printf(Locale.ROOT, "tune %s: trial %d%s %s%n", study, t.number(),
        t.attempts() > 1 ? " (attempt " + t.attempts() + ", taken over)" : "", t.params());
    log.flush();
    AtomicBoolean lost = new AtomicBoolean();
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread th = new Thread(r, "tune-heartbeat");
      th.setDaemon(true);
      return th;
    });
    beat.scheduleAtFixedRate(() -> {
      try {
        if (!store.heartbeat(study, t.number(), workerId, leaseMs)) {
          lost.set(true);
        }
      } catch (RuntimeException e) {
        // a store hiccup: the next beat retries; the lease has slack for several misses
      }
    }, heartbeatMs(leaseMs), heartbeatMs(leaseMs), TimeUnit.MILLISECONDS);
    TrialOutcome outcome;
    try {
      Objective run = objective.get();
      try {
        Objective.Reporter reporter = new PruningReporter(store, settings, t.number(), workerId, lost);
        outcome = run.run(t.number(), t.params(), trialsDir.resolve(study).resolve("trial-" + t.number()), reporter);
      } catch (TweetoxException | IllegalArgumentException | IllegalStateException
          | java.io.UncheckedIOException e) {
        outcome = TrialOutcome.failed(e.getMessage());
      }
    } finally {
      beat.shutdownNow();
    }
    boolean written = store.finish(study, t.number(), workerId, outcome);
    log.printf(Locale.ROOT, "tune %s: trial %d %s%s%s%n", study, t.number(), outcome.status().key(),
        outcome.value() == null ? "" : String.format(Locale.ROOT, ", val macro-F1 %.4f", outcome.value()),
        written ? "" : " (not recorded: another worker took it over after this worker's lease ran out)");
    log.flush();
  }

  /** How often a running trial renews its lease. */
  static long heartbeatMs(long leaseMs) {
    return Math.max(20, Math.min(MAX_HEARTBEAT_MS, leaseMs / 10));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TweetoxException("tuning interrupted");
    }
  }

  /** Stores each validation; for halving studies, also judges the trial at each rung it reaches. */
  private static final class PruningReporter implements Objective.Reporter {
    private final StudyStore store;
    private final StudySettings settings;
    private final int number;
    private final String worker;
    private final AtomicBoolean lost;
    private int lastRung = -1;

    PruningReporter(StudyStore store, StudySettings settings, int number, String worker, AtomicBoolean lost) {
      this.store = store;
      this.settings = settings;
      this.number = number;
      this.worker = worker;
      this.lost = lost;
    }

    @Override
    public boolean report(int step, double epoch, double budget, double macroF1, double accuracy, double loss) {
      store.addMetric(settings.study(), number, worker, step, epoch, budget, macroF1, accuracy, loss);
      if (lost.get()) {
        return false; // someone else runs this trial now: stop wasting the CPU
      }
      if (settings.strategy() != Strategy.HALVING) {
        return true;
      }
      Halving h = settings.halving();
      int rung = h.rungAt(budget);
      boolean keep = true;
      for (int k = lastRung + 1; k <= rung; k++) {
        List<Double> values = store.reportRung(settings.study(), number, k, macroF1);
        keep = keep && h.promotes(macroF1, values);
      }
      lastRung = Math.max(lastRung, rung);
      return keep;
    }
  }
}
