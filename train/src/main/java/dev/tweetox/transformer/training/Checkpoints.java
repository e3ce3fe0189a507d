package dev.tweetox.transformer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.safetensors.SafetensorsReader;
import dev.tweetox.bert.safetensors.SafetensorsWriter;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The resumable {@code checkpoint-last} directory: {@code trainable.safetensors} (the trained parameters under
 * Hugging Face names), {@code optimizer.safetensors} (AdamW moments) and {@code state.json}. It is written into a
 * temporary sibling and renamed into place, so a kill -9 leaves either the previous checkpoint or the new one.
 */
public final class Checkpoints {
  public static final String LAST = "checkpoint-last";
  static final String TRAINABLE = "trainable.safetensors";
  static final String OPTIMIZER = "optimizer.safetensors";
  static final String STATE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A checkpoint read back. */
  public record Loaded(TrainingState state, TensorSource trainable, TensorSource optimizer, Path dir) {}

  private Checkpoints() {}

  public static void write(Path parent, TrainingState state, TensorSource trainable, TensorSource optimizer) {
    Path target = parent.resolve(LAST);
    Path tmp = parent.resolve(LAST + ".tmp");
    try {
      AtomicFiles.deleteTree(tmp);
      Files.createDirectories(tmp);
      Map<String, String> meta = Map.of("format", "pt", "step", Integer.toString(state.step()));
      SafetensorsWriter.write(tmp.resolve(TRAINABLE), trainable, meta);
      SafetensorsWriter.write(tmp.resolve(OPTIMIZER), optimizer, meta);
      AtomicFiles.writeString(tmp.resolve(STATE), JSON.writeValueAsString(state) + "\n");
      replace(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write checkpoint " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves a fully written directory {@code tmp} to {@code target}, replacing it: the old one is first renamed to
   * {@code target.old}, which readers fall back to if a kill comes between the two renames.
   */
  static void replace(Path tmp, Path target) throws IOException {
    Path old = target.resolveSibling(target.getFileName() + ".old");
    AtomicFiles.deleteTree(old);
    if (Files.exists(target)) {
      AtomicFiles.move(target, old);
    }
    AtomicFiles.move(tmp, target);
    AtomicFiles.deleteTree(old);
  }

  /** The last complete checkpoint under {@code parent}, if any (falls back to one a kill left half-replaced). */
  public static Optional<Loaded> read(Path parent) {
    for (String name : new String[] {LAST, LAST + ".old"}) {
      Path dir = parent.resolve(name);
      if (Files.isRegularFile(dir.resolve(STATE))) {
        try {
          TrainingState state = JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class);
          return Optional.of(new Loaded(state, SafetensorsReader.open(dir.resolve(TRAINABLE)),
              SafetensorsReader.open(dir.resolve(OPTIMIZER)), dir));
        } catch (IOException e) {
          throw new TweetoxException("Checkpoint " + dir.resolve(STATE) + " is unreadable (" + e.getMessage()
              + "); delete " + dir + " to start training over");
        }
      }
    }
    return Optional.empty();
  }

  /** Removes the checkpoint (e.g. when its fingerprint no longer matches and the user asked to start over). */
  public static void delete(Path parent) {
    try {
      AtomicFiles.deleteTree(parent.resolve(LAST));
      AtomicFiles.deleteTree(parent.resolve(LAST + ".old"));
      AtomicFiles.deleteTree(parent.resolve(LAST + ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete checkpoint under " + parent + ": " + e.getMessage(), e);
    }
  }


}
