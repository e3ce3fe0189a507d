package dev.tweetox.config;

/**
 * The distilled student ({@code models: [..., transformer, student]}): a small BERT trained on the gold labels and
 * on its teacher's soft labels, loss {@code alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha) * CE}. All its
 * layers are trained (no frozen cache: at this size the whole model trains faster than BERT-Base's top layers), with
 * early stopping on validation macro-F1 as the transformer.
 *
 * @param teacher {@value #RUN_TRANSFORMER} (the run's fine-tuned transformer, which must then come before
 *     {@code student} in {@code models}) or a fine-tuned Hugging Face-style BERT directory, e.g. a bundle
 * @param teacherPrecision the teacher's weights when it labels the training split: {@code fp32} or {@code int8}
 * @param weights the student's starting weights: {@code all-minilm-l6-v2} (MiniLM-L6-H384 from its Maven
 *     artifact), {@code bert-base-uncased} or a Hugging Face-style BERT directory
 * @param temperature T, softening both the teacher's and the student's distributions in the soft term
 * @param alpha weight of the soft term; 0 trains on the gold labels only, 1 on the teacher only
 * @param maxLength word pieces per tweet including [CLS] and [SEP]
 * @param learningRate peak AdamW learning rate, after a linear warmup over {@code warmupRatio} of the steps
 * @param patience validations without a better macro-F1 before stopping
 * @param trainFraction stratified fraction of the training split the teacher labels and the student learns from
 *     (1 = all); less bounds the cost on a busy or small machine
 * @param threads intra-op threads for libtorch and for the teacher's soft labels; 0 means all cores
 * @param unlabeled a file of unlabelled tweets (CSV/TSV/JSONL with a text column, or {@code .txt} with one per
 *     line) that the student also learns from through the teacher's soft labels; empty for none
 */
public record StudentConfig(
    String teacher,
    TeacherPrecision teacherPrecision,
    String weights,
    double temperature,
    double alpha,
    int maxLength,
    int batchSize,
    int evalBatchSize,
    double learningRate,
    double weightDecay,
    int epochs,
    double warmupRatio,
    double hiddenDropout,
    int patience,
    double trainFraction,
    int threads,
    String unlabeled) {
  /** The {@code teacher} value naming the run's own fine-tuned transformer. */
  public static final String RUN_TRANSFORMER = "transformer";

  public StudentConfig {
    if (teacher == null || teacher.isBlank()) {
      throw Validation.error("student.teacher", "give " + RUN_TRANSFORMER + " (the run's fine-tuned transformer)"
          + " or a fine-tuned BERT directory");
    }
    if (teacherPrecision == null) {
      throw Validation.error("student.teacherPrecision", "is required; give one of "
          + ConfigWord.keys(TeacherPrecision.values()));
    }
    if (weights == null || weights.isBlank()) {
      throw Validation.error("student.weights", "give all-minilm-l6-v2, bert-base-uncased or a Hugging"
          + " Face-style directory");
    }
    Validation.inRange("student.temperature", temperature, 0.05, 100);
    Validation.inRange("student.alpha", alpha, 0.0, 1.0);
    if (maxLength < 8 || maxLength > 512) {
      throw Validation.error("student.maxLength", "must be in [8, 512], got " + maxLength);
    }
    if (batchSize < 1 || evalBatchSize < 1) {
      throw Validation.error("student.batchSize/evalBatchSize", "must be at least 1");
    }
    Validation.inRange("student.learningRate", learningRate, 1e-8, 1.0);
    Validation.inRange("student.weightDecay", weightDecay, 0.0, 1.0);
    if (epochs < 1) {
      throw Validation.error("student.epochs", "must be at least 1, got " + epochs);
    }
    Validation.inRange("student.warmupRatio", warmupRatio, 0.0, 0.5);
    Validation.inRange("student.hiddenDropout", hiddenDropout, 0.0, 0.9);
    if (patience < 1) {
      throw Validation.error("student.patience", "must be at least 1, got " + patience);
    }
    Validation.inRange("student.trainFraction", trainFraction, 1e-6, 1.0);
    if (threads < 0) {
      throw Validation.error("student.threads", "must be 0 (all cores) or more");
    }
    unlabeled = unlabeled == null ? "" : unlabeled.strip();
  }

  public static StudentConfig defaults() {
    return new StudentConfig(RUN_TRANSFORMER, TeacherPrecision.FP32, "all-minilm-l6-v2", 2.0, 0.5, 64, 32, 64, 1e-4,
        0.01, 3, 0.1, 0.1, 1, 1.0, 0, "");
  }

  /** Whether the student also learns from a file of unlabelled tweets. */
  public boolean hasUnlabeled() {
    return !unlabeled.isEmpty();
  }

  /** Whether the teacher is the run's own transformer rather than a directory. */
  public boolean teacherIsRun() {
    return teacher.equals(RUN_TRANSFORMER);
  }

  /**
   * The fine-tuning settings the student trains with: every layer trained, no cache, no class weights, and none of
   * the teacher's recipe options (layer-wise decay, multi-sample dropout, weight averaging), which were measured on
   * the teacher only.
   */
  public TransformerConfig training() {
    return TransformerConfig.preset(TransformerConfig.Preset.DEFAULT).toBuilder().weights(weights)
        .maxLength(maxLength).batchSize(batchSize).evalBatchSize(evalBatchSize).learningRate(learningRate)
        .weightDecay(weightDecay).epochs(epochs).warmupRatio(warmupRatio).hiddenDropout(hiddenDropout)
        .attentionDropout(hiddenDropout).frozenLayers(0).freezeEmbeddings(false).cacheFrozen(false)
        .patience(patience).evalEvery(0).classWeight(TransformerConfig.ClassWeight.NONE).trainFraction(1.0)
        .threads(threads).layerDecay(1.0).dropoutSamples(1).averageLast(0).build();
  }
}
