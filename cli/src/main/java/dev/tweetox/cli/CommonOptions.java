package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BundledDataset;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every pipeline command shares; they become config overrides, so the saved config shows them. */
public final class CommonOptions {
  @Option(names = "--data", paramLabel = "<file>",
      description = "CSV/TSV/JSONL to use (default: the bundled tweet sentiment data).")
  Path data;

  @Option(names = "--dataset", paramLabel = "<name>", converter = DatasetConverter.class,
      description = "Bundled data set when --data is not given: tweet-sentiment (default) or tweeteval-offensive.")
  BundledDataset dataset;

  @Option(names = "--run-dir", paramLabel = "<dir>", description = "Where outputs go (default: runs/<name>).")
  Path runDir;

  @Option(names = "--config", paramLabel = "<file>", description = "YAML or JSON config; unknown keys are errors.")
  Path config;

  @Option(names = "--seed", paramLabel = "<n>", description = "Seed for every random step (default 42).")
  Long seed;

  @Option(names = "--name", paramLabel = "<name>", description = "Run name (default: default).")
  String name;

  @Option(names = {"-s", "--set"}, paramLabel = "<key=value>",
      description = "Override one config key, e.g. --set baseline.c=0.5,1,2 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Mixin OutputOptions outputOptions;

  /** The config from defaults, then --config, then --set and the shortcut flags. */
  TweetoxConfig config() {
    return config(List.of());
  }

  TweetoxConfig config(List<String> commandOverrides) {
    return config(TweetoxConfig.defaults(), commandOverrides);
  }

  /** As {@link #config(List)}, starting from {@code base} instead of the defaults (e.g. a transformer preset). */
  TweetoxConfig config(TweetoxConfig base, List<String> commandOverrides) {
    outputOptions.apply();
    List<String> all = new ArrayList<>(commandOverrides);
    if (data != null) {
      all.add("data.path=" + data);
    }
    if (dataset != null) {
      all.add("data.dataset=" + dataset.key());
    }
    if (seed != null) {
      all.add("seed=" + seed);
    }
    if (name != null) {
      all.add("name=" + name);
    }
    all.addAll(overrides);
    TweetoxConfig cfg = ConfigLoader.load(base, config, all);
    // A bundled data set may have its own defaults; the file and the overrides still win over them.
    if (cfg.data().path().isEmpty()) {
      base = base.adjustedFor(cfg.data().dataset());
      cfg = ConfigLoader.load(base, config, all);
    }
    if (name == null && cfg.name().equals("default")) {
      // Name runs after their data, so runs on different data never share a split by accident.
      all.add("name=" + defaultName(cfg));
      cfg = ConfigLoader.load(base, config, all);
    }
    return cfg;
  }

  private static String defaultName(TweetoxConfig cfg) {
    if (cfg.data().path().isEmpty()) {
      return cfg.data().dataset().key();
    }
    String file = Path.of(cfg.data().path()).getFileName().toString();
    String stem = file.replaceAll("(\\.gz)?$", "").replaceAll("\\.[^.]*$", "");
    String safe = stem.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() ? "default" : safe;
  }

  RunDirectory runDirectory(TweetoxConfig cfg) {
    return RunDirectory.resolve(runDir, cfg);
  }

  /** Binds --dataset through the config's words, so the error lists the bundled data sets. */
  public static final class DatasetConverter implements ITypeConverter<BundledDataset> {
    @Override
    public BundledDataset convert(String value) {
      try {
        return BundledDataset.fromKey(value);
      } catch (TweetoxException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
