package dev.tweetox.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a run's results came from: seed, data fingerprint, code revision, Java and library versions, timings.
 * Saved as {@code provenance.json} beside every artifact so a result can be traced and reproduced.
 *
 * @param libraries artifactId to version, read from the Maven metadata of the jars on the classpath
 */
public record Provenance(
    String tweetoxVersion,
    String command,
    long seed,
    String dataSource,
    String dataFingerprint,
    String gitRevision,
    String javaVersion,
    String os,
    int cores,
    Map<String, String> libraries,
    Map<String, Object> cleaning,
    String startedAt,
    String finishedAt) {

  /** A record for a run starting now; data fields are filled in once the data is read. */
  public static Provenance start(String command, long seed) {
    return new Provenance(version(), command, seed, "", "", currentGitRevision(), System.getProperty("java.vendor") + " "
        + System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), libraryVersions(), Map.of(), Instant.now().toString(), "");
  }

  public Provenance withData(String source, String fingerprint, Map<String, Object> cleaningSettings) {
    return new Provenance(tweetoxVersion, command, seed, source, fingerprint, gitRevision, javaVersion, os, cores,
        libraries, new LinkedHashMap<>(cleaningSettings), startedAt, finishedAt);
  }

  public Provenance finished() {
    return new Provenance(tweetoxVersion, command, seed, dataSource, dataFingerprint, gitRevision, javaVersion, os,
        cores, libraries, cleaning, startedAt, Instant.now().toString());
  }

  /** The project version from the jar manifest, or "dev" when running from classes. */
  public static String version() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The git commit of the working copy (with "-dirty" if it has changes), from {@code -Dtweetox.gitRevision} if the
   * launcher set it, else by asking git; "unknown" outside a git checkout.
   */
  static String currentGitRevision() {
    String fromLauncher = System.getProperty("tweetox.gitRevision");
    if (fromLauncher != null && !fromLauncher.isBlank()) {
      return fromLauncher;
    }
    String rev = git("rev-parse", "HEAD");
    if (rev.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? rev : rev + "-dirty";
  }

  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "";
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static Map<String, String> libraryVersions() {
    Map<String, String> found = new TreeMap<>();
    String[][] coords = {
      {"de.bwaldvogel", "liblinear"}, {"ai.djl", "api"}, {"ai.djl.pytorch", "pytorch-engine"},
      {"com.fasterxml.jackson.core", "jackson-databind"}, {"info.picocli", "picocli"},
      {"org.apache.commons", "commons-csv"}, {"org.apache.poi", "poi-ooxml"}, {"org.jfree", "jfreechart"},
      {"io.javalin", "javalin"}, {"org.xerial", "sqlite-jdbc"}, {"org.postgresql", "postgresql"},
      {"com.microsoft.onnxruntime", "onnxruntime"}
    };
    for (String[] c : coords) {
      String path = "META-INF/maven/" + c[0] + "/" + c[1] + "/pom.properties";
      try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(path)) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          found.put(c[0] + ":" + c[1], p.getProperty("version", "?"));
        }
      } catch (IOException ignored) {
        // an unreadable pom.properties just leaves that library out
      }
    }
    return found;
  }
}
