package dev.tweetox.export;

import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.fixtures.Fixtures;
import dev.tweetox.io.Progress;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.training.TinyTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One finished run on the 60-tweet pipeline fixture, with a tiny random BERT (2 layers, hidden 32) and a 2-setting
 * baseline grid, made once per test JVM and shared by the export, predict and CLI tests (a few seconds), plus a
 * bundle exported from it.
 */
public final class TinyRun {
  static final Path FIXTURE = Fixtures.path("pipeline/tweets60.csv");
  private static Path root;
  private static Path runDir;
  private static Path bundle;

  private TinyRun() {}

  /** The finished run directory ({@code <tmp>/runs/tiny}). */
  public static synchronized Path runDir() {
    if (runDir == null) {
      Progress.setQuiet(true);
      try {
        root = Files.createTempDirectory("tweetox-export-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          dev.tweetox.io.AtomicFiles.deleteTree(root);
        } catch (IOException ignored) {
          // temp files; the OS cleans up eventually
        }
      }));
      Path bert = TinyTraining.writeRandomBert(root.resolve("bert"), 3);
      TweetoxConfig cfg = ConfigLoader.load(TweetoxConfig.defaults(), null, List.of("name=tiny",
          "data.path=" + FIXTURE, "baseline.folds=3", "baseline.c=1,4", "baseline.penalty=l2",
          "baseline.classWeight=none,balanced", "baseline.minDf=1", "transformer.weights=" + bert,
          "transformer.maxLength=16", "transformer.trainFraction=1", "transformer.frozenLayers=1",
          "transformer.epochs=2"));
      Path dir = root.resolve("runs/tiny");
      Pipeline.run(cfg, RunDirectory.resolve(dir, cfg), "test", new PrintWriter(new StringWriter()));
      runDir = dir;
    }
    return runDir;
  }

  /** A bundle exported from {@link #runDir()}; tests must not modify it (copy it first). */
  public static synchronized Path bundle() {
    if (bundle == null) {
      Path out = runDir().getParent().getParent().resolve("bundle");
      BundleExporter.export(runDir(), out, BundleExporter.Options.defaults(), new PrintWriter(new StringWriter()));
      bundle = out;
    }
    return bundle;
  }

  /** A fresh folder under the shared temp root. */
  public static Path scratch(String name) {
    runDir();
    try {
      return Files.createDirectories(root.resolve("scratch").resolve(name + "-" + System.nanoTime()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder tree (for tests that tamper with a bundle). */
  public static Path copy(Path from, Path to) {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path dst = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
