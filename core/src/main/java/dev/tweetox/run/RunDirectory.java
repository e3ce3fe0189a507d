package dev.tweetox.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder one run writes into, {@code runs/<name>/} unless the user gives another. It always holds the resolved
 * {@code config.json} and a {@code provenance.json}; {@code runs_log.csv} lives one level up so runs accumulate.
 */
public record RunDirectory(Path path) {
  public static final String CONFIG = "config.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String METRICS = "metrics.json";

  /**
   * The given directory, or {@code runs/<config name>} under the working directory. Nothing is created yet: the
   * first artifact written creates it, so a run that fails on its input leaves no folder behind.
   */
  public static RunDirectory resolve(Path given, TweetoxConfig config) {
    Path p = given != null ? given : Path.of("runs", config.name());
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new TweetoxException("--run-dir " + p + " is a file; pass a folder (it is created if missing)");
    }
    return new RunDirectory(p.toAbsolutePath().normalize());
  }

  /** Opens an existing run directory written by an earlier command. */
  public static RunDirectory existing(Path p) {
    if (!Files.isRegularFile(p.resolve(CONFIG))) {
      throw new TweetoxException(p + " is not a tweetox run directory (no " + CONFIG
          + "); pass the folder that `tweetox run` or `tweetox baseline` printed on its last line");
    }
    return new RunDirectory(p.toAbsolutePath().normalize());
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Where a kind's stage writes (logs, checkpoints, the model). */
  public Path stageDir(ModelKind kind) {
    return path.resolve(kind.stageDir());
  }

  /** The trained model of a kind, whether or not it exists yet. */
  public Path modelDir(ModelKind kind) {
    return path.resolve(kind.modelDir());
  }

  /** Whether a trained model of this kind is saved here: the folder exists and is not empty. */
  public boolean hasModel(ModelKind kind) {
    Path dir = modelDir(kind);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (java.io.IOException e) {
      throw new TweetoxException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path runsLog() {
    Path parent = path.getParent();
    return (parent == null ? path : parent).resolve("runs_log.csv");
  }

  public void writeConfig(TweetoxConfig config) {
    AtomicFiles.writeString(resolve(CONFIG), ConfigLoader.toJson(config) + "\n");
  }

  public TweetoxConfig readConfig() {
    return ConfigLoader.readSaved(resolve(CONFIG));
  }

  public void writeProvenance(Provenance provenance) {
    try {
      AtomicFiles.writeString(resolve(PROVENANCE), ConfigLoader.json().writeValueAsString(provenance) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
