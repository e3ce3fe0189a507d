package dev.tweetox.explain;

import dev.tweetox.baseline.BaselineModel;
import dev.tweetox.baseline.LinearModel;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.features.SparseMatrix;
import dev.tweetox.features.TfidfBlock;
import dev.tweetox.model.ModelInputs;
import dev.tweetox.model.ModelKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact word contributions of the TF-IDF + logistic-regression baseline.
 *
 * <p>The explained quantity is the class's own decision function {@code d_c = b_c + sum_j x_j w_cj}, the logit of
 * its one-vs-rest fit (liblinear trains each class against all the others, so it is already relative to them).
 * With two classes liblinear keeps one function {@code d} for class 1, and class 0's logit is {@code -d}. Each
 * feature contributes {@code x_j w_cj}, where {@code x_j} is its TF-IDF value in the text the model saw (counts and
 * row normalisation included), and that contribution is shared:
 * <ul>
 *   <li>equally among the feature's occurrences in the text (a word said twice gets half on each);
 *   <li>an occurrence read across several raw words (a word bigram) equally among those words.
 * </ul>
 * So the word scores sum to {@code d_c - b_c} exactly. A raw word whose cleaned form the model never sees (a
 * dropped stopword, a third repeated emoji) scores 0.
 *
 * <p>To find which raw word each feature came from, the raw text's prefixes are cleaned: raw word {@code k} owns the
 * characters that cleaning the text up to its end added to the model's input. When cleaning one prefix gives text
 * that is not a prefix of the whole input (a step that looks across words), the words are merged into one span
 * until it is.
 */
public final class LinearExplainer implements Explainer {
  private final BaselineModel model;
  private final TextCleaner cleaner;

  public LinearExplainer(BaselineModel model, TextCleaner cleaner) {
    this.model = model;
    this.cleaner = cleaner;
  }

  /** The weight of a feature (word block first, then characters) in the class's logit. */
  private double weight(int cls, int feature) {
    LinearModel lin = model.linear();
    if (lin.decisionFunctions() == 1) {
      return cls == 1 ? lin.weight(0, feature) : -lin.weight(0, feature);
    }
    return lin.weight(cls, feature);
  }

  @Override
  public ExplanationMethod method() {
    return ExplanationMethod.LINEAR;
  }

  /** The class's logit on a raw text, {@code d_c} above: its bias plus the sum of the word scores. */
  public double logit(String raw, int cls) {
    LinearModel lin = model.linear();
    double bias = lin.decisionFunctions() == 1 ? (cls == 1 ? lin.bias(0) : -lin.bias(0)) : lin.bias(cls);
    SparseMatrix x = model.vectorizer().transform(List.of(input(raw)));
    double d = bias;
    for (int p = x.rowStart(0); p < x.rowEnd(0); p++) {
      d += x.value(p) * weight(cls, x.col(p));
    }
    return d;
  }

  @Override
  public List<List<WordScore>> explain(List<String> rawTexts, int[] classes) {
    if (classes.length != rawTexts.size()) {
      throw new IllegalArgumentException(rawTexts.size() + " texts but " + classes.length + " classes");
    }
    List<List<WordScore>> out = new ArrayList<>(rawTexts.size());
    for (int i = 0; i < rawTexts.size(); i++) {
      out.add(explain(rawTexts.get(i), classes[i]));
    }
    return out;
  }

  private List<WordScore> explain(String raw, int cls) {
    String input = input(raw);
    List<Span> spans = spans(raw, input);
    int[] owner = new int[input.length()];
    for (int s = 0; s < spans.size(); s++) {
      for (int c = spans.get(s).from; c < spans.get(s).to; c++) {
        owner[c] = s;
      }
    }
    double[] scores = new double[spans.size()];
    int offset = 0;
    for (TfidfBlock block : model.vectorizer().blocks()) {
      addBlock(block, offset, input, owner, cls, scores);
      offset += block.size();
    }
    List<WordScore> words = new ArrayList<>(spans.size());
    for (int s = 0; s < spans.size(); s++) {
      Span sp = spans.get(s);
      words.add(new WordScore(raw.substring(sp.start, sp.end), sp.start, sp.end, scores[s]));
    }
    return List.copyOf(words);
  }

  /** Adds one TF-IDF block's contributions to the spans' scores. */
  private void addBlock(TfidfBlock block, int offset, String input, int[] owner, int cls, double[] scores) {
    record Occurrence(int col, Set<Integer> spans) {}
    List<Occurrence> found = new ArrayList<>();
    Map<Integer, Integer> counts = new HashMap<>();
    block.analyzer().analyzeSpans(input, (term, start, end) -> {
      int col = block.column(term);
      if (col < 0) {
        return;
      }
      Set<Integer> owners = new LinkedHashSet<>();
      for (int c = start; c < end; c++) {
        if (!RawWords.isSpace(input.charAt(c))) {
          owners.add(owner[c]);
        }
      }
      if (owners.isEmpty()) {
        owners.add(owner[start]);
      }
      found.add(new Occurrence(col, owners));
      counts.merge(col, 1, Integer::sum);
    });
    SparseMatrix x = block.transform(List.of(input));
    for (Occurrence o : found) {
      double contribution = x.get(0, o.col()) * weight(cls, offset + o.col()) / counts.get(o.col())
          / o.spans().size();
      o.spans().forEach(s -> scores[s] += contribution);
    }
  }

  /** The text the baseline reads for a raw text: cleaned, then its optional stemming and stopword removal. */
  private String input(String raw) {
    return ModelInputs.forModel(ModelKind.BASELINE, cleaner, List.of(cleaner.clean(raw))).get(0);
  }

  /** Raw words (or merged runs of them), and the characters [from, to) of the model's input each produced. */
  private record Span(int start, int end, int from, int to) {}

  private List<Span> spans(String raw, String input) {
    List<WordScore> words = RawWords.of(raw);
    List<Span> spans = new ArrayList<>(words.size());
    int first = 0;
    int covered = 0;
    for (int k = 0; k < words.size(); k++) {
      boolean last = k == words.size() - 1;
      String prefix = last ? input : input(raw.substring(0, words.get(k).end()));
      if (last || endsAtBoundary(prefix, input)) {
        int to = Math.max(covered, prefix.length());
        spans.add(new Span(words.get(first).start(), words.get(k).end(), covered, last ? input.length() : to));
        covered = to;
        first = k + 1;
      }
    }
    return spans;
  }

  /** Whether the prefix's input is the start of the whole input and ends between two of its words. */
  private static boolean endsAtBoundary(String prefix, String input) {
    int n = prefix.length();
    return input.startsWith(prefix) && (n == 0 || n == input.length() || RawWords.isSpace(input.charAt(n))
        || RawWords.isSpace(prefix.charAt(n - 1)));
  }
}
