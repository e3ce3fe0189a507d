package dev.tweetox.features;

import dev.tweetox.TweetoxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One fitted TF-IDF vectorizer over one {@link Analyzer}: a sorted vocabulary, its smoothed idf, and the rule that
 * turns a document into an L2-normalised row. Immutable and thread-safe once built.
 *
 * <p>Weights follow scikit-learn's {@code TfidfVectorizer}: {@code tf} is the raw count, or {@code 1 + ln(count)}
 * when sublinear; {@code idf = ln((1 + N) / (1 + df)) + 1}; each row is then scaled to unit length (an empty row
 * stays zero).
 */
public final class TfidfBlock {
  private final Analyzer analyzer;
  private final boolean sublinearTf;
  private final String[] terms;
  private final double[] idf;
  private final Map<String, Integer> index;

  /** Rebuilds a fitted block, e.g. from a saved model. {@code terms} must be in column order. */
  public TfidfBlock(Analyzer analyzer, boolean sublinearTf, List<String> terms, double[] idf) {
    if (terms.size() != idf.length) {
      throw new IllegalArgumentException("terms and idf differ in length");
    }
    this.analyzer = analyzer;
    this.sublinearTf = sublinearTf;
    this.terms = terms.toArray(new String[0]);
    this.idf = idf.clone();
    this.index = new HashMap<>(this.terms.length * 2);
    for (int i = 0; i < this.terms.length; i++) {
      if (index.put(this.terms[i], i) != null) {
        throw new IllegalArgumentException("duplicate term '" + this.terms[i] + "'");
      }
    }
  }

  /**
   * Learns the vocabulary and idf from {@code docs}.
   *
   * @param minDf drop terms found in fewer documents than this
   * @param maxDf drop terms found in more than this fraction of documents
   * @param maxFeatures keep only this many terms with the highest total count (ties by term); 0 keeps all
   */
  public static TfidfBlock fit(
      Analyzer analyzer, List<String> docs, int minDf, double maxDf, int maxFeatures, boolean sublinearTf) {
    // per term: {document frequency, total count, last document seen}
    Map<String, long[]> stats = new HashMap<>();
    for (int d = 0; d < docs.size(); d++) {
      final int doc = d;
      analyzer.analyze(docs.get(d), term -> {
        long[] s = stats.computeIfAbsent(term, t -> new long[] {0, 0, -1});
        if (s[2] != doc) {
          s[0]++;
          s[2] = doc;
        }
        s[1]++;
      });
    }
    if (stats.isEmpty()) {
      throw new TweetoxException("TF-IDF (" + analyzer.name() + "): the training texts contain no terms at all;"
          + " check that the text column is not empty after cleaning");
    }
    double maxDocCount = maxDf * docs.size();
    List<Map.Entry<String, long[]>> kept = new ArrayList<>();
    for (Map.Entry<String, long[]> e : stats.entrySet()) {
      long df = e.getValue()[0];
      if (df >= minDf && df <= maxDocCount) {
        kept.add(e);
      }
    }
    if (kept.isEmpty()) {
      throw new TweetoxException("TF-IDF (" + analyzer.name() + "): no terms remain after pruning by"
          + " baseline.minDf=" + minDf + " and baseline.maxDf=" + maxDf + " on " + docs.size()
          + " documents; lower minDf or raise maxDf");
    }
    if (maxFeatures > 0 && kept.size() > maxFeatures) {
      kept.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
          .thenComparing(Map.Entry::getKey));
      kept = kept.subList(0, maxFeatures);
    }
    kept.sort(Map.Entry.comparingByKey());
    List<String> terms = new ArrayList<>(kept.size());
    double[] idf = new double[kept.size()];
    double n = docs.size();
    for (int i = 0; i < kept.size(); i++) {
      terms.add(kept.get(i).getKey());
      idf[i] = Math.log((1 + n) / (1 + kept.get(i).getValue()[0])) + 1;
    }
    return new TfidfBlock(analyzer, sublinearTf, terms, idf);
  }

  /** One L2-normalised TF-IDF row per document; terms outside the vocabulary are ignored. */
  public SparseMatrix transform(List<String> docs) {
    TermCounter counter = new TermCounter();
    int[] rowPtr = new int[docs.size() + 1];
    IntList cols = new IntList();
    DoubleList vals = new DoubleList();
    for (int d = 0; d < docs.size(); d++) {
      analyzer.analyze(docs.get(d), counter);
      int start = vals.size();
      double sumSq = 0;
      for (int col : counter.sortedColumns()) {
        int count = counter.take(col);
        double tf = sublinearTf ? 1 + Math.log(count) : count;
        double w = tf * idf[col];
        cols.add(col);
        vals.add(w);
        sumSq += w * w;
      }
      if (sumSq > 0) {
        double norm = Math.sqrt(sumSq);
        for (int p = start; p < vals.size(); p++) {
          vals.set(p, vals.get(p) / norm);
        }
      }
      rowPtr[d + 1] = vals.size();
    }
    return new SparseMatrix(docs.size(), terms.length, rowPtr, cols.toArray(), vals.toArray());
  }

  /** Counts one document's in-vocabulary terms in a dense scratch array, remembering which columns it touched. */
  private final class TermCounter implements Consumer<String> {
    private final int[] counts = new int[terms.length];
    private int[] touched = new int[64];
    private int nTouched;

    @Override
    public void accept(String term) {
      Integer col = index.get(term);
      if (col != null && counts[col]++ == 0) {
        if (nTouched == touched.length) {
          touched = Arrays.copyOf(touched, nTouched * 2);
        }
        touched[nTouched++] = col;
      }
    }

    /** The touched columns, ascending; resets the list (counts are cleared by {@link #take}). */
    int[] sortedColumns() {
      int[] result = Arrays.copyOf(touched, nTouched);
      Arrays.sort(result);
      nTouched = 0;
      return result;
    }

    int take(int col) {
      int c = counts[col];
      counts[col] = 0;
      return c;
    }
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  public boolean sublinearTf() {
    return sublinearTf;
  }

  public int size() {
    return terms.length;
  }

  /** The vocabulary in column order (sorted). */
  public List<String> terms() {
    return List.of(terms);
  }

  /** The idf of each column. */
  public double[] idf() {
    return idf.clone();
  }

  /** Column of a term, or -1 when it is not in the vocabulary. */
  public int column(String term) {
    Integer c = index.get(term);
    return c == null ? -1 : c;
  }

  /** A growable int array, to build CSR rows without boxing. */
  private static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** A growable double array. */
  private static final class DoubleList {
    private double[] a = new double[1024];
    private int n;

    void add(double v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    double get(int i) {
      return a[i];
    }

    void set(int i, double v) {
      a[i] = v;
    }

    int size() {
      return n;
    }

    double[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
