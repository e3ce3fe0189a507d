package dev.tweetox.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of an export bundle, a self-contained folder written by {@code tweetox export}. The folder is also a
 * Hugging Face BERT directory ({@code config.json}, {@code vocab.txt}, {@code model.safetensors}), so Python's
 * {@code BertForSequenceClassification.from_pretrained(bundle)} and tweetox's own loader read the same files.
 */
public final class Bundle {
  /** sha256sum-format checksums of every other file; its presence marks a folder as a bundle. */
  public static final String CHECKSUMS = "SHA256SUMS";
  /** The run's full configuration (cleaning included) and provenance, so predictions clean text as training did. */
  public static final String MANIFEST = "tweetox.json";
  /** Per-output-channel int8 weights of the Linear layers, with their scales. */
  public static final String INT8_WEIGHTS = "model.int8.safetensors";
  /** The TF-IDF + logistic-regression baseline, as the run saved it. */
  public static final String BASELINE_DIR = "baseline";
  /** The stacked ensemble's coefficients, present only when every model it stacks is in the bundle. */
  public static final String ENSEMBLE_DIR = "ensemble";
  public static final String CARD_MD = "model_card.md";
  public static final String CARD_JSON = "model_card.json";
  public static final String RUNS_CSV = "experiment_runs_all.csv";
  public static final String RUNS_XLSX = "experiment_runs_all.xlsx";
  public static final String SUMMARY = "summary_report.txt";
  /** Manifest format name and version, checked on load. */
  public static final String FORMAT = "tweetox-bundle";
  public static final int FORMAT_VERSION = 1;

  private Bundle() {}

  /** True when {@code dir} looks like a bundle (it has {@value #CHECKSUMS}), as opposed to a run directory. */
  public static boolean isBundle(Path dir) {
    return Files.isRegularFile(dir.resolve(CHECKSUMS));
  }
}
