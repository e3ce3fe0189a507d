package dev.tweetox.spark;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.bundle.Checksums;
import dev.tweetox.data.LabelSet;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;

/**
 * Finds a bundle from a Spark task and keeps one {@link Predictor} per bundle per JVM. A bundle is a local folder
 * (plain path or {@code file:}), a folder shipped with {@code --archives}/{@code addFile} (looked up by its name in
 * the working directory and in {@link SparkFiles}), or any Hadoop file system URI ({@code hdfs:}, {@code s3a:},
 * ...), which each JVM copies once to a local temp folder. Predictors are keyed by path, precision and the SHA-256
 * of {@code SHA256SUMS}, so a re-exported bundle at the same path is loaded afresh.
 */
public final class SparkBundles {
  /** The files {@link Predictor} needs listed in a bundle's checksums. */
  static final List<String> REQUIRED = List.of(HfBertDirectory.CONFIG, HfBertDirectory.VOCAB,
      HfBertDirectory.WEIGHTS, Bundle.MANIFEST);
  private static final ConcurrentMap<String, Predictor> PREDICTORS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Path> COPIES = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, LabelSet> VERIFIED = new ConcurrentHashMap<>();
  /** The last text scored on this thread, so tweetox_label and tweetox_probabilities on one row score it once. */
  private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

  private SparkBundles() {}

  /** True when the path needs Hadoop's file system (and so the driver's Hadoop configuration) to be read. */
  static boolean isRemote(String modelPath) {
    String scheme = scheme(modelPath);
    return scheme != null && !scheme.equals("file") && !scheme.equals("local");
  }

  /**
   * Checks a bundle on the driver: every file against {@code SHA256SUMS}, the manifest, the classifier's labels.
   * Cached per JVM while the folder's checksum list and file sizes and times are unchanged.
   *
   * @return the bundle's label set, whose names become the {@code p_<label>} columns
   * @throws TweetoxException naming the folder or file at fault
   */
  public static LabelSet verify(String modelPath, HadoopConf conf) {
    Path dir = localDir(modelPath, conf);
    String key = dir.toAbsolutePath() + "|" + fingerprint(dir);
    return VERIFIED.computeIfAbsent(key, k -> {
      Checksums.verify(dir, REQUIRED);
      BundleManifest.read(dir);
      return ClassifierHead.of(dir, HfBertDirectory.read(dir)).labels();
    });
  }

  /** The JVM's Predictor for this bundle and precision, loaded (and checksum-verified) on first use. */
  public static Predictor predictor(String modelPath, Precision precision, HadoopConf conf) {
    Path dir = localDir(modelPath, conf);
    String key = dir.toAbsolutePath() + "|" + precision + "|" + sha256(dir.resolve(Bundle.CHECKSUMS));
    // Spark runs one task per core, each calling the model on its own thread: one intra-op thread per call keeps
    // the busy threads at the number of task slots (all cores per call oversubscribed local[2] and scored slower).
    return PREDICTORS.computeIfAbsent(key, k -> Predictor.load(dir, precision, Optional.empty(), 1));
  }

  /** Scores one text, reusing this thread's previous result when the same predictor scored the same text. */
  static Prediction scoreOne(Predictor predictor, String text) {
    Object[] last = LAST.get();
    if (last != null && last[0] == predictor && text.equals(last[1])) {
      return (Prediction) last[2];
    }
    Prediction p = predictor.predict(List.of(text)).get(0);
    LAST.set(new Object[] {predictor, text, p});
    return p;
  }

  /** The bundle as a local folder on this JVM. */
  static Path localDir(String modelPath, HadoopConf conf) {
    if (modelPath == null || modelPath.isBlank()) {
      throw new TweetoxException("no bundle given; set the model path to a folder written by `tweetox export`");
    }
    if (isRemote(modelPath)) {
      return copy(modelPath, conf);
    }
    Path p = scheme(modelPath) == null ? Path.of(modelPath) : Path.of(URI.create(modelPath).getPath());
    Path found = Files.isDirectory(p) ? p : shipped(p.getFileName() == null ? "" : p.getFileName().toString());
    if (found == null) {
      throw new TweetoxException("bundle " + modelPath + ": no such folder on " + host() + "; pass a folder"
          + " written by `tweetox export` that every node can read (a shared or hdfs:/s3a: path, or ship it with"
          + " --archives)");
    }
    if (!Bundle.isBundle(found)) {
      throw new TweetoxException("bundle " + modelPath + ": " + found.resolve(Bundle.CHECKSUMS) + " is missing, so"
          + " it is not an export bundle; pass a folder written by `tweetox export`");
    }
    return found;
  }

  /** A folder shipped with the job under this name: the working directory (YARN archives) or SparkFiles. */
  private static Path shipped(String name) {
    if (name.isEmpty()) {
      return null;
    }
    Path cwd = Path.of(name).toAbsolutePath();
    if (Files.isDirectory(cwd)) {
      return cwd;
    }
    try {
      Path f = Path.of(SparkFiles.get(name));
      return Files.isDirectory(f) ? f : null;
    } catch (RuntimeException e) {
      return null; // no SparkEnv: not inside a Spark application
    }
  }

  /** Copies a remote bundle folder once per JVM (again when its SHA256SUMS changes). */
  private static Path copy(String modelPath, HadoopConf conf) {
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(modelPath);
    try {
      FileSystem fs = src.getFileSystem(conf.get());
      org.apache.hadoop.fs.Path sums = new org.apache.hadoop.fs.Path(src, Bundle.CHECKSUMS);
      if (!fs.exists(sums)) {
        throw new TweetoxException("bundle " + modelPath + ": " + sums + " is missing, so it is not an export"
            + " bundle; pass a folder written by `tweetox export`");
      }
      String digest;
      try (InputStream in = fs.open(sums)) {
        digest = sha256(in);
      }
      return COPIES.compute(modelPath + "|" + digest, (k, old) -> {
        if (old != null && Files.isDirectory(old)) {
          return old;
        }
        try {
          Path tmp = Files.createTempDirectory("tweetox-bundle-");
          deleteOnExit(tmp);
          Path dst = tmp.resolve("bundle");
          fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(dst.toUri()), true);
          return dst;
        } catch (IOException e) {
          throw new TweetoxException("bundle " + modelPath + ": cannot copy it to a local folder: "
              + e.getMessage(), e);
        }
      });
    } catch (IOException e) {
      throw new TweetoxException("bundle " + modelPath + ": cannot read it: " + e.getMessage(), e);
    }
  }

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        AtomicFiles.deleteTree(dir);
      } catch (IOException ignored) {
        // a temp folder; the OS cleans up eventually
      }
    }));
  }

  /** The checksum list's digest plus every file's size and modification time: cheap, and changes on tampering. */
  private static String fingerprint(Path dir) {
    StringBuilder sb = new StringBuilder(sha256(dir.resolve(Bundle.CHECKSUMS)));
    for (String rel : Checksums.files(dir)) {
      Path f = dir.resolve(rel);
      try {
        sb.append('|').append(rel).append(':').append(Files.size(f)).append(':')
            .append(Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return sb.toString();
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    } catch (IOException e) {
      throw new TweetoxException("bundle " + file.getParent() + ": cannot read " + file + " (" + e.getMessage()
          + "); re-export the bundle with `tweetox export`", e);
    }
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(in.readAllBytes());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String scheme(String modelPath) {
    if (modelPath == null || modelPath.matches("^[A-Za-z]:[\\\\/].*")) {
      return null; // a Windows drive letter, not a scheme
    }
    int colon = modelPath.indexOf(':');
    int slash = modelPath.indexOf('/');
    if (colon <= 0 || (slash >= 0 && slash < colon)) {
      return null;
    }
    return modelPath.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }
}
