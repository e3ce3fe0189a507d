package dev.tweetox.data;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BundledDataset;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.DataConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads a data set as configured: reads the file (or the bundled data), maps labels, cleans, and reports.
 *
 * <p>Two shapes of data: a single file that the run splits itself ({@link #load}), or given train/val/test files
 * ({@link #loadGivenSplits}; check with {@link #hasGivenSplits}). Labels come from {@code data.labels} when set,
 * otherwise from {@link LabelSet#infer} over every file involved, so all splits share one mapping.
 */
public final class DatasetLoader {
  private static final String TSE = "tweet_sentiment_extraction.csv.gz";
  private static final String OFFENSIVE = "tweeteval_offensive_%s.csv.gz";

  private DatasetLoader() {}

  /** True when the data comes as given train/val/test files rather than one file to split. */
  public static boolean hasGivenSplits(DataConfig data) {
    return data.hasGivenSplits()
        || (data.path().isEmpty() && data.dataset() == BundledDataset.TWEETEVAL_OFFENSIVE);
  }

  /**
   * Loads the single file of {@code data.path}, or the bundled data set when the path is empty.
   *
   * @throws IllegalArgumentException if the data has given splits; use {@link #loadGivenSplits}
   */
  public static Dataset load(DataConfig data, CleaningConfig cleaning) {
    if (hasGivenSplits(data)) {
      throw new IllegalArgumentException("data has given train/val/test splits; call loadGivenSplits");
    }
    SourceText src = data.path().isEmpty()
        ? SourceText.resource(TSE, "bundled:tweet-sentiment")
        : SourceText.read(Path.of(data.path()));
    return build(List.of(DatasetReader.read(src, data)), data, cleaning, null).get(0);
  }

  /** Loads any one file with this config's columns and cleaning, e.g. a file to evaluate or predict on. */
  public static Dataset load(Path file, DataConfig data, CleaningConfig cleaning) {
    return build(List.of(DatasetReader.read(file, data)), data, cleaning, null).get(0);
  }

  /**
   * Loads a file against a fixed label set, e.g. the one a trained model was saved with; a label outside it is an
   * error naming the row.
   */
  public static Dataset load(Path file, DataConfig data, CleaningConfig cleaning, LabelSet labels) {
    return build(List.of(DatasetReader.read(file, data)), data, cleaning, labels).get(0);
  }

  /** Loads given train/val/test files: {@code data.path}, {@code data.valPath}, {@code data.testPath}, or bundled. */
  public static GivenSplits loadGivenSplits(DataConfig data, CleaningConfig cleaning) {
    List<RawTable> tables = new ArrayList<>();
    if (data.hasGivenSplits()) {
      if (data.path().isEmpty()) {
        throw new TweetoxException("config data.path: data.valPath and data.testPath are set, so data.path must "
            + "name the training file");
      }
      for (String p : List.of(data.path(), data.valPath(), data.testPath())) {
        tables.add(DatasetReader.read(Path.of(p), data));
      }
    } else {
      for (String part : List.of("train", "val", "test")) {
        tables.add(DatasetReader.read(SourceText.resource(String.format(OFFENSIVE, part),
            "bundled:tweeteval-offensive/" + part), data));
      }
    }
    checkIdsAcrossFiles(tables);
    List<Dataset> sets = uniqueAcross(build(tables, data, cleaning, null));
    String joined = sets.stream().map(Dataset::fingerprint).collect(Collectors.joining("\n"));
    String fingerprint = TextIds.sha256Hex(joined.getBytes(StandardCharsets.UTF_8));
    return new GivenSplits(sets.get(0), sets.get(1), sets.get(2), sets.get(0).labels(), fingerprint);
  }

  /**
   * Builds one data set per table, all with one label set; the first table must hold at least two classes. Only the
   * first table gets duplicate and conflict removal; the others are given evaluation files.
   */
  private static List<Dataset> build(List<RawTable> tables, DataConfig data, CleaningConfig cleaning,
      LabelSet fixed) {
    LabelSet labels = fixed != null ? fixed : labelSet(tables, data);
    TextCleaner cleaner = new TextCleaner(cleaning);
    // Given val/test files are benchmarks: clean their text, but never drop their duplicates or conflicts, so
    // scores stay comparable with published ones.
    TextCleaner benchmark = new TextCleaner(cleaning.keepingAllRows());
    List<Dataset> out = new ArrayList<>();
    for (RawTable t : tables) {
      CleaningPipeline.Result r = CleaningPipeline.run(t, labels, out.isEmpty() ? cleaner : benchmark);
      out.add(new Dataset(r.examples(), labels, t.fingerprint(), t.source(), r.report()));
    }
    Dataset first = out.get(0);
    long classes = first.examples().stream().mapToInt(Example::label).distinct().count();
    if (fixed == null && classes < 2) {
      throw new TweetoxException(first.source() + ": after cleaning only " + classes + " class remains ("
          + first.report().rowsKept() + " rows); a classifier needs at least 2 classes in column '"
          + tables.get(0).columns().label() + "'");
    }
    return out;
  }

  private static LabelSet labelSet(List<RawTable> tables, DataConfig data) {
    if (!data.labels().isEmpty()) {
      if (data.labels().size() < 2) {
        throw new TweetoxException("config data.labels: " + data.labels() + " has one label; list at least 2");
      }
      return LabelSet.explicit(data.labels());
    }
    Set<String> seen = new TreeSet<>();
    for (RawTable t : tables) {
      t.rows().stream().filter(r -> !r.text().isBlank() && !r.label().isBlank())
          .forEach(r -> seen.add(r.label().trim()));
    }
    LabelSet labels = LabelSet.infer(seen);
    if (labels.size() < 2) {
      RawTable first = tables.get(0);
      throw new TweetoxException(first.source() + ": column '" + first.columns().label() + "' has only the label "
          + labels.values() + "; a classifier needs at least 2 classes");
    }
    return labels;
  }

  /** Column ids must not repeat across given files: a shared id would blur which split a row belongs to. */
  private static void checkIdsAcrossFiles(List<RawTable> tables) {
    Map<String, String> owner = new HashMap<>();
    for (RawTable t : tables) {
      if (!t.idsFromColumn()) {
        continue;
      }
      for (RawRow r : t.rows()) {
        String prev = owner.putIfAbsent(r.id(), r.where(t.source()));
        if (prev != null && !r.id().isEmpty()) {
          throw new TweetoxException(r.where(t.source()) + ": id '" + r.id() + "' is also used in " + prev
              + "; ids must be unique across the train, validation and test files");
        }
      }
    }
  }

  /** Text-hash ids may repeat across files (the same tweet in train and test); later files get suffixes. */
  private static List<Dataset> uniqueAcross(List<Dataset> sets) {
    Set<String> taken = new HashSet<>();
    sets.forEach(d -> d.examples().forEach(e -> taken.add(e.id())));
    Set<String> used = new HashSet<>();
    List<Dataset> out = new ArrayList<>();
    for (Dataset d : sets) {
      List<Example> fixed = new ArrayList<>(d.size());
      for (Example e : d.examples()) {
        String id = used.add(e.id()) ? e.id() : CleaningPipeline.nextFree(e.id(), taken);
        used.add(id);
        fixed.add(id.equals(e.id()) ? e : new Example(id, e.rawText(), e.text(), e.label(), e.row()));
      }
      out.add(new Dataset(fixed, d.labels(), d.fingerprint(), d.source(), d.report()));
    }
    return out;
  }
}
