package dev.tweetox.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The study store over JDBC: SQLite ({@code jdbc:sqlite:<file>}, WAL, busy timeout) by default, PostgreSQL
 * ({@code jdbc:postgresql://...}) for workers on several machines. Every call opens a short-lived connection and
 * holds no lock between calls, so processes (and the heartbeat thread) share it safely.
 *
 * <p>Trials are claimed with a compare-and-set {@code UPDATE} (see {@link TrialLeases}), inside a {@code BEGIN
 * IMMEDIATE} transaction on SQLite: at most one worker wins a trial. Leases use the workers' clocks, so machines
 * sharing a PostgreSQL study need synchronised clocks (NTP) to within a small part of the lease.
 */
public final class StudyStore {
  /** File name of the default SQLite store inside the run directory. */
  public static final String DEFAULT_FILE = "tune.db";
  /** Status words as SQL literals. */
  private static final String PENDING = "'" + TrialStatus.PENDING.key() + "'";
  private static final String RUNNING = "'" + TrialStatus.RUNNING.key() + "'";

  private final Jdbc db;
  private final LongSupplier clock;
  private final TrialLeases leases;

  private StudyStore(Jdbc db, LongSupplier clock) {
    this.db = db;
    this.clock = clock;
    this.leases = new TrialLeases(db, clock);
  }

  /** The same store read through another clock (epoch milliseconds), for tests of leases. */
  StudyStore withClock(LongSupplier testClock) {
    return new StudyStore(db, testClock);
  }

  /**
   * Opens (creating the tables if needed) the store at {@code storage}: a JDBC URL, a plain file path (SQLite), or
   * null for {@code <runDir>/tune.db}.
   */
  public static StudyStore open(String storage, Path runDir) {
    String u;
    if (storage == null || storage.isBlank()) {
      u = "jdbc:sqlite:" + runDir.resolve(DEFAULT_FILE).toAbsolutePath();
    } else if (storage.startsWith("jdbc:")) {
      u = storage;
    } else {
      u = "jdbc:sqlite:" + Path.of(storage).toAbsolutePath();
    }
    StudyStore store = new StudyStore(new Jdbc(u), System::currentTimeMillis);
    if (u.startsWith(Jdbc.SQLITE)) {
      Path file = Path.of(u.substring(Jdbc.SQLITE.length()));
      try {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new TweetoxException("cannot create the folder of the study store " + file + ": " + e.getMessage());
      }
    }
    StudySchema.create(store.db);
    return store;
  }

  /** The URL with any password removed, for messages and logs. */
  public String describe() {
    return db.describe();
  }

  private <T> T tx(Jdbc.Work<T> work) {
    return db.tx(work);
  }

  /**
   * Creates the study with its trials, or checks that the stored one has the same space and settings.
   *
   * @throws TweetoxException when the study exists with another space or other settings
   */
  public void openStudy(StudySettings settings, SearchSpace space) {
    List<Map<String, Object>> configs = settings.configurations(space);
    String spaceJson = space.toJson();
    String settingsJson = settings.toJson();
    tx(c -> {
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO tune_study (name, model, space_json,"
          + " settings_json, trials, created_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        ins.setString(1, settings.study());
        ins.setString(2, settings.model().key());
        ins.setString(3, spaceJson);
        ins.setString(4, settingsJson);
        ins.setInt(5, configs.size());
        ins.setLong(6, clock.getAsLong());
        if (ins.executeUpdate() == 0) {
          return null; // it existed: checked below, outside the transaction
        }
      }
      try (PreparedStatement t = c.prepareStatement("INSERT INTO tune_trial (study, number, params_json, status,"
          + " attempts) VALUES (?, ?, ?, " + PENDING + ", 0) ON CONFLICT (study, number) DO NOTHING")) {
        for (int i = 0; i < configs.size(); i++) {
          t.setString(1, settings.study());
          t.setInt(2, i);
          t.setString(3, json(configs.get(i)));
          t.addBatch();
        }
        t.executeBatch();
      }
      return null;
    });
    StudyInfo stored = study(settings.study()).orElseThrow();
    if (!StudySettings.sameJson(stored.spaceJson(), spaceJson)) {
      throw new TweetoxException("study '" + settings.study() + "' in " + describe() + " was made with another"
          + " search space (stored " + stored.spaceJson() + ", given " + spaceJson + "); use the same --space,"
          + " or another --study name");
    }
    if (!StudySettings.sameJson(stored.settingsJson(), settingsJson)) {
      throw new TweetoxException("study '" + settings.study() + "' in " + describe() + " was made with other"
          + " settings (stored " + stored.settingsJson() + ", given " + settingsJson + "); repeat the original"
          + " --strategy/--trials/--seed/--subset/--preset and model settings, or use another --study name");
    }
  }

  /** A study's header row. */
  public record StudyInfo(String name, String model, String spaceJson, String settingsJson, int trials) {}

  public Optional<StudyInfo> study(String name) {
    return tx(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT name, model, space_json, settings_json, trials"
          + " FROM tune_study WHERE name = ?")) {
        p.setString(1, name);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(new StudyInfo(r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getInt(5))) : Optional.<StudyInfo>empty();
        }
      }
    });
  }

  public List<StudyInfo> studies() {
    return tx(c -> {
      List<StudyInfo> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name, model, space_json,"
          + " settings_json, trials FROM tune_study ORDER BY created_ms, name")) {
        while (r.next()) {
          out.add(new StudyInfo(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
        }
      }
      return out;
    });
  }

  /**
   * Claims the lowest-numbered free trial for {@code worker}: pending, or running under a lease that ran out, or
   * running for a process of this host that is gone. Empty when none is free now.
   */
  public Optional<TrialRecord> claim(String study, String worker, long leaseMs) {
    return claim(study, worker, leaseMs, WorkerProcess.current());
  }

  /** {@link #claim(String, String, long)} as the process {@code self}. */
  Optional<TrialRecord> claim(String study, String worker, long leaseMs, WorkerProcess self) {
    return leases.claim(study, worker, leaseMs, self);
  }

  /** Extends a running trial's lease; false when the worker no longer owns it (its lease ran out and it was taken). */
  public boolean heartbeat(String study, int number, String worker, long leaseMs) {
    return leases.heartbeat(study, number, worker, leaseMs);
  }

  /** When a running trial's lease ends (epoch milliseconds); empty when it does not run. */
  Optional<Long> leaseUntil(String study, int number) {
    return leases.leaseUntil(study, number);
  }

  /** Records one validation of a running trial (replacing an earlier row for the same step). */
  public void addMetric(String study, int number, String worker, int step, double epoch, double budget,
      double macroF1, double accuracy, double loss) {
    tx(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO tune_metric (study, number, step, epoch, budget,"
          + " val_macro_f1, val_accuracy, val_loss, worker, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (study, number, step) DO UPDATE SET epoch = excluded.epoch, budget = excluded.budget,"
          + " val_macro_f1 = excluded.val_macro_f1, val_accuracy = excluded.val_accuracy,"
          + " val_loss = excluded.val_loss, worker = excluded.worker, at_ms = excluded.at_ms")) {
        p.setString(1, study);
        p.setInt(2, number);
        p.setInt(3, step);
        p.setDouble(4, epoch);
        p.setDouble(5, budget);
        p.setDouble(6, macroF1);
        p.setDouble(7, accuracy);
        p.setDouble(8, loss);
        p.setString(9, worker);
        p.setLong(10, clock.getAsLong());
        p.executeUpdate();
      }
      return null;
    });
  }

  /** Records a trial's value at a rung and returns every value reported at that rung so far (its own included). */
  public List<Double> reportRung(String study, int number, int rung, double value) {
    return tx(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO tune_rung (study, number, rung, value)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (study, number, rung) DO UPDATE SET value = excluded.value")) {
        p.setString(1, study);
        p.setInt(2, number);
        p.setInt(3, rung);
        p.setDouble(4, value);
        p.executeUpdate();
      }
      List<Double> out = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT value FROM tune_rung WHERE study = ? AND rung = ?"
          + " ORDER BY number")) {
        q.setString(1, study);
        q.setInt(2, rung);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            out.add(r.getDouble(1));
          }
        }
      }
      return out;
    });
  }

  /** Each trial's validation macro-F1 when it reached halving rung {@code rung}, by trial number. */
  public Map<Integer, Double> rungValues(String study, int rung) {
    return tx(c -> {
      Map<Integer, Double> out = new LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT number, value FROM tune_rung WHERE study = ?"
          + " AND rung = ? ORDER BY number")) {
        q.setString(1, study);
        q.setInt(2, rung);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            out.put(r.getInt(1), r.getDouble(2));
          }
        }
      }
      return out;
    });
  }

  /** Ends a trial this worker owns; false (and nothing written) when another worker has taken it over. */
  public boolean finish(String study, int number, String worker, TrialOutcome o) {
    return tx(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE tune_trial SET status = ?, finished_ms = ?,"
          + " value = ?, test_value = ?, best_epoch = ?, checkpoint = ?, error = ?, lease_until_ms = NULL"
          + " WHERE study = ? AND number = ? AND worker = ? AND status = " + RUNNING)) {
        u.setString(1, o.status().key());
        u.setLong(2, clock.getAsLong());
        setDouble(u, 3, o.value());
        setDouble(u, 4, o.testValue());
        setDouble(u, 5, o.bestEpoch());
        u.setString(6, o.checkpoint());
        u.setString(7, o.error());
        u.setString(8, study);
        u.setInt(9, number);
        u.setString(10, worker);
        return u.executeUpdate() == 1;
      }
    });
  }

  /** Sets a finished trial's test macro-F1 (computed after the study, for its best trial). */
  public void setTestValue(String study, int number, double value) {
    tx(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE tune_trial SET test_value = ? WHERE study = ?"
          + " AND number = ?")) {
        u.setDouble(1, value);
        u.setString(2, study);
        u.setInt(3, number);
        return u.executeUpdate();
      }
    });
  }

  private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
    if (v == null || v.isNaN()) {
      p.setNull(i, Types.DOUBLE);
    } else {
      p.setDouble(i, v);
    }
  }

  /** Every trial of a study, by number. */
  public List<TrialRecord> trials(String study) {
    return tx(c -> {
      List<TrialRecord> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(TrialRows.SELECT + " WHERE study = ? ORDER BY number")) {
        p.setString(1, study);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(TrialRows.row(r));
          }
        }
      }
      return out;
    });
  }

  /** One validation row of a trial. */
  public record Metric(int number, int step, double epoch, double budget, double macroF1) {}

  public List<Metric> metrics(String study) {
    return tx(c -> {
      List<Metric> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT number, step, epoch, budget, val_macro_f1 FROM"
          + " tune_metric WHERE study = ? ORDER BY number, step")) {
        p.setString(1, study);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new Metric(r.getInt(1), r.getInt(2), r.getDouble(3), r.getDouble(4), r.getDouble(5)));
          }
        }
      }
      return out;
    });
  }

  static String json(Map<String, Object> params) {
    try {
      return ConfigLoader.json().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }


}
