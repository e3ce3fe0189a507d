package dev.tweetox.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tweetox.config.ConfigLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading {@code tune_trial} rows into {@link TrialRecord}s, shared by the store's queries. */
final class TrialRows {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private TrialRows() {}

  static final String SELECT = "SELECT number, params_json, status, worker, attempts, started_ms,"
      + " finished_ms, value, test_value, best_epoch, checkpoint, error FROM tune_trial";

  static TrialRecord trial(Connection c, String study, int number) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE study = ? AND number = ?")) {
      p.setString(1, study);
      p.setInt(2, number);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return row(r);
      }
    }
  }

  static TrialRecord row(ResultSet r) throws SQLException {
    return new TrialRecord(r.getInt(1), params(r.getString(2)), TrialStatus.fromKey(r.getString(3)),
        r.getString(4), r.getInt(5),
        getLong(r, 6), getLong(r, 7), getDouble(r, 8), getDouble(r, 9), getDouble(r, 10), r.getString(11),
        r.getString(12));
  }

  private static Long getLong(ResultSet r, int i) throws SQLException {
    long v = r.getLong(i);
    return r.wasNull() ? null : v;
  }

  private static Double getDouble(ResultSet r, int i) throws SQLException {
    double v = r.getDouble(i);
    return r.wasNull() ? null : v;
  }

  private static Map<String, Object> params(String json) {
    try {
      return java.util.Collections.unmodifiableMap(ConfigLoader.json().readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored trial parameters are not JSON: " + json, e);
    }
  }
}
