package dev.tweetox.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate worker JVMs sharing one study: no trial runs twice, and a killed worker's trial is taken over. */
class MultiWorkerTest {
  @TempDir Path tmp;

  static Process worker(String url, String study, String id, long leaseMs, long msPerEpoch, Path ranLog, Path out)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        FakeWorkerMain.class.getName(), url, study, id, String.valueOf(leaseMs), String.valueOf(msPerEpoch),
        ranLog.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  static void await(Process p, Path out) throws Exception {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("worker finished").isTrue();
    assertThat(p.exitValue()).as("worker exit code; output:\n" + Files.readString(out)).isZero();
  }

  static List<Integer> ran(Path... logs) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (Path l : logs) {
      if (Files.exists(l)) {
        Files.readAllLines(l).stream().filter(s -> !s.isBlank()).map(Integer::parseInt).forEach(out::add);
      }
    }
    return out;
  }

  /** Two workers on one study: together they run each of the 12 trials exactly once. */
  static void twoWorkersShareAStudy(String url, String study, Path dir) throws Exception {
    Path logA = dir.resolve("ran-a.txt");
    Path logB = dir.resolve("ran-b.txt");
    Process a = worker(url, study, "worker-a", 20_000, 40, logA, dir.resolve("a.out"));
    Process b = worker(url, study, "worker-b", 20_000, 40, logB, dir.resolve("b.out"));
    await(a, dir.resolve("a.out"));
    await(b, dir.resolve("b.out"));
    assertThat(ran(logA, logB)).hasSize(12).doesNotHaveDuplicates();
    assertThat(ran(logA)).as("both workers got trials").isNotEmpty();
    assertThat(ran(logB)).isNotEmpty();
    List<TrialRecord> trials = StudyStore.open(url, dir).trials(study);
    assertThat(trials).hasSize(12).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE);
      assertThat(t.attempts()).isEqualTo(1);
      assertThat(t.value()).isCloseTo(FakeObjective.quality(t.params()), org.assertj.core.data.Offset.offset(1e-12));
    });
  }

  @Test
  void twoSqliteWorkerProcessesRunEachTrialOnce() throws Exception {
    twoWorkersShareAStudy("jdbc:sqlite:" + tmp.resolve("study.db"), "s12", tmp);
  }

  @Test
  void twoPostgresWorkerProcessesRunEachTrialOnce() throws Exception {
    String study = "pg-" + Long.toHexString(System.nanoTime());
    twoWorkersShareAStudy(postgresUrl(), study, tmp);
  }

  static String postgresUrl() {
    String url = System.getenv("TWEETOX_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true but TWEETOX_TEST_PG_URL is unset: .ci/run should have started"
            + " PostgreSQL and exported it");
      }
      Assumptions.abort("TWEETOX_TEST_PG_URL is unset: no PostgreSQL server to test against (.ci/run starts one)");
    }
    return url;
  }

  /**
   * A worker killed on this host holds its trial under an hour's lease; a worker started after it takes the trial
   * at once (else it would outwait the 120 s the test allows), and runs every trial exactly once.
   */
  static void aKilledWorkersTrialOnThisHostIsTakenAtOnce(String url, String study, Path dir) throws Exception {
    Path logA = dir.resolve("ran-a.txt");
    Process a = worker(url, study, "doomed", 3_600_000, 60_000, logA, dir.resolve("a.out"));
    long deadline = System.currentTimeMillis() + 60_000;
    while (ran(logA).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ran(logA)).as("the doomed worker started a trial").containsExactly(0);
    a.destroyForcibly().waitFor();
    Path logB = dir.resolve("ran-b.txt");
    Process b = worker(url, study, "restarted", 3_600_000, 10, logB, dir.resolve("b.out"));
    await(b, dir.resolve("b.out"));
    List<TrialRecord> after = StudyStore.open(url, dir).trials(study);
    assertThat(after).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
    assertThat(after.get(0).worker()).isEqualTo("restarted");
    assertThat(after.get(0).attempts()).isEqualTo(2);
    assertThat(ran(logB)).hasSize(12).doesNotHaveDuplicates();
    assertThat(ran(logB).get(0)).as("the orphan is taken first").isZero();
  }

  @Test
  void aKilledSqliteWorkersTrialOnThisHostIsTakenAtOnce() throws Exception {
    aKilledWorkersTrialOnThisHostIsTakenAtOnce("jdbc:sqlite:" + tmp.resolve("study.db"), "orphan", tmp);
  }

  @Test
  void aKilledPostgresWorkersTrialOnThisHostIsTakenAtOnce() throws Exception {
    aKilledWorkersTrialOnThisHostIsTakenAtOnce(postgresUrl(), "pg-orphan-" + Long.toHexString(System.nanoTime()),
        tmp);
  }

  /** A dead worker's trial recorded as held on another host is taken once its lease ends. */
  @Test
  void aKilledWorkersTrialIsTakenOverAfterItsLease() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("study.db");
    Path logA = tmp.resolve("ran-a.txt");
    // slow trials (2-3 s each) and a 1.5 s lease: kill the worker while its first trial runs
    Process a = worker(url, "k", "doomed", 1500, 1000, logA, tmp.resolve("a.out"));
    long deadline = System.currentTimeMillis() + 60_000;
    while (ran(logA).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ran(logA)).as("the doomed worker started a trial").containsExactly(0);
    a.destroyForcibly().waitFor();
    List<TrialRecord> before = StudyStore.open(url, tmp).trials("k");
    assertThat(before.get(0).status()).isEqualTo(TrialStatus.RUNNING);
    assertThat(before.get(0).worker()).isEqualTo("doomed");
    // as if it had run on another machine: only the lease can free its trial
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE tune_trial SET owner_host = 'another-host' WHERE number = 0")).isOne();
    }

    Path logB = tmp.resolve("ran-b.txt");
    Process b = worker(url, "k", "rescuer", 1500, 10, logB, tmp.resolve("b.out"));
    await(b, tmp.resolve("b.out"));
    List<TrialRecord> after = StudyStore.open(url, tmp).trials("k");
    assertThat(after).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
    assertThat(after.get(0).worker()).isEqualTo("rescuer");
    assertThat(after.get(0).attempts()).isEqualTo(2);
    assertThat(after.subList(1, 12)).allSatisfy(t -> assertThat(t.attempts()).isEqualTo(1));
    assertThat(ran(logB)).hasSize(12).doesNotHaveDuplicates();
  }
}
