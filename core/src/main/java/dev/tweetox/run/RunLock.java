package dev.tweetox.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One process at a time per run directory: {@code <runDir>/.lock} names the holder's PID, host and process start
 * time. A second process refuses with that holder named; a lock left by a process that is provably gone (same host,
 * and the PID is not alive or now belongs to a process that started at another time) is taken over with a notice.
 * Locks are re-entrant within one process (a command that calls another pipeline function on the same folder).
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE = ".lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the lock file holds. {@code started} is the process start time in epoch milliseconds, -1 if unknown. */
  public record Holder(long pid, String host, long started) {
    static Holder self() {
      ProcessHandle me = ProcessHandle.current();
      return new Holder(me.pid(), hostName(), startMillis(me).orElse(-1L));
    }

    /** True when this holder is certainly dead: on this host, and its PID is gone or is another process now. */
    boolean provablyGone() {
      if (!host.equals(hostName())) {
        return false;
      }
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isEmpty() || !p.get().isAlive()) {
        return true;
      }
      Optional<Long> now = startMillis(p.get());
      // A recycled PID: the live process started at another time than the one that took the lock.
      return started >= 0 && now.isPresent() && Math.abs(now.get() - started) > 1000;
    }

    @Override
    public String toString() {
      return "PID " + pid + " on " + host
          + (started >= 0 ? " (started " + Instant.ofEpochMilli(started) + ")" : "");
    }
  }

  private final Path file;
  private final Optional<Thread> releaseOnExit;
  private final Optional<Path> created;

  private RunLock(Path file, Optional<Thread> releaseOnExit, Optional<Path> created) {
    this.file = file;
    this.releaseOnExit = releaseOnExit;
    this.created = created;
  }

  /**
   * Takes the lock of a run directory, creating the directory if needed.
   *
   * @throws TweetoxException naming the holder and the lock file when another live process holds it, or naming the
   *     directory when it cannot be written
   */
  public static RunLock acquire(RunDirectory dir, PrintWriter log) {
    Path file = dir.resolve(FILE);
    Holder me = Holder.self();
    Optional<Path> created = Optional.empty();
    try {
      for (Path p = dir.path(); p != null && !Files.exists(p); p = p.getParent()) {
        created = Optional.of(p);
      }
      Files.createDirectories(dir.path());
    } catch (IOException e) {
      throw notWritable(dir, e);
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        create(file, me);
        // Ctrl-C runs shutdown hooks but not the caller's finally blocks.
        Thread hook = new Thread(() -> releaseIfMine(file, me), "tweetox-run-lock");
        Runtime.getRuntime().addShutdownHook(hook);
        return new RunLock(file, Optional.of(hook), created);
      } catch (FileAlreadyExistsException e) {
        Optional<Holder> holder = read(file);
        if (holder.isEmpty()) {
          continue; // released between our two calls
        }
        Holder h = holder.get();
        if (h.pid() == me.pid() && h.host().equals(me.host()) && h.started() == me.started()) {
          return new RunLock(file, Optional.empty(), Optional.empty());
        }
        if (!h.provablyGone()) {
          throw new TweetoxException(dir + " is in use by another tweetox process (" + h + "; lock file " + file
              + "). Wait for it to finish, stop it, or use another --run-dir; if that process is gone for sure"
              + " (e.g. it ran on another host), delete " + file);
        }
        log.println("run directory: taking over the stale lock " + file + " of " + h + ", which is no longer running");
        log.flush();
        try {
          Files.deleteIfExists(file);
        } catch (IOException ex) {
          throw notWritable(dir, ex);
        }
      } catch (IOException e) {
        throw notWritable(dir, e);
      }
    }
    throw new TweetoxException("could not take the lock " + file + " (other processes keep taking it); retry");
  }

  /**
   * Writes the holder to a temporary file, then links it into place: link(2) fails if the lock exists, and the lock
   * is never seen half-written.
   */
  private static void create(Path file, Holder me) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".lock-", ".tmp");
    try {
      Files.writeString(tmp, JSON.writeValueAsString(me) + "\n", StandardCharsets.UTF_8);
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.writeString(file, JSON.writeValueAsString(me) + "\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Optional<Holder> read(Path file) {
    try {
      return Optional.of(JSON.readValue(Files.readString(file), Holder.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TweetoxException(file + " is not a lock file this tweetox can read (" + e.getMessage()
          + "); if no tweetox process uses this run directory, delete it", e);
    }
  }

  private static TweetoxException notWritable(RunDirectory dir, IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
    return new TweetoxException("cannot write to the run directory " + dir + " (" + reason
        + "); make it writable or pass another --run-dir", e);
  }

  private static void releaseIfMine(Path file, Holder me) {
    try {
      if (read(file).filter(me::equals).isPresent()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort on shutdown; a lock left behind is stale and taken over next time
    }
  }

  @Override
  public void close() {
    releaseOnExit.ifPresent(hook -> {
      releaseIfMine(file, Holder.self());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and finds the lock gone
      }
    });
    // A command that failed before writing anything leaves no folder behind, as before the lock existed.
    created.ifPresent(top -> {
      for (Path p = file.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
        try {
          Files.delete(p);
        } catch (IOException notEmpty) {
          return;
        }
      }
    });
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }

  /** The process start time: ProcessHandle reads it from /proc/<pid>/stat (field 22) on Linux. */
  static Optional<Long> startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli);
  }
}
