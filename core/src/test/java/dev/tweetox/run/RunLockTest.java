package dev.tweetox.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final PrintWriter log = new PrintWriter(out);

  private void writeLock(Path runDir, RunLock.Holder h) throws IOException {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve(RunLock.FILE), new ObjectMapper().writeValueAsString(h));
  }

  @Test
  void aLiveHolderIsRefusedWithItsPidHostAndLockFile() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      RunLock.Holder h = new RunLock.Holder(other.pid(), RunLock.hostName(),
          RunLock.startMillis(other.toHandle()).orElse(-1L));
      writeLock(tmp, h);
      RunDirectory dir = new RunDirectory(tmp);
      assertThatThrownBy(() -> RunLock.acquire(dir, log)).isInstanceOf(TweetoxException.class)
          .hasMessageContaining("PID " + other.pid()).hasMessageContaining(" on " + RunLock.hostName())
          .hasMessageContaining(tmp.resolve(RunLock.FILE).toString()).hasMessageContaining("--run-dir");
      assertThat(Files.exists(tmp.resolve(RunLock.FILE))).isTrue();
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLockOfADeadPidIsTakenOverWithANoticeAndReleasedOnClose() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    writeLock(tmp, new RunLock.Holder(gone.pid(), RunLock.hostName(), 12345L));
    RunDirectory dir = new RunDirectory(tmp);
    try (RunLock lock = RunLock.acquire(dir, log)) {
      assertThat(out.toString()).contains("taking over the stale lock").contains("PID " + gone.pid());
      assertThat(Files.readString(tmp.resolve(RunLock.FILE))).contains("\"pid\":" + ProcessHandle.current().pid());
    }
    assertThat(Files.exists(tmp.resolve(RunLock.FILE))).isFalse();
  }

  @Test
  void aRecycledPidWithAnotherStartTimeIsStale() throws Exception {
    // This process's PID, but a start time from long ago: the process that took the lock is gone.
    writeLock(tmp, new RunLock.Holder(ProcessHandle.current().pid(), RunLock.hostName(), 1000L));
    try (RunLock lock = RunLock.acquire(new RunDirectory(tmp), log)) {
      assertThat(out.toString()).contains("taking over the stale lock");
    }
  }

  @Test
  void aLockOnAnotherHostIsNeverTakenOver() throws Exception {
    writeLock(tmp, new RunLock.Holder(1, "some-other-host.example", 1000L));
    assertThatThrownBy(() -> RunLock.acquire(new RunDirectory(tmp), log))
        .hasMessageContaining("PID 1 on some-other-host.example").hasMessageContaining("delete ");
  }

  @Test
  void theSameProcessMayTakeItAgainAndAnExceptionStillReleasesIt() {
    RunDirectory dir = new RunDirectory(tmp.resolve("run"));
    assertThatThrownBy(() -> {
      try (RunLock outer = RunLock.acquire(dir, log); RunLock inner = RunLock.acquire(dir, log)) {
        assertThat(Files.exists(dir.resolve(RunLock.FILE))).isTrue();
        throw new IllegalStateException("boom");
      }
    }).hasMessage("boom");
    assertThat(Files.exists(dir.resolve(RunLock.FILE))).isFalse();
  }

  @Test
  void aCommandThatWroteNothingLeavesNoFolderBehind() throws IOException {
    Path runs = tmp.resolve("runs");
    try (RunLock lock = RunLock.acquire(new RunDirectory(runs.resolve("x")), log)) {
      assertThat(runs.resolve("x").resolve(RunLock.FILE)).exists();
    }
    assertThat(runs).doesNotExist();
    try (RunLock lock = RunLock.acquire(new RunDirectory(runs.resolve("y")), log)) {
      Files.writeString(runs.resolve("y/config.json"), "{}");
    }
    assertThat(runs.resolve("y/config.json")).exists();
    assertThat(runs.resolve("y").resolve(RunLock.FILE)).doesNotExist();
  }

  @Test
  void aReadOnlyRunDirectoryIsNamedBeforeAnyWork() throws IOException {
    assumeFalse(System.getProperty("user.name").equals("root"), "root may write to a read-only folder");
    Path ro = Files.createDirectories(tmp.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> RunLock.acquire(new RunDirectory(ro), log)).isInstanceOf(TweetoxException.class)
          .hasMessageContaining("cannot write to the run directory " + ro).hasMessageContaining("--run-dir");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
