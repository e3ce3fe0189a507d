package dev.tweetox.model;

import dev.tweetox.TweetoxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of model tweetox trains. Each kind names its key in {@code metrics.json}, reports and bundles, and the
 * folders it occupies in a run directory, so no other class spells those strings.
 */
public enum ModelKind {
  /** TF-IDF + logistic regression; the whole model lives in {@code baseline/}. */
  BASELINE("baseline", "baseline", "baseline"),
  /** Fine-tuned BERT; the stage writes logs and checkpoints to {@code transformer/}, the model to its {@code model/}. */
  TRANSFORMER("transformer", "transformer", "transformer/model"),
  /** A small BERT distilled from the transformer; laid out as the transformer, under {@code student/}. */
  STUDENT("student", "student", "student/model"),
  /**
   * The run's other models (the baseline, the transformer and, when trained, the student) stacked by a small
   * logistic regression fitted on their validation probabilities; {@code ensemble/} holds its coefficients, the
   * members stay in their own folders.
   */
  ENSEMBLE("ensemble", "ensemble", "ensemble");

  /** The word for "the strongest model available" wherever a kind is chosen. */
  public static final String AUTO = "auto";

  /** The fewest members a stacked ensemble needs. */
  public static final int MIN_MEMBERS = 2;

  private final String key;
  private final String stageDir;
  private final String modelDir;

  ModelKind(String key, String stageDir, String modelDir) {
    this.key = key;
    this.stageDir = stageDir;
    this.modelDir = modelDir;
  }

  /** The name in metrics.json, file names, tables and on the command line. */
  public String key() {
    return key;
  }

  /** Folder of a run directory where this kind's stage writes, relative to the run directory. */
  public String stageDir() {
    return stageDir;
  }

  /** Folder of a run directory that holds the trained model, relative to the run directory. */
  public String modelDir() {
    return modelDir;
  }

  /**
   * The kinds this one can be fitted on top of: the ensemble stacks whichever of the baseline, the transformer and
   * the student a run has ({@link #stackable}); else empty.
   */
  public List<ModelKind> members() {
    return this == ENSEMBLE ? List.of(BASELINE, TRANSFORMER, STUDENT) : List.of();
  }

  /**
   * What the ensemble stacks given the models a run has: each of {@link #members} among {@code available}, in
   * this enum's order (the order of the stacker's feature blocks).
   */
  public static List<ModelKind> stackable(Collection<ModelKind> available) {
    return ENSEMBLE.members().stream().filter(available::contains).toList();
  }

  /** The kinds whose trained models this one's training reads: the ensemble's members, the student's teacher. */
  public List<ModelKind> trainedFrom() {
    return this == STUDENT ? List.of(TRANSFORMER) : members();
  }

  /** Parses a key such as {@code transformer}, any case; the error lists the valid keys. */
  public static ModelKind parse(String s) {
    String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.key.equals(k)).findFirst().orElseThrow(() ->
        new TweetoxException("unknown model type '" + s + "'; use one of " + keys()));
  }

  /** Parses a key or {@value #AUTO}; empty means "the strongest available". */
  public static Optional<ModelKind> parseChoice(String s) {
    return s != null && s.trim().equalsIgnoreCase(AUTO) ? Optional.empty() : Optional.of(parse(s));
  }

  /** Parses each key, keeping the order; the error names the unknown key and lists the valid ones. */
  public static List<ModelKind> parseAll(List<String> keys) {
    return keys.stream().map(ModelKind::parse).toList();
  }

  /** {@code baseline, transformer, student, ensemble} */
  public static String keys() {
    return Arrays.stream(values()).map(ModelKind::key).collect(Collectors.joining(", "));
  }

  /** Whether the model is a BERT classifier (a Hugging Face directory, run on ONNX Runtime for inference). */
  public boolean isBert() {
    return this == TRANSFORMER || this == STUDENT;
  }

  @Override
  public String toString() {
    return key;
  }
}
