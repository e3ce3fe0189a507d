package dev.tweetox.pipeline;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.StudentConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.io.Hashes;
import dev.tweetox.predict.PredictInput;
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The student's unlabelled tweets ({@code student.unlabeled}), cleaned as the labelled data. Empty texts, repeats
 * and every text of the labelled splits are dropped: a validation or test tweet in the file would otherwise reach
 * the student through its teacher's labels and inflate its scores.
 */
final class UnlabeledTweets {
  private UnlabeledTweets() {}

  /** The file, which must exist. */
  static Path file(StudentConfig sc) {
    Path file = Path.of(sc.unlabeled());
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException("student.unlabeled: " + file.toAbsolutePath() + " does not exist; give a CSV,"
          + " TSV or JSONL file with a text column, or a .txt file with one tweet per line");
    }
    return file;
  }

  /** The file's content hash, for the student stage's manifest (an edited file redoes the student). */
  static String fingerprint(StudentConfig sc) {
    return Hashes.sha256(file(sc));
  }

  /** The cleaned texts the student adds to its training split, in file order. */
  static List<String> load(TweetoxConfig cfg, PreparedData data, TextCleaner cleaner, PrintWriter log) {
    Path file = file(cfg.student());
    List<PredictInput.Item> items = PredictInput.read(file, cfg.data().textColumn());
    Set<String> seen = new HashSet<>();
    for (SplitPart part : SplitPart.values()) {
      data.split(part).stream().map(Example::text).forEach(seen::add);
    }
    List<String> out = new ArrayList<>();
    int empty = 0;
    int labelledOrRepeated = 0;
    for (PredictInput.Item item : items) {
      String text = cleaner.clean(item.text());
      if (text.isBlank()) {
        empty++;
      } else if (!seen.add(text)) {
        labelledOrRepeated++;
      } else {
        out.add(text);
      }
    }
    log.printf(Locale.ROOT, "student: %,d unlabelled tweets from %s (%,d read; dropped %,d empty and %,d repeated"
        + " or already in the labelled splits)%n", out.size(), file.getFileName(), items.size(), empty,
        labelledOrRepeated);
    log.flush();
    return out;
  }
}
