package dev.tweetox.tuning;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The operating-system process that holds a trial: host, process id and process start time, recorded with each
 * claim so that a worker on the same host can tell for sure that the holder is gone and take its trial at once,
 * instead of waiting for the lease.
 *
 * @param host the host name, plus the PID namespace on Linux (containers sharing a host name but not their process
 *     ids must not judge each other's processes)
 * @param startMs the process start time in epoch milliseconds, or null where the platform does not report it
 */
public record WorkerProcess(String host, long pid, Long startMs) {
  /**
   * How far two readings of one process's start time may differ. Linux derives it from the boot time, which the
   * kernel reports to the second and which NTP may nudge, so a new JVM can read it a second off.
   */
  static final long START_TOLERANCE_MS = 2_000;

  /** This process. */
  public static WorkerProcess current() {
    ProcessHandle self = ProcessHandle.current();
    return new WorkerProcess(localHost(), self.pid(), startMs(self).orElse(null));
  }

  static String localHost() {
    // "pid@host", as the JVM resolved it at startup: no second name lookup that could hang
    String name = ManagementFactory.getRuntimeMXBean().getName();
    String host = name.substring(name.indexOf('@') + 1);
    try {
      Path ns = Path.of("/proc/self/ns/pid");
      if (Files.exists(ns)) {
        host += " " + Files.readSymbolicLink(ns); // e.g. "pid:[4026531836]"
      }
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      // not Linux, or not allowed: the host name alone
    }
    return host;
  }

  private static Optional<Long> startMs(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli);
  }

  /**
   * True only when this process provably no longer runs: no live process has its id, or the one that has it
   * started at another time (the id was reused). Meaningful only for a process recorded with this host's
   * {@link #host}.
   */
  public boolean gone() {
    Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (p.isEmpty()) {
      return true;
    }
    Optional<Long> start = startMs(p.get());
    return startMs != null && start.isPresent() && Math.abs(start.get() - startMs) > START_TOLERANCE_MS;
  }

  @Override
  public String toString() {
    return "pid " + pid + " on " + host;
  }
}
