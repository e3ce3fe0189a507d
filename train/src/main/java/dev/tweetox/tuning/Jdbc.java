package dev.tweetox.tuning;

import dev.tweetox.TweetoxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Short transactions against one JDBC URL. SQLite connections use WAL, a long busy timeout and {@code BEGIN
 * IMMEDIATE} transactions (a writer takes the lock up front instead of failing at commit); PostgreSQL gets a connect
 * timeout. Each transaction opens its own connection, so threads and processes never share one.
 */
final class Jdbc {
  static final String SQLITE = "jdbc:sqlite:";

  /** Work inside one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final String url;
  private final Properties props = new Properties();

  Jdbc(String url) {
    this.url = url;
    if (url.startsWith(SQLITE)) {
      props.setProperty("journal_mode", "WAL");
      props.setProperty("busy_timeout", "60000");
      props.setProperty("transaction_mode", "IMMEDIATE");
    } else if (url.startsWith("jdbc:postgresql:")) {
      if (!url.contains("connectTimeout=")) {
        props.setProperty("connectTimeout", "10");
      }
    } else {
      throw new TweetoxException("--storage '" + redact(url) + "' is not supported; use a SQLite file path,"
          + " jdbc:sqlite:<file> or jdbc:postgresql://host:port/db?user=..&password=..");
    }
  }

  String describe() {
    return redact(url);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private Connection connect() {
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw new TweetoxException("cannot open the study store " + redact(url) + ": " + oneLine(e)
          + "; check that the server runs and the host, port, database, user and password are right");
    }
  }

  private static String oneLine(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** Runs {@code work} in one transaction, retrying a few times on conflicts (e.g. racing CREATE TABLE). */
  <T> T tx(Work<T> work) {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (Connection c = connect()) {
        c.setAutoCommit(false);
        try {
          T out = work.run(c);
          c.commit();
          return out;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        last = e;
        try {
          Thread.sleep(50L * (attempt + 1));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new TweetoxException("study store " + redact(url) + ": " + (last == null ? "interrupted" : oneLine(last)));
  }
}
