package dev.tweetox.tuning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Claiming trials and keeping the claims alive. A trial is free when it is pending, when its lease ran out, or when
 * its holder ran on this host and that process is {@link WorkerProcess#gone provably gone}: the last case lets a
 * restarted worker take its own orphan at once, whatever the lease. A claim records the holder's host, process id
 * and start time for that check.
 */
final class TrialLeases {
  private static final String PENDING = "'" + TrialStatus.PENDING.key() + "'";
  private static final String RUNNING = "'" + TrialStatus.RUNNING.key() + "'";

  private final Jdbc db;
  private final LongSupplier clock;

  TrialLeases(Jdbc db, LongSupplier clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * A free trial: its claim count for the compare-and-set, and whether it is free because its holder is gone (else
   * it is pending or its lease ran out).
   */
  private record Free(int number, int attempts, boolean orphan) {}

  /** Claims the lowest-numbered free trial for {@code worker}, running as {@code self}; empty when none is free. */
  Optional<TrialRecord> claim(String study, String worker, long leaseMs, WorkerProcess self) {
    return db.tx(c -> {
      for (int tries = 0; tries < 10; tries++) {
        long now = clock.getAsLong();
        Optional<Free> free = lowest(freeByLease(c, study, now), orphanOnThisHost(c, study, now, self));
        if (free.isEmpty()) {
          return Optional.<TrialRecord>empty();
        }
        // attempts counts claims, so an unchanged count means nobody claimed the trial since we looked
        try (PreparedStatement u = c.prepareStatement("UPDATE tune_trial SET status = " + RUNNING + ", worker = ?,"
            + " attempts = attempts + 1, lease_until_ms = ?, started_ms = ?, finished_ms = NULL, error = NULL,"
            + " owner_host = ?, owner_pid = ?, owner_start_ms = ? WHERE study = ? AND number = ? AND attempts = ?"
            + (free.get().orphan() ? " AND status = " + RUNNING
                : " AND (status = " + PENDING + " OR (status = " + RUNNING + " AND lease_until_ms < " + now + "))"))) {
          u.setString(1, worker);
          u.setLong(2, now + leaseMs);
          u.setLong(3, now);
          u.setString(4, self.host());
          u.setLong(5, self.pid());
          if (self.startMs() == null) {
            u.setNull(6, java.sql.Types.BIGINT);
          } else {
            u.setLong(6, self.startMs());
          }
          u.setString(7, study);
          u.setInt(8, free.get().number());
          u.setInt(9, free.get().attempts());
          if (u.executeUpdate() == 1) {
            return Optional.of(TrialRows.trial(c, study, free.get().number()));
          }
        }
      }
      return Optional.<TrialRecord>empty();
    });
  }

  private static Optional<Free> lowest(Optional<Free> a, Optional<Free> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isPresent() && b.get().number() < a.get().number() ? b : a;
  }

  /** The lowest pending trial, or running one whose lease ran out. */
  private static Optional<Free> freeByLease(Connection c, String study, long now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT number, attempts FROM tune_trial WHERE study = ? AND"
        + " (status = " + PENDING + " OR (status = " + RUNNING + " AND lease_until_ms < ?))"
        + " ORDER BY number LIMIT 1")) {
      p.setString(1, study);
      p.setLong(2, now);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(new Free(r.getInt(1), r.getInt(2), false)) : Optional.empty();
      }
    }
  }

  /** The lowest running trial, still under lease, whose holder ran on this host and is gone. */
  private static Optional<Free> orphanOnThisHost(Connection c, String study, long now, WorkerProcess self)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT number, attempts, owner_pid, owner_start_ms FROM"
        + " tune_trial WHERE study = ? AND status = " + RUNNING + " AND owner_host = ? AND lease_until_ms >= ?"
        + " ORDER BY number")) {
      p.setString(1, study);
      p.setString(2, self.host());
      p.setLong(3, now);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long start = r.getLong(4);
          WorkerProcess holder = new WorkerProcess(self.host(), r.getLong(3), r.wasNull() ? null : start);
          if (holder.gone()) {
            return Optional.of(new Free(r.getInt(1), r.getInt(2), true));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Extends a running trial's lease; false when the worker no longer owns it. */
  boolean heartbeat(String study, int number, String worker, long leaseMs) {
    return db.tx(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE tune_trial SET lease_until_ms = ? WHERE study = ?"
          + " AND number = ? AND worker = ? AND status = " + RUNNING)) {
        u.setLong(1, clock.getAsLong() + leaseMs);
        u.setString(2, study);
        u.setInt(3, number);
        u.setString(4, worker);
        return u.executeUpdate() == 1;
      }
    });
  }

  /** When a running trial's lease ends, in epoch milliseconds. */
  Optional<Long> leaseUntil(String study, int number) {
    return db.tx(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT lease_until_ms FROM tune_trial WHERE study = ? AND"
          + " number = ? AND status = " + RUNNING)) {
        p.setString(1, study);
        p.setInt(2, number);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.<Long>empty();
          }
          long v = r.getLong(1);
          return r.wasNull() ? Optional.<Long>empty() : Optional.of(v);
        }
      }
    });
  }
}
