package dev.tweetox.eval;

import dev.tweetox.data.LabelSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a model gets wrong on a labelled set: its most confident mistakes per true class, its scores on
 * {@link Slice}s of the tweets, and its confusions between classes in words. Pure functions of an
 * {@link Evaluation} and the raw texts it scored.
 */
public final class ErrorAnalysis {
  private ErrorAnalysis() {}

  /** One misclassified example: its row in the evaluation, and the probability the model gave its wrong label. */
  public record Mistake(int row, int gold, int predicted, double confidence) {}

  /**
   * A slice's size and scores; the scores are NaN when the slice is empty. Macro-F1 averages the classes that occur
   * in the slice (as gold or predicted label, scikit-learn's default): a class absent from a small slice would
   * otherwise count as F1 0 and drag a perfect slice down.
   */
  public record SliceScore(Slice slice, int size, double macroF1, double accuracy) {}

  /**
   * For each true class in label order, its at most {@code perClass} mistakes with the highest confidence (ties by
   * row), i.e. where the model was most sure and wrong.
   */
  public static List<Mistake> mostConfidentMistakes(Evaluation e, int perClass) {
    List<Mistake> out = new ArrayList<>();
    int[] gold = e.gold();
    int[] pred = e.predicted();
    double[][] probs = e.probabilities();
    for (int c = 0; c < e.labels().size(); c++) {
      List<Mistake> wrong = new ArrayList<>();
      for (int i = 0; i < gold.length; i++) {
        if (gold[i] == c && pred[i] != c) {
          wrong.add(new Mistake(i, c, pred[i], probs[i][pred[i]]));
        }
      }
      wrong.sort(Comparator.comparingDouble(Mistake::confidence).reversed().thenComparingInt(Mistake::row));
      out.addAll(wrong.subList(0, Math.min(perClass, wrong.size())));
    }
    return out;
  }

  /**
   * Macro-F1 and accuracy on each slice, in {@link Slice} order.
   *
   * @param rawTexts the raw tweet of each evaluated row
   */
  public static List<SliceScore> slices(Evaluation e, List<String> rawTexts) {
    if (rawTexts.size() != e.size()) {
      throw new IllegalArgumentException(rawTexts.size() + " texts for an evaluation of " + e.size() + " rows");
    }
    List<SliceScore> out = new ArrayList<>();
    for (Slice s : Slice.values()) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < rawTexts.size(); i++) {
        if (s.contains(rawTexts.get(i))) {
          rows.add(i);
        }
      }
      if (rows.isEmpty()) {
        out.add(new SliceScore(s, 0, Double.NaN, Double.NaN));
        continue;
      }
      int[] gold = new int[rows.size()];
      double[][] probs = new double[rows.size()][];
      for (int r = 0; r < rows.size(); r++) {
        gold[r] = e.gold()[rows.get(r)];
        probs[r] = e.probabilities()[rows.get(r)];
      }
      Evaluation sub = Evaluation.of(gold, probs, e.labels());
      out.add(new SliceScore(s, rows.size(), presentClassesF1(sub), sub.accuracy()));
    }
    return out;
  }

  private static double presentClassesF1(Evaluation e) {
    ConfusionMatrix m = e.confusion();
    double sum = 0;
    int n = 0;
    for (int c = 0; c < e.labels().size(); c++) {
      if (m.rowTotal(c) > 0 || m.columnTotal(c) > 0) {
        sum += e.perClass().get(c).f1();
        n++;
      }
    }
    return sum / n;
  }

  /**
   * The confusions in words, largest share first, e.g. {@code "12.0% of negative tweets (48 of 400) are labelled
   * neutral"}, ties in label order; only pairs that happened, at most {@code max} of them.
   */
  public static List<String> confusions(Evaluation e, int max) {
    record Pair(int gold, int pred, double share) {}
    ConfusionMatrix m = e.confusion();
    LabelSet labels = e.labels();
    List<Pair> pairs = new ArrayList<>();
    for (int g = 0; g < labels.size(); g++) {
      for (int p = 0; p < labels.size(); p++) {
        if (g != p && m.count(g, p) > 0) {
          pairs.add(new Pair(g, p, m.rowFraction(g, p)));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::share).reversed().thenComparingInt(Pair::gold)
        .thenComparingInt(Pair::pred));
    return pairs.stream().limit(max).map(p -> String.format(Locale.ROOT,
        "%.1f%% of %s tweets (%d of %d) are labelled %s", 100 * p.share(), labels.name(p.gold()),
        m.count(p.gold(), p.pred()), m.rowTotal(p.gold()), labels.name(p.pred()))).toList();
  }
}
