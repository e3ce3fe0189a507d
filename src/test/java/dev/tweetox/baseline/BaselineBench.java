package dev.tweetox.baseline;

import dev.tweetox.config.BaselineConfig;
import dev.tweetox.data.LabelSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Not a unit test: trains the baseline with the default grid on the shared datasets and prints validation and test
 * macro-F1 and wall time, to compare with the scikit-learn reference numbers in shared/datasets/README.md.
 *
 * <p>Run after {@code mvn -o test-compile}: {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * dev.tweetox.baseline.BaselineBench sentiment|offensive [threads] [quick|full] [tolerance]}.
 * The offensive task is binary, so its grid drops the default three-class weight {@code 1.2:0.8:1.2}., with cp.txt from
 * {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class BaselineBench {
  private static final Path DATA = Path.of("/work/shared/datasets");

  private BaselineBench() {}

  record Split(List<String> texts, int[] y) {}

  public static void main(String[] args) throws IOException {
    String which = args.length > 0 ? args[0] : "sentiment";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    double tol = args.length > 3 ? Double.parseDouble(args[3]) : BaselineConfig.defaults().tolerance();
    BaselineConfig d = BaselineConfig.defaults();
    boolean quick = args.length > 2 && args[2].equals("quick");
    BaselineConfig cfg = new BaselineConfig(d.wordNgramMin(), d.wordNgramMax(), d.charNgramMin(),
        d.charNgramMax(), d.minDf(), d.maxDf(), d.sublinearTf(), d.maxFeatures(),
        quick ? List.of(1.0) : d.c(), quick ? List.of("l2") : d.penalty(),
        quick ? List.of(which.equals("sentiment") ? "none" : "balanced")
            : which.equals("sentiment") ? d.classWeight() : List.of("none", "balanced"),
        d.folds(), tol, threads);
    Split train;
    Split val;
    Split test;
    LabelSet labels;
    if (which.equals("sentiment")) {
      labels = LabelSet.sentiment();
      List<String> texts = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      for (CSVRecord r : read(DATA.resolve("tweet_sentiment_extraction.csv"))) {
        texts.add(r.get("text"));
        ys.add(labels.indexOf(r.get("sentiment"), "row " + r.getRecordNumber()));
      }
      Split[] parts = stratified(texts, ys, labels.size(), 42);
      train = parts[0];
      val = parts[1];
      test = parts[2];
    } else {
      labels = LabelSet.explicit(List.of("not-offensive", "offensive"));
      train = load(DATA.resolve("tweeteval_offensive/train.csv"), labels);
      val = load(DATA.resolve("tweeteval_offensive/val.csv"), labels);
      test = load(DATA.resolve("tweeteval_offensive/test.csv"), labels);
    }
    System.out.printf("%s: train %d, val %d, test %d%n", which, train.y.length, val.y.length, test.y.length);
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    GridSearchResult result = BaselineTrainer.train(train.texts, train.y, labels, cfg, 42);
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpuSecs = (cpuNanos() - cpu0) / 1e9;
    for (GridSearchResult.CvScore s : result.scores()) {
      System.out.printf("  %-45s cv macro-F1 %.4f +- %.4f%n", s.params(), s.mean(), s.std());
    }
    BaselineModel m = result.model();
    System.out.printf("best %s cv %.4f; features %d%n", result.best(), result.bestScore().mean(),
        m.vectorizer().featureCount());
    System.out.printf("val macro-F1 %.4f, test macro-F1 %.4f, grid search + refit %.1f s wall, %.1f s CPU%n",
        MacroF1.of(val.y, m.predict(val.texts), labels.size()),
        MacroF1.of(test.y, m.predict(test.texts), labels.size()), secs, cpuSecs);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Iterable<CSVRecord> read(Path file) throws IOException {
    Reader in = Files.newBufferedReader(file);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
  }

  private static Split load(Path file, LabelSet labels) throws IOException {
    List<String> texts = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (CSVRecord r : read(file)) {
      texts.add(r.get("text"));
      ys.add(labels.indexOf(r.get("label"), file + " row " + r.getRecordNumber()));
    }
    return new Split(texts, ys.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Per class: shuffle, first 70% to train, next 15% to validation, the rest to test. */
  private static Split[] stratified(List<String> texts, List<Integer> ys, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int c = 0; c < classes; c++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < ys.size(); i++) {
        if (ys.get(i) == c) {
          idx.add(i);
        }
      }
      for (int i = idx.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer t = idx.get(i);
        idx.set(i, idx.get(j));
        idx.set(j, t);
      }
      int nTrain = (int) Math.round(idx.size() * 0.70);
      int nVal = (int) Math.round(idx.size() * 0.15);
      parts.get(0).addAll(idx.subList(0, nTrain));
      parts.get(1).addAll(idx.subList(nTrain, nTrain + nVal));
      parts.get(2).addAll(idx.subList(nTrain + nVal, idx.size()));
    }
    Split[] out = new Split[3];
    for (int p = 0; p < 3; p++) {
      List<Integer> idx = parts.get(p);
      idx.sort(null);
      List<String> t = new ArrayList<>();
      int[] y = new int[idx.size()];
      for (int i = 0; i < idx.size(); i++) {
        t.add(texts.get(idx.get(i)));
        y[i] = ys.get(idx.get(i));
      }
      out[p] = new Split(t, y);
    }
    return out;
  }
}
