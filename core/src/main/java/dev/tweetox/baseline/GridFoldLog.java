package dev.tweetox.baseline;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link FoldScores} kept in an append-only CSV, one row per finished fit, flushed and synced to disk before the
 * next fit is counted, so a run killed at any moment loses at most the fits that were still running.
 *
 * <p>The first line is a key naming the inputs the scores belong to (data, split, grid, seed...). A file with
 * another key, or another column header, belongs to other inputs and is replaced. An unterminated or unreadable
 * row (a write cut short by the kill) ends the file: the rows before it are kept and the file is rewritten
 * without the rest before anything is appended.
 */
public final class GridFoldLog implements FoldScores, AutoCloseable {
  static final String COLUMNS = "setting,fold,C,penalty,class_weight,macro_f1";
  private static final String KEY_PREFIX = "# tweetox baseline grid fold scores; ";

  private final Path file;
  private final Map<Long, Double> scores = new ConcurrentHashMap<>();
  private final int reused;
  private final String dropped;
  private final int folds;
  private final List<LrParams> grid;
  private FileOutputStream out;

  private GridFoldLog(Path file, List<LrParams> grid, int folds, Map<Long, Double> kept, String dropped) {
    this.file = file;
    this.grid = List.copyOf(grid);
    this.folds = folds;
    this.scores.putAll(kept);
    this.reused = kept.size();
    this.dropped = dropped;
  }

  /**
   * Opens the log at {@code file} for the given inputs, keeping the rows a previous run with the same key wrote.
   *
   * @param key what the scores depend on, written as {@code name=value} pairs in the first line
   * @param grid the grid points, in the order their indices refer to
   * @throws TweetoxException naming the file when it cannot be read or written
   */
  public static GridFoldLog open(Path file, Map<String, String> key, List<LrParams> grid, int folds) {
    String keyLine = KEY_PREFIX + key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
    String header = keyLine + "\n" + COLUMNS + "\n";
    Map<Long, Double> kept = new java.util.HashMap<>();
    StringBuilder valid = new StringBuilder(header);
    String dropped = "";
    try {
      byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (bytes.length > 0 && !text.startsWith(header)) {
        dropped = "written for other inputs (another data file, split, grid or seed); replaced";
      } else if (bytes.length > 0) {
        String[] lines = text.substring(header.length()).split("\n", -1);
        // the piece after the last newline is "" for a complete file, else a row cut short
        for (int i = 0; i < lines.length - 1; i++) {
          if (!keep(lines[i], grid, folds, kept)) {
            dropped = "row " + (i + 3) + " is unreadable; it and the rows after it were dropped";
            break;
          }
          valid.append(lines[i]).append('\n');
        }
        if (dropped.isEmpty() && !lines[lines.length - 1].isEmpty()) {
          dropped = "its last row was cut short; it was dropped";
        }
      }
      GridFoldLog log = new GridFoldLog(file, grid, folds, kept, dropped);
      String content = valid.toString();
      if (!text.equals(content)) {
        AtomicFiles.writeString(file, content);
      }
      log.out = new FileOutputStream(file.toFile(), true);
      return log;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new TweetoxException(file + ": cannot keep the grid search's fold scores (" + e.getMessage()
          + "); check that the run directory is writable and the disk has room", e);
    }
  }

  private static boolean keep(String line, List<LrParams> grid, int folds, Map<Long, Double> kept) {
    String[] f = line.split(",", -1);
    if (f.length != 6) {
      return false;
    }
    try {
      int g = Integer.parseInt(f[0]);
      int fold = Integer.parseInt(f[1]);
      if (g < 0 || g >= grid.size() || fold < 0 || fold >= folds || !describe(grid.get(g)).equals(
          String.join(",", f[2], f[3], f[4]))) {
        return false;
      }
      kept.putIfAbsent(slot(g, fold), Double.parseDouble(f[5]));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String describe(LrParams p) {
    // explicit class weights are written with ':' between classes, so they never contain the CSV's comma
    return p.c() + "," + p.penalty().key() + "," + p.classWeight().spec();
  }

  private static long slot(int setting, int fold) {
    return ((long) setting << 32) | fold;
  }

  /** How many fits the file already held for these inputs. */
  public int reused() {
    return reused;
  }

  /** Why part or all of an existing file was not used, or "" when all of it was. */
  public String dropped() {
    return dropped;
  }

  public Path file() {
    return file;
  }

  @Override
  public OptionalDouble find(int setting, int fold) {
    Double s = scores.get(slot(setting, fold));
    return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
  }

  /**
   * Appends the fit's row and syncs it to disk. A fit that finishes after {@link #close} (the search failed
   * while it ran) is not written.
   */
  @Override
  public synchronized void put(int setting, int fold, double macroF1) {
    if (setting < 0 || setting >= grid.size() || fold < 0 || fold >= folds) {
      throw new IllegalArgumentException("no fit (" + setting + ", " + fold + ") in a " + grid.size() + " x "
          + folds + " grid");
    }
    if (out == null || scores.putIfAbsent(slot(setting, fold), macroF1) != null) {
      return;
    }
    // Double.toString reads back to the same double, so a resumed search sees exactly the score it lost
    String row = setting + "," + fold + "," + describe(grid.get(setting)) + "," + macroF1 + "\n";
    try {
      out.write(row.getBytes(StandardCharsets.UTF_8));
      out.getFD().sync();
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot record a grid search fit (" + e.getMessage()
          + "); check that the disk has room", e);
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new TweetoxException(file + ": cannot close the grid search's fold scores: " + e.getMessage(), e);
      } finally {
        out = null;
      }
    }
  }
}
