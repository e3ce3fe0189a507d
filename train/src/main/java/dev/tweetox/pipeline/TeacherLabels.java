package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.data.LabelSet;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.onnx.OnnxBertModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The teacher's logits on the training texts, computed on ONNX Runtime and kept in
 * {@code <stageDir>/}{@value #FILE} so a resumed or repeated student training does not pay for them again. The file
 * starts with a SHA-256 of what the logits depend on (the teacher's files, the precision and the texts) and is used
 * only when that matches; it is written atomically.
 */
final class TeacherLabels {
  static final String FILE = "teacher_logits.bin";
  private static final int CHUNK = 256;

  private TeacherLabels() {}

  static float[][] logits(Path teacherDir, boolean int8, List<String> texts, LabelSet labels, Path stageDir,
      int threads, PrintWriter log) {
    byte[] key = key(teacherDir, int8, texts);
    Path file = stageDir.resolve(FILE);
    Optional<float[][]> cached = read(file, key, texts.size());
    if (cached.isPresent()) {
      log.println("student: reusing the teacher's logits from " + file);
      log.flush();
      return cached.get();
    }
    log.println("student: the teacher (" + teacherDir + ", " + (int8 ? "int8" : "fp32") + ") labels "
        + texts.size() + " training tweets on ONNX Runtime");
    log.flush();
    float[][] out = new float[texts.size()][];
    try (OnnxBertModel teacher = OnnxBertModel.load(teacherDir, int8, OnnxBertModel.DEFAULT_BATCH, threads,
        ModelKind.TRANSFORMER); Progress p = Progress.start("teacher labels", texts.size(), "tweets")) {
      if (!teacher.labels().names().equals(labels.names())) {
        throw new TweetoxException("student.teacher: " + teacherDir + " predicts " + teacher.labels().names()
            + " but the data has " + labels.names() + "; use a teacher trained on these labels");
      }
      for (int from = 0; from < texts.size(); from += CHUNK) {
        int to = Math.min(texts.size(), from + CHUNK);
        float[][] chunk = teacher.logits(texts.subList(from, to));
        System.arraycopy(chunk, 0, out, from, chunk.length);
        p.step(chunk.length);
      }
    }
    write(file, key, out);
    return out;
  }

  private static Optional<float[][]> read(Path file, byte[] key, int rows) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
      byte[] have = new byte[key.length];
      if (b.remaining() < key.length + 8) {
        return Optional.empty();
      }
      b.get(have);
      int n = b.getInt();
      int cols = b.getInt();
      if (!Arrays.equals(have, key) || n != rows || cols < 1 || b.remaining() != 4L * n * cols) {
        return Optional.empty();
      }
      float[][] out = new float[n][cols];
      for (float[] row : out) {
        for (int c = 0; c < cols; c++) {
          row[c] = b.getFloat();
        }
      }
      return Optional.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage() + "; delete it to"
          + " recompute the teacher's logits", e);
    }
  }

  private static void write(Path file, byte[] key, float[][] logits) {
    int cols = logits.length == 0 ? 1 : logits[0].length;
    ByteBuffer b = ByteBuffer.allocate(key.length + 8 + 4 * logits.length * cols);
    b.put(key).putInt(logits.length).putInt(cols);
    for (float[] row : logits) {
      for (float v : row) {
        b.putFloat(v);
      }
    }
    AtomicFiles.writeBytes(file, b.array());
  }

  /** Identifies the teacher (its files' names, sizes and times), the precision and the texts. */
  private static byte[] key(Path teacherDir, boolean int8, List<String> texts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(teacherDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      for (String f : List.of(HfBertDirectory.CONFIG, HfBertDirectory.WEIGHTS)) {
        Path p = teacherDir.resolve(f);
        md.update((f + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis() + "|")
            .getBytes(StandardCharsets.UTF_8));
      }
      md.update((int8 ? "int8\n" : "fp32\n").getBytes(StandardCharsets.UTF_8));
      for (String t : texts) {
        md.update((t + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the teacher's files in " + teacherDir + ": " + e.getMessage(),
          e);
    }
  }
}
