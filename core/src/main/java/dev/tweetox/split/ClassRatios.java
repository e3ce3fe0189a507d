package dev.tweetox.split;

import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Class counts and fractions per split part (plus {@code all}), to show that stratification kept the class ratio.
 *
 * @param labels the class names, in index order
 * @param rows one row per part and class, parts in the order train, val, test, all
 */
public record ClassRatios(List<String> labels, List<Row> rows) {
  /** Parts in table order. */
  public static final List<String> PARTS = List.of("train", "val", "test", "all");

  /** @param fraction count / size of the part (0 for an empty part) */
  public record Row(String split, String label, int count, double fraction) {}

  public ClassRatios {
    labels = List.copyOf(labels);
    rows = List.copyOf(rows);
  }

  public static ClassRatios of(SplitAssignment split, List<Example> examples, LabelSet labels) {
    List<Row> rows = new ArrayList<>();
    int[] all = new int[labels.size()];
    for (SplitPart p : SplitPart.values()) {
      int[] counts = new int[labels.size()];
      split.select(examples, p).forEach(e -> counts[e.label()]++);
      addRows(rows, p.key(), counts, labels);
      for (int c = 0; c < all.length; c++) {
        all[c] += counts[c];
      }
    }
    addRows(rows, "all", all, labels);
    return new ClassRatios(labels.names(), rows);
  }

  private static void addRows(List<Row> rows, String part, int[] counts, LabelSet labels) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    for (int c = 0; c < counts.length; c++) {
      rows.add(new Row(part, labels.name(c), counts[c], total == 0 ? 0 : counts[c] / (double) total));
    }
  }

  public int count(String split, String label) {
    return rows.stream().filter(r -> r.split().equals(split) && r.label().equals(label))
        .mapToInt(Row::count).sum();
  }

  /** Writes {@code split,class,count,fraction} (fraction with 6 decimals) atomically. */
  public void writeCsv(Path file) {
    CsvOut.write(file, List.of("split", "class", "count", "fraction"), rows.stream()
        .map(r -> List.of(r.split(), r.label(), r.count(), String.format(Locale.ROOT, "%.6f", r.fraction())))
        .toList());
  }

  /**
   * A fixed-width table, one line per part:
   * <pre>
   * split       n      negative       neutral      positive
   * train  21,709  6,147 (28.3%)  ...
   * </pre>
   */
  public String table() {
    List<List<String>> cells = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("split", "n"));
    head.addAll(labels);
    cells.add(head);
    for (String part : PARTS) {
      List<Row> partRows = rows.stream().filter(r -> r.split().equals(part)).toList();
      int n = partRows.stream().mapToInt(Row::count).sum();
      List<String> line = new ArrayList<>(List.of(part, String.format(Locale.ROOT, "%,d", n)));
      partRows.forEach(r -> line.add(String.format(Locale.ROOT, "%,d (%.1f%%)", r.count(), 100 * r.fraction())));
      cells.add(line);
    }
    int[] widths = new int[head.size()];
    cells.forEach(line -> {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    });
    StringBuilder s = new StringBuilder();
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        s.append(i == 0 ? cell + pad : "  " + pad + cell);
      }
      s.append('\n');
    }
    return s.toString();
  }
}
