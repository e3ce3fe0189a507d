package dev.tweetox.transformer;

import ai.djl.ndarray.NDManager;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.pretrained.BertWeights;
import dev.tweetox.transformer.training.ClassifierFactory;
import dev.tweetox.transformer.training.ForwardPath;
import dev.tweetox.transformer.training.FrozenCache;
import dev.tweetox.transformer.training.Scoring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuned BERT classifier loaded from a Hugging Face-style directory. Texts are tokenised, scored in
 * length-sorted batches (each in its own NDManager, so native memory stays bounded) and returned in input order as
 * softmax probabilities. Thread-safe: calls are serialised. {@link #close} frees the native weights.
 */
public final class TransformerModel implements TextClassifier, AutoCloseable {
  private static final int DEFAULT_BATCH = 64;

  private final NDManager manager;
  private final BertClassifier model;
  private final WordPieceTokenizer tokenizer;
  private final LabelSet labels;
  private final int maxLength;
  private final int batchSize;
  private volatile PrefixCache prefix;
  private boolean closed;

  /**
   * Frozen-layer outputs already computed during training (e.g. for the validation split), keyed by text, so
   * scoring those texts again runs only the layers above. Valid only for the model trained on top of them.
   */
  public record PrefixCache(FrozenCache cache, Map<String, Integer> indexByText) {}

  private TransformerModel(NDManager manager, BertClassifier model, WordPieceTokenizer tokenizer, LabelSet labels,
      int maxLength, int batchSize) {
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
    this.labels = labels;
    this.maxLength = maxLength;
    this.batchSize = batchSize;
  }

  public static TransformerModel load(Path dir) {
    return load(dir, DEFAULT_BATCH);
  }

  public static TransformerModel load(Path dir, int batchSize) {
    HfBertDirectory.Contents c = HfBertDirectory.read(dir);
    ClassifierHead head = ClassifierHead.of(dir, c);
    NDManager manager = NDManager.newBaseManager();
    try {
      BertClassifier model = ClassifierFactory.create(c.config(), manager);
      BertWeights.load(model.namedParameters(), c.tensors()).requireLoaded(List.of());
      model.freezeParameters(true); // inference only: no autograd bookkeeping
      return new TransformerModel(manager, model, new WordPieceTokenizer(c.vocab()), head.labels(),
          head.maxLength(), batchSize);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public LabelSet labels() {
    return labels;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.TRANSFORMER;
  }

  public int maxLength() {
    return maxLength;
  }

  @Override
  public synchronized double[][] predictProba(List<String> cleanedTexts) {
    if (closed) {
      throw new IllegalStateException("TransformerModel is closed");
    }
    PrefixCache p = prefix;
    if (p != null && !cleanedTexts.isEmpty()) {
      int[] idx = new int[cleanedTexts.size()];
      boolean all = true;
      for (int i = 0; i < idx.length && all; i++) {
        Integer at = p.indexByText().get(cleanedTexts.get(i));
        all = at != null;
        idx[i] = all ? at : -1;
      }
      if (all) {
        return Scoring.probabilities(ForwardPath.cachedSubset(model, p.cache(), idx), idx.length, batchSize,
            manager);
      }
    }
    TokenizedSet data = TokenizedSet.of(tokenizer, cleanedTexts, new int[0], maxLength);
    return Scoring.probabilities(ForwardPath.full(model, data), data.size(), batchSize, manager);
  }

  /**
   * Lets calls whose texts all appear in {@code texts} reuse their cached frozen-layer outputs ({@code cache} row
   * i belongs to {@code texts.get(i)}); other calls run the whole model. The cache must come from this model's
   * frozen lower layers; results match the full forward exactly with float32, within rounding with 16 bits.
   */
  public void usePrefixCache(FrozenCache cache, List<String> texts) {
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      index.putIfAbsent(texts.get(i), i);
    }
    prefix = new PrefixCache(cache, Map.copyOf(index));
  }

  /** Live native arrays under this model's manager (weights plus any leak), for memory tests. */
  synchronized int liveArrays() {
    return manager.getManagedArrays().size();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }
}
