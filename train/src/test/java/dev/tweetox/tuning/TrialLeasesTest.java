package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which running trials a worker may take: a gone process's on this host at once, a live one's never, another host's
 * only after its lease. Time is a test clock; no assertion depends on how fast anything runs.
 */
class TrialLeasesTest {
  private static final long HOUR = 3_600_000;
  private static final String STUDY = "leases";
  private static final long T0 = 1_000_000_000_000L;

  @TempDir Path tmp;
  private final AtomicLong clock = new AtomicLong(T0);
  private StudyStore store;

  @BeforeEach
  void study() {
    store = StudyStore.open(null, tmp).withClock(clock::get);
    store.openStudy(FakeWorkerMain.settings(STUDY), FakeWorkerMain.space());
  }

  private static final WorkerProcess SELF = WorkerProcess.current();

  /** The id of a process that ran on this host and has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  private TrialRecord claim(String worker, WorkerProcess as) {
    return store.claim(STUDY, worker, HOUR, as).orElseThrow();
  }

  private TrialRecord trial(int number) {
    return store.trials(STUDY).get(number);
  }

  @Test
  void aTrialOfAnExitedProcessOnThisHostIsTakenAtOnceDespiteAnHourLease() throws Exception {
    WorkerProcess ghost = new WorkerProcess(SELF.host(), deadPid(), T0);
    assertThat(claim("killed-run", ghost).number()).isZero();
    TrialRecord taken = claim("restarted-run", SELF);
    assertThat(taken.number()).as("the orphan comes before the pending trials").isZero();
    assertThat(taken.attempts()).isEqualTo(2);
    assertThat(taken.worker()).isEqualTo("restarted-run");
  }

  @Test
  void aRestartedWorkerHoldsItsOrphanBeforeItLoadsTheObjective() throws Exception {
    claim("killed-run", new WorkerProcess(SELF.host(), deadPid(), T0));
    java.util.List<TrialRecord> atLoad = new java.util.ArrayList<>();
    Objective quick = (number, params, dir, reporter) -> TrialOutcome.complete(0.5, 0.5, 1.0, null);
    new TuneWorker(store, FakeWorkerMain.settings(STUDY), () -> {
      atLoad.add(trial(0)); // what the store held when the data would start loading
      return quick;
    }, tmp, "restarted", HOUR, new PrintWriter(new StringWriter())).run();
    assertThat(atLoad).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(TrialStatus.RUNNING);
      assertThat(t.worker()).isEqualTo("restarted");
      assertThat(t.attempts()).isEqualTo(2);
    });
    assertThat(store.trials(STUDY)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
  }

  @Test
  void aProcessIdReusedByAProcessStartedLaterIsNotTheHolder() {
    Assumptions.assumeTrue(SELF.startMs() != null, "this platform does not report process start times");
    // this test's own pid, but recorded with a start time an hour earlier: the holder died and the id was reused
    WorkerProcess earlier = new WorkerProcess(SELF.host(), SELF.pid(), SELF.startMs() - HOUR);
    claim("old", earlier);
    assertThat(claim("new", SELF).number()).isZero();
    assertThat(trial(0).attempts()).isEqualTo(2);
  }

  @Test
  void aLiveHolderKeepsItsTrialUntilItExits() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "120").start();
    try {
      ProcessHandle h = sleeper.toHandle();
      WorkerProcess live = new WorkerProcess(SELF.host(), h.pid(),
          h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(null));
      claim("sleeper", live);
      // nor is a trial of this very process (another worker thread) taken
      assertThat(claim("thread-1", SELF).number()).isEqualTo(1);
      assertThat(claim("thread-2", SELF).number()).isEqualTo(2);
      assertThat(trial(0).worker()).isEqualTo("sleeper");
      assertThat(trial(1).worker()).isEqualTo("thread-1");
      sleeper.destroyForcibly();
      assertThat(sleeper.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(claim("rescuer", SELF).number()).isZero();
      assertThat(trial(0).attempts()).isEqualTo(2);
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void anotherHostsTrialWaitsForItsLease() throws Exception {
    WorkerProcess remote = new WorkerProcess("elsewhere", deadPid(), T0);
    store.claim(STUDY, "remote", 60_000, remote).orElseThrow();
    clock.set(T0 + 60_000);
    assertThat(claim("local", SELF).number()).as("lease not yet over").isEqualTo(1);
    clock.set(T0 + 60_001);
    TrialRecord taken = claim("local-2", SELF);
    assertThat(taken.number()).isZero();
    assertThat(taken.attempts()).isEqualTo(2);
  }

  @Test
  void aHeartbeatExtendsTheLease() throws Exception {
    WorkerProcess remote = new WorkerProcess("elsewhere", deadPid(), T0);
    store.claim(STUDY, "remote", 1_000, remote).orElseThrow();
    assertThat(store.leaseUntil(STUDY, 0)).contains(T0 + 1_000);
    clock.set(T0 + 900);
    assertThat(store.heartbeat(STUDY, 0, "remote", 1_000)).isTrue();
    assertThat(store.leaseUntil(STUDY, 0)).contains(T0 + 1_900);
    clock.set(T0 + 1_500);
    assertThat(claim("local", SELF).number()).as("the renewed lease holds").isEqualTo(1);
    clock.set(T0 + 1_901);
    assertThat(claim("local", SELF).number()).isZero();
    assertThat(store.heartbeat(STUDY, 0, "remote", 1_000)).as("the old holder learns it lost the trial").isFalse();
  }

  @Test
  void aRunningWorkerRenewsItsLeaseFromItsHeartbeatThread() {
    long lease = 1_000;
    AtomicLong seen = new AtomicLong();
    Objective renewing = (number, params, dir, reporter) -> {
      if (number == 0) {
        // move the clock on, then wait for a beat to renew the lease from it
        clock.set(T0 + 5_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.leaseUntil(STUDY, 0).orElse(0L) != T0 + 5_000 + lease && System.nanoTime() < deadline) {
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        seen.set(store.leaseUntil(STUDY, 0).orElse(0L));
      }
      return TrialOutcome.complete(0.5, 0.5, 1.0, null);
    };
    new TuneWorker(store, FakeWorkerMain.settings(STUDY), renewing, tmp, "w", lease,
        new PrintWriter(new StringWriter())).run();
    assertThat(seen.get()).isEqualTo(T0 + 5_000 + lease);
    assertThat(store.trials(STUDY)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
    assertThat(TuneWorker.heartbeatMs(TuneWorker.DEFAULT_LEASE_SECONDS * 1000)).isBetween(5_000L, 10_000L);
  }

  @Test
  void aSqliteStoreFromBeforeTheOwnerColumnsIsUpgradedAndResumes() throws Exception {
    upgradesAnOldStore("jdbc:sqlite:" + tmp.resolve("old.db"));
  }

  @Test
  void aPostgresStoreFromBeforeTheOwnerColumnsIsUpgradedAndResumes() throws Exception {
    String base = MultiWorkerTest.postgresUrl();
    // a schema of its own, so the old tables do not meet the other tests' current ones
    String schema = "old_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    upgradesAnOldStore(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  private void upgradesAnOldStore(String url) throws Exception {
    StudySettings settings = FakeWorkerMain.settings("old");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      // the tables as the first release made them
      s.execute("CREATE TABLE tune_study (name TEXT PRIMARY KEY, model TEXT NOT NULL, space_json TEXT NOT NULL,"
          + " settings_json TEXT NOT NULL, trials INTEGER NOT NULL, created_ms BIGINT NOT NULL)");
      s.execute("CREATE TABLE tune_trial (study TEXT NOT NULL, number INTEGER NOT NULL, params_json TEXT NOT NULL,"
          + " status TEXT NOT NULL, worker TEXT, attempts INTEGER NOT NULL, lease_until_ms BIGINT, started_ms BIGINT,"
          + " finished_ms BIGINT, value DOUBLE PRECISION, test_value DOUBLE PRECISION, best_epoch DOUBLE PRECISION,"
          + " checkpoint TEXT, error TEXT, PRIMARY KEY (study, number))");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO tune_study VALUES (?, ?, ?, ?, 12, 0)")) {
        p.setString(1, "old");
        p.setString(2, settings.model().key());
        p.setString(3, FakeWorkerMain.space().toJson());
        p.setString(4, settings.toJson());
        p.executeUpdate();
      }
      var configs = settings.configurations(FakeWorkerMain.space());
      try (PreparedStatement p = c.prepareStatement("INSERT INTO tune_trial (study, number, params_json, status,"
          + " worker, attempts, lease_until_ms) VALUES ('old', ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < configs.size(); i++) {
          p.setInt(1, i);
          p.setString(2, StudyStore.json(configs.get(i)));
          p.setString(3, i == 0 ? "running" : "pending");
          p.setString(4, i == 0 ? "old-worker" : null);
          p.setInt(5, i == 0 ? 1 : 0);
          p.setLong(6, T0 + 10_000);
          p.executeUpdate();
        }
      }
    }
    StudyStore old = StudyStore.open(url, tmp).withClock(clock::get);
    old.openStudy(settings, FakeWorkerMain.space());
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(StudySchema.trialColumns(c)).contains("owner_host", "owner_pid", "owner_start_ms");
    }
    // the old row names no holder process: it is taken only when its lease ends
    assertThat(old.claim("old", "new", HOUR, SELF).orElseThrow().number()).isEqualTo(1);
    clock.set(T0 + 10_001);
    assertThat(old.claim("old", "new", HOUR, SELF).orElseThrow().number()).isZero();
    Map<String, Object> params = old.trials("old").get(0).params();
    assertThat(params).containsKey("learningRate");
  }
}
