package dev.tweetox.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Dataset;
import dev.tweetox.data.DatasetLoader;
import dev.tweetox.data.Example;
import dev.tweetox.data.GivenSplits;
import dev.tweetox.data.LabelSet;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.run.Rerun;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.run.Stage;
import dev.tweetox.run.StageLedger;
import dev.tweetox.split.ClassRatios;
import dev.tweetox.split.SplitAssignment;
import dev.tweetox.split.SplitExports;
import dev.tweetox.split.SplitPart;
import dev.tweetox.split.SplitStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Stage 1 and 2: read and clean the data, then make (or reuse and check) the split, and export its tables. */
public final class PrepareStage {
  public static final String CLEANING_REPORT = "cleaning_report.json";

  private PrepareStage() {}

  /** The files this stage writes (the split ids, its record, the exported tables and the cleaning report). */
  static final List<String> OUTPUTS = List.of(SplitPart.TRAIN.idsFile(), SplitPart.VAL.idsFile(),
      SplitPart.TEST.idsFile(), SplitStore.MANIFEST, SplitExports.GROUND_TRUTH, SplitExports.CLASS_RATIOS,
      CLEANING_REPORT);

  /** Prepares the data, checking the stage against its manifest as a run does. */
  public static PreparedData run(TweetoxConfig cfg, RunDirectory dir, PrintWriter log) {
    return run(cfg, dir, new StageLedger(dir, Rerun.CHANGED, log), log);
  }

  /**
   * Reads, cleans and splits (or reuses the saved split): later stages need the data in memory, so this part always
   * runs. When the stage is up to date, its exported tables are not written again.
   */
  public static PreparedData run(TweetoxConfig cfg, RunDirectory dir, StageLedger ledger, PrintWriter log) {
    long t0 = System.nanoTime();
    PreparedData data = DatasetLoader.hasGivenSplits(cfg.data()) ? given(cfg, dir) : fresh(cfg, dir);
    Map<String, String> inputs = StageInputs.prepare(cfg, data.fingerprint());
    inputs.put("split", StageInputs.splitHash(data));
    if (!ledger.check(Stage.PREPARE, inputs).upToDate()) {
      SplitExports.writeGroundTruth(dir.resolve(SplitExports.GROUND_TRUTH), data.test(), data.labels());
      data.ratios().writeCsv(dir.resolve(SplitExports.CLASS_RATIOS));
      writeCleaningReport(dir, data);
      ledger.finish(Stage.PREPARE, inputs, OUTPUTS.stream().map(dir::resolve).toList(),
          (System.nanoTime() - t0) / 1e9);
    }
    log.println("data: " + data.source() + " (sha256 " + data.fingerprint().substring(0, 12) + "...)");
    log.println("cleaning: " + data.cleaning().summary());
    log.println("split: " + (data.splitReused() ? "reused from " : "saved to ") + dir.path() + " -- train "
        + data.train().size() + ", val " + data.val().size() + ", test " + data.test().size());
    log.println(data.ratios().table());
    log.flush();
    return data;
  }

  private static PreparedData fresh(TweetoxConfig cfg, RunDirectory dir) {
    Dataset ds = DatasetLoader.load(cfg.data(), cfg.cleaning());
    SplitStore.StoredSplit stored = SplitStore.loadOrCreate(dir.path(), ds, cfg.split(), cfg.seed());
    return assemble(ds.examples(), ds.labels(), stored, ds.source(), ds.fingerprint(), ds.report());
  }

  private static PreparedData given(TweetoxConfig cfg, RunDirectory dir) {
    GivenSplits g = DatasetLoader.loadGivenSplits(cfg.data(), cfg.cleaning());
    SplitStore.StoredSplit stored = SplitStore.loadOrCreate(dir.path(), g);
    return assemble(g.all(), g.labels(), stored, g.train().source(), g.fingerprint(), g.train().report());
  }

  private static PreparedData assemble(List<Example> all, LabelSet labels, SplitStore.StoredSplit stored,
      String source, String fingerprint, dev.tweetox.data.CleaningReport report) {
    SplitAssignment split = stored.assignment();
    ClassRatios ratios = ClassRatios.of(split, all, labels);
    return new PreparedData(labels, split.select(all, SplitPart.TRAIN), split.select(all, SplitPart.VAL),
        split.select(all, SplitPart.TEST), source, fingerprint, report, ratios, stored.reused());
  }

  private static void writeCleaningReport(RunDirectory dir, PreparedData data) {
    try {
      AtomicFiles.writeString(dir.resolve(CLEANING_REPORT),
          ConfigLoader.json().writeValueAsString(data.cleaning()) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
