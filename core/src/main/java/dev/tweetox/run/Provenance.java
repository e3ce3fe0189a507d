package dev.tweetox.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Versions of the libraries that shape results, from each jar's metadata or, failing that, its file name. */
  static Map<String, String> libraryVersions() {
    String[][] libs = {
      {"liblinear", "de.bwaldvogel.liblinear.Linear"}, {"djl-api", "ai.djl.Model"},
      {"pytorch-engine", "ai.djl.pytorch.engine.PtEngine"}, {"jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"},
      {"picocli", "picocli.CommandLine"}, {"commons-csv", "org.apache.commons.csv.CSVFormat"},
      {"poi-ooxml", "org.apache.poi.xssf.usermodel.XSSFWorkbook"}, {"jfreechart", "org.jfree.chart.JFreeChart"},
      {"javalin", "io.javalin.Javalin"}, {"sqlite-jdbc", "org.sqlite.JDBC"}, {"postgresql", "org.postgresql.Driver"},
      {"onnxruntime", "ai.onnxruntime.OrtEnvironment"}
    };
    Map<String, String> found = new TreeMap<>();
    for (String[] lib : libs) {
      versionOf(lib[1]).ifPresent(v -> found.put(lib[0], v));
    }
    return found;
  }

  private static java.util.Optional<String> versionOf(String className) {
    Class<?> c;
    try {
      c = Class.forName(className, false, Provenance.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return java.util.Optional.empty();
    }
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) {
      return java.util.Optional.of(v);
    }
    try {
      String jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d[^-]*(?:-[^-]+)?)\\.jar$").matcher(jar);
      return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

}
