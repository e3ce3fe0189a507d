package dev.tweetox.transformer.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of the whole process, native libtorch threads included. Throughput per CPU-second stays meaningful when
 * other processes share the cores, where wall-clock throughput drops with the share this process gets.
 */
public final class CpuClock {
  private CpuClock() {}

  /** Process CPU time in nanoseconds, or -1 when the JVM does not report it. */
  public static long processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** A wall and CPU interval measured together. */
  public record Interval(double wallSeconds, double cpuSeconds) {
    /** CPU-seconds per wall-second: about the thread count when the process has the cores to itself. */
    public double busyCores() {
      return cpuSeconds / wallSeconds;
    }
  }

  /** Starts an interval; {@link Mark#stop()} ends it. */
  public static Mark start() {
    return new Mark(System.nanoTime(), processNanos());
  }

  /** The start of an interval. */
  public record Mark(long wallNanos, long cpuNanos) {
    public Interval stop() {
      long cpu = processNanos();
      double cpuSeconds = cpuNanos < 0 || cpu < 0 ? Double.NaN : (cpu - cpuNanos) / 1e9;
      return new Interval((System.nanoTime() - wallNanos) / 1e9, cpuSeconds);
    }
  }
}
