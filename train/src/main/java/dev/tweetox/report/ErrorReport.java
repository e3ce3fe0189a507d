package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.ErrorAnalysis;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.explain.WordScore;
import dev.tweetox.model.ModelKind;
import dev.tweetox.split.SplitPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The error analysis of one model on one split, as tables (each also written as CSV): its most confident mistakes
 * per true class with the words that drove them, its scores on slices of the tweets, and its confusions in words.
 * Titles stay within the 31 characters of a spreadsheet's sheet name ("mistakes - transformer - test").
 */
public final class ErrorReport {
  /** Mistakes listed per true class. */
  public static final int MISTAKES_PER_CLASS = 20;
  /** Words shown per mistake. */
  static final int TOP_WORDS = 3;

  private ErrorReport() {}

  /** The mistakes a report lists, which the caller explains before calling {@link #tables}. */
  public static List<ErrorAnalysis.Mistake> mistakes(Evaluation e) {
    return ErrorAnalysis.mostConfidentMistakes(e, MISTAKES_PER_CLASS);
  }

  /**
   * Writes {@code errors_<model>_<split>.csv}, {@code slices_<model>_<split>.csv} and
   * {@code confusions_<model>_<split>.csv} into {@code dir}; returns their tables and files.
   *
   * @param ids and {@code rawTexts}: one per evaluated row
   * @param mistakes from {@link #mistakes}
   * @param words the explanation of each mistake for its predicted class, in the same order
   * @param method what the word scores are, for the column header
   */
  public static ReportPart write(Path dir, ModelKind kind, SplitPart split, Evaluation e, List<String> ids,
      List<String> rawTexts, List<ErrorAnalysis.Mistake> mistakes, List<List<WordScore>> words, String method) {
    String stem = kind.key() + "_" + split.key();
    String where = kind.key() + " - " + split.key();
    List<Table> tables = List.of(
        mistakesTable("mistakes - " + where, e.labels(), ids, rawTexts, mistakes, words, method),
        slicesTable("slices - " + where, e, rawTexts),
        confusionsTable("confusions - " + where, e));
    List<String> names = List.of("errors_", "slices_", "confusions_");
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      Path file = dir.resolve(names.get(i) + stem + ".csv");
      tables.get(i).writeCsv(file);
      files.add(file);
    }
    return new ReportPart("Error analysis - " + where, tables, List.of(), files);
  }

  static Table mistakesTable(String title, LabelSet labels, List<String> ids, List<String> rawTexts,
      List<ErrorAnalysis.Mistake> mistakes, List<List<WordScore>> words, String method) {
    if (words.size() != mistakes.size()) {
      throw new IllegalArgumentException(mistakes.size() + " mistakes but " + words.size() + " explanations");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < mistakes.size(); i++) {
      ErrorAnalysis.Mistake m = mistakes.get(i);
      rows.add(Arrays.asList(ids.get(m.row()), rawTexts.get(m.row()), labels.name(m.gold()),
          labels.name(m.predicted()), m.confidence(), topWords(words.get(i))));
    }
    return new Table(title, List.of("id", "text", "true", "predicted", "confidence",
        "top words (" + method + ")"), rows);
  }

  /** The words that pushed most towards the predicted label, e.g. {@code hate (0.312), awful (0.104)}. */
  static String topWords(List<WordScore> words) {
    return words.stream().filter(w -> w.score() > 0)
        .sorted((a, b) -> Double.compare(b.score(), a.score())).limit(TOP_WORDS)
        .map(w -> String.format(Locale.ROOT, "%s (%.3f)", w.word(), w.score())).collect(Collectors.joining(", "));
  }

  static Table slicesTable(String title, Evaluation e, List<String> rawTexts) {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList("all tweets", e.size(), e.macroF1(), e.accuracy()));
    for (ErrorAnalysis.SliceScore s : ErrorAnalysis.slices(e, rawTexts)) {
      boolean empty = s.size() == 0;
      rows.add(Arrays.asList(s.slice().description(), s.size(), empty ? null : s.macroF1(),
          empty ? null : s.accuracy()));
    }
    return new Table(title, List.of("slice", "tweets", "macro_f1", "accuracy"), rows);
  }

  static Table confusionsTable(String title, Evaluation e) {
    List<List<Object>> rows = new ArrayList<>();
    ErrorAnalysis.confusions(e, Integer.MAX_VALUE).forEach(s -> rows.add(List.of(s)));
    return new Table(title, List.of("confusion"), rows);
  }
}
