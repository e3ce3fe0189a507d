package dev.tweetox.tuning;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The study store's tables, created when missing; a store made by an older tweetox gets the columns added since,
 * so its studies resume as they are.
 */
final class StudySchema {
  /** Columns added to {@code tune_trial} after the first release, with their SQL types (null in old rows). */
  private static final Map<String, String> ADDED_TRIAL_COLUMNS = new LinkedHashMap<>();

  static {
    // who holds a running trial: lets a worker on the same host take over a trial whose process is gone
    ADDED_TRIAL_COLUMNS.put("owner_host", "TEXT");
    ADDED_TRIAL_COLUMNS.put("owner_pid", "BIGINT");
    ADDED_TRIAL_COLUMNS.put("owner_start_ms", "BIGINT");
  }

  private StudySchema() {}

  static void create(Jdbc db) {
    db.tx(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS tune_study (name TEXT PRIMARY KEY, model TEXT NOT NULL,"
            + " space_json TEXT NOT NULL, settings_json TEXT NOT NULL, trials INTEGER NOT NULL,"
            + " created_ms BIGINT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tune_trial (study TEXT NOT NULL, number INTEGER NOT NULL,"
            + " params_json TEXT NOT NULL, status TEXT NOT NULL, worker TEXT, attempts INTEGER NOT NULL,"
            + " lease_until_ms BIGINT, started_ms BIGINT, finished_ms BIGINT, value DOUBLE PRECISION,"
            + " test_value DOUBLE PRECISION, best_epoch DOUBLE PRECISION, checkpoint TEXT, error TEXT,"
            + " owner_host TEXT, owner_pid BIGINT, owner_start_ms BIGINT, PRIMARY KEY (study, number))");
        s.execute("CREATE TABLE IF NOT EXISTS tune_metric (study TEXT NOT NULL, number INTEGER NOT NULL,"
            + " step INTEGER NOT NULL, epoch DOUBLE PRECISION, budget DOUBLE PRECISION,"
            + " val_macro_f1 DOUBLE PRECISION, val_accuracy DOUBLE PRECISION, val_loss DOUBLE PRECISION,"
            + " worker TEXT, at_ms BIGINT, PRIMARY KEY (study, number, step))");
        s.execute("CREATE TABLE IF NOT EXISTS tune_rung (study TEXT NOT NULL, number INTEGER NOT NULL,"
            + " rung INTEGER NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (study, number, rung))");
      }
      return null;
    });
    // Its own transaction: two workers upgrading one store at once make one ALTER fail, and the retry then finds
    // the column there.
    db.tx(c -> {
      Set<String> have = trialColumns(c);
      try (Statement s = c.createStatement()) {
        for (Map.Entry<String, String> col : ADDED_TRIAL_COLUMNS.entrySet()) {
          if (!have.contains(col.getKey())) {
            s.execute("ALTER TABLE tune_trial ADD COLUMN " + col.getKey() + " " + col.getValue());
          }
        }
      }
      return null;
    });
  }

  /** The column names of {@code tune_trial}, lower case, as the database reports them for a query of it. */
  static Set<String> trialColumns(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM tune_trial WHERE 1 = 0")) {
      ResultSetMetaData m = r.getMetaData();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        out.add(m.getColumnName(i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
