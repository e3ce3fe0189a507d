package dev.tweetox.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.io.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one finished stage read and wrote: {@code <runDir>/stages/<stage>.json}. Written last and atomically, so a
 * stage killed half-way has no manifest (or its previous one, whose output hashes no longer match).
 *
 * @param format {@value #FORMAT}; a manifest of another format is an error, not silently redone
 * @param stage the stage's key
 * @param inputs what the stage read, as short names ({@code data}, {@code split}, {@code config}, {@code code},
 *     {@code upstream.<stage>}) to SHA-256 hex
 * @param outputs each file the stage wrote, relative to the run directory ({@code /}-separated), to its SHA-256
 * @param seconds how long the stage took
 */
public record StageManifest(int format, String stage, Map<String, String> inputs, Map<String, String> outputs,
    double seconds) {
  public static final int FORMAT = 1;
  public static final String DIR = "stages";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  public StageManifest {
    inputs = new TreeMap<>(inputs);
    outputs = new TreeMap<>(outputs);
  }

  /** Where a stage's manifest lives. */
  public static Path file(RunDirectory dir, Stage stage) {
    return dir.resolve(DIR).resolve(stage.key() + ".json");
  }

  /** The stage's manifest, empty when there is none; one that does not parse is an error naming the file. */
  public static Optional<StageManifest> read(RunDirectory dir, Stage stage) {
    Path file = file(dir, stage);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String fix = "; rerun with --force to redo every stage, or use a fresh --run-dir";
    StageManifest m;
    try {
      m = JSON.readValue(file.toFile(), StageManifest.class);
    } catch (IOException e) {
      throw new TweetoxException(file + " is not a stage manifest this tweetox can read (written by another"
          + " version, or damaged: " + firstLine(e.getMessage()) + ")" + fix, e);
    }
    if (m.format() != FORMAT || !stage.key().equals(m.stage())) {
      throw new TweetoxException(file + " is a stage manifest of format " + m.format() + " for stage '" + m.stage()
          + "', but this tweetox reads format " + FORMAT + " for '" + stage.key() + "'" + fix);
    }
    return Optional.of(m);
  }

  /** Writes the manifest atomically; call it after every output is in place. */
  public void write(RunDirectory dir) {
    try {
      AtomicFiles.writeString(file(dir, Stage.parse(stage)), JSON.writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One hash standing for all the outputs, which downstream stages record as an input. */
  public String outputsDigest() {
    StringBuilder sb = new StringBuilder();
    outputs.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    return Hashes.sha256(sb.toString());
  }

  /** The first output that is missing or whose bytes no longer match, if any. */
  public Optional<String> firstChangedOutput(RunDirectory dir) {
    for (Map.Entry<String, String> e : outputs.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (!Files.isRegularFile(p)) {
        return Optional.of(e.getKey() + " is missing");
      }
      if (!Hashes.sha256(p).equals(e.getValue())) {
        return Optional.of(e.getKey() + " no longer matches its hash (truncated or edited)");
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
