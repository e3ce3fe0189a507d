package dev.tweetox.split;

import dev.tweetox.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes small RFC 4180 CSV files atomically, with {@code \n} line ends. Uses {@link CSVFormat#format} rather than
 * {@code CSVPrinter}, whose class file carries SpotBugs annotations that {@code -Xlint:all} warns about.
 */
final class CsvOut {
  private CsvOut() {}

  static void write(Path file, List<String> header, Iterable<? extends List<?>> rows) {
    AtomicFiles.write(file, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.write(CSVFormat.DEFAULT.format(header.toArray()));
      w.write('\n');
      for (List<?> row : rows) {
        w.write(CSVFormat.DEFAULT.format(row.toArray()));
        w.write('\n');
      }
      w.flush();
    });
  }
}
