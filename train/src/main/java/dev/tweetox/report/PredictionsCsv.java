package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Per-example predictions: {@code id,text,gold,predicted,p_<class>...}, with classes written by name. */
public final class PredictionsCsv {
  private PredictionsCsv() {}

  /**
   * @param probs one row per example, one column per class of {@code labels}
   * @throws IllegalArgumentException if the inputs differ in length or a row has the wrong number of columns
   */
  public static void write(Path file, List<String> ids, List<String> texts, int[] gold, int[] pred, double[][] probs,
      LabelSet labels) {
    int n = ids.size();
    if (texts.size() != n || gold.length != n || pred.length != n || probs.length != n) {
      throw new IllegalArgumentException("predictions for " + file + " differ in length: ids " + n + ", texts "
          + texts.size() + ", gold " + gold.length + ", pred " + pred.length + ", probs " + probs.length);
    }
    List<String> header = new ArrayList<>(List.of("id", "text", "gold", "predicted"));
    labels.names().forEach(name -> header.add("p_" + name));
    for (int i = 0; i < n; i++) {
      if (probs[i].length != labels.size()) {
        throw new IllegalArgumentException("predictions for " + file + ": row " + i + " has " + probs[i].length
            + " probabilities but " + labels.size() + " classes " + labels.names());
      }
    }
    AtomicFiles.write(file, out -> {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write(Table.csvLine(header));
      for (int i = 0; i < n; i++) {
        List<Object> row = new ArrayList<>(4 + labels.size());
        row.add(ids.get(i));
        row.add(texts.get(i));
        row.add(labels.name(gold[i]));
        row.add(labels.name(pred[i]));
        for (double p : probs[i]) {
          row.add(p);
        }
        writer.write(Table.csvLine(row));
      }
      writer.flush();
    });
  }
}
