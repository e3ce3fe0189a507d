package dev.tweetox.config;

import java.util.List;

/**
 * The whole run configuration: immutable, validated on construction, and saved as {@code config.json} in every run
 * directory. Load it with {@link ConfigLoader}, which rejects unknown keys.
 *
 * @param name the run name; the run directory defaults to {@code runs/<name>}
 * @param seed the one seed every random step derives from
 * @param models which model types to train, in order: {@code baseline}, {@code transformer}, {@code student} (which
 *     learns from the transformer, so it needs it), {@code ensemble} (which stacks the other models listed, so it
 *     needs two of them and is fitted after them)
 * @param decision the flag class and how its threshold is chosen; null means the defaults
 * @param student the distilled student, trained when {@code models} lists {@code student}; null means the defaults
 */
public record TweetoxConfig(
    String name,
    long seed,
    List<String> models,
    DataConfig data,
    CleaningConfig cleaning,
    SplitConfig split,
    BaselineConfig baseline,
    TransformerConfig transformer,
    DecisionConfig decision,
    StudentConfig student) {

  /**
   * The keys of {@code dev.tweetox.model.ModelKind}. Spelled here because config may not depend on the model package
   * (that would close the cycle model -> data -> config); ConfigLoaderTest keeps the two equal.
   */
  public static final List<String> MODEL_TYPES = List.of("baseline", "transformer", "student", "ensemble");

  public TweetoxConfig {
    name = name == null || name.isBlank() ? "default" : name;
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw Validation.error("name", "'" + name + "' may use only letters, digits, '.', '_' and '-'");
    }
    models = List.copyOf(models);
    Validation.nonEmpty("models", models);
    models.forEach(m -> Validation.oneOf("models", m, MODEL_TYPES));
    if (models.contains("ensemble") && models.stream().distinct().filter(m -> !m.equals("ensemble")).count() < 2) {
      throw Validation.error("models", "ensemble stacks the other models listed, so it needs two of baseline,"
          + " transformer and student in models (e.g. baseline,transformer,ensemble); to stack a finished run's"
          + " saved models use `tweetox ensemble --run-dir <run>`");
    }
    if (data == null || cleaning == null || split == null || baseline == null || transformer == null) {
      throw Validation.error("(root)", "data, cleaning, split, baseline and transformer are required");
    }
    decision = decision == null ? DecisionConfig.defaults() : decision;
    student = student == null ? StudentConfig.defaults() : student;
    if (student.hasUnlabeled() && !models.contains("student")) {
      throw Validation.error("student.unlabeled", "only the student learns from unlabelled tweets; add student to"
          + " the models, e.g. --models baseline,transformer,student");
    }
    if (models.contains("student") && student.teacherIsRun()
        && !models.subList(0, models.indexOf("student")).contains("transformer")) {
      throw Validation.error("models", "student learns from the run's transformer (student.teacher: "
          + StudentConfig.RUN_TRANSFORMER + "), so list transformer before it, e.g. --models"
          + " baseline,transformer,student; or set student.teacher to a fine-tuned BERT directory");
    }
  }

  /** A config with the default {@link StudentConfig}. */
  public TweetoxConfig(String name, long seed, List<String> models, DataConfig data, CleaningConfig cleaning,
      SplitConfig split, BaselineConfig baseline, TransformerConfig transformer, DecisionConfig decision) {
    this(name, seed, models, data, cleaning, split, baseline, transformer, decision, StudentConfig.defaults());
  }

  /** A config with the default {@link DecisionConfig}, as configs were before operating points existed. */
  public TweetoxConfig(String name, long seed, List<String> models, DataConfig data, CleaningConfig cleaning,
      SplitConfig split, BaselineConfig baseline, TransformerConfig transformer) {
    this(name, seed, models, data, cleaning, split, baseline, transformer, DecisionConfig.defaults(),
        StudentConfig.defaults());
  }

  /**
   * This config adjusted for a bundled data set. For the tweeteval-offensive benchmark: the notebook's explicit class
   * weights (1.2:0.8:1.2) only fit three classes, so the grid searches none and balanced; and its training file is
   * used as published (duplicates and conflicting rows kept), like its validation and test files, so that scores
   * compare with published results on the same files. A config file or --set still overrides both.
   */
  public TweetoxConfig adjustedFor(BundledDataset dataset) {
    if (dataset != BundledDataset.TWEETEVAL_OFFENSIVE) {
      return this;
    }
    return new TweetoxConfig(name, seed, models, data, cleaning.keepingAllRows(), split,
        baseline.withClassWeights(List.of("none", "balanced")), transformer, decision, student);
  }

  /** The defaults with other model types and a transformer preset ({@code quick}, {@code default}, {@code full}). */
  public static TweetoxConfig defaults(List<String> models, String transformerPreset) {
    return defaults(models, TransformerConfig.Preset.of(transformerPreset));
  }

  /** As {@link #defaults(List, String)}, the preset already parsed. */
  public static TweetoxConfig defaults(List<String> models, TransformerConfig.Preset transformerPreset) {
    TweetoxConfig d = defaults();
    return new TweetoxConfig(d.name, d.seed, models, d.data, d.cleaning, d.split, d.baseline,
        TransformerConfig.preset(transformerPreset), d.decision, d.student);
  }

  public static TweetoxConfig defaults() {
    return new TweetoxConfig(
        "default", 42L, List.of("baseline", "transformer", "ensemble"),
        DataConfig.defaults(), CleaningConfig.defaults(), SplitConfig.defaults(), BaselineConfig.defaults(),
        TransformerConfig.preset("default"), DecisionConfig.defaults(), StudentConfig.defaults());
  }
}
