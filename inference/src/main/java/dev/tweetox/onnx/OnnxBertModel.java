package dev.tweetox.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tweetox.TweetoxException;
import dev.tweetox.bert.ClassifierHead;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.LengthBatcher;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A fine-tuned BERT classifier run by ONNX Runtime, in float32 or with int8 Linear layers. The graph is built in
 * memory from a Hugging Face-style directory ({@link BertGraph}); int8 weights come from {@value Int8Weights#FILE}
 * in that directory when present, else are quantized on load. Tokenisation, truncation, length-sorted batching and
 * softmax mirror the DJL model used in training, so the float32 probabilities match it to float rounding.
 *
 * <p>Thread-safe without serialising calls: ONNX Runtime sessions allow concurrent {@code run}s; a read-write lock
 * only keeps {@link #close} from freeing the session under a running call. Every native tensor is closed per batch.
 */
public final class OnnxBertModel implements TextClassifier, AutoCloseable {
  public static final int DEFAULT_BATCH = 64;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final LabelSet labels;
  private final int maxLength;
  private final int batchSize;
  private final boolean int8;
  private final ModelKind kind;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxBertModel(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer, LabelSet labels,
      int maxLength, int batchSize, boolean int8, ModelKind kind) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.labels = labels;
    this.maxLength = maxLength;
    this.batchSize = batchSize;
    this.int8 = int8;
    this.kind = kind;
  }

  /** Loads with batches of 64 and one intra-op thread per available core. */
  public static OnnxBertModel load(Path hfDir, boolean int8) {
    return load(hfDir, int8, DEFAULT_BATCH, Runtime.getRuntime().availableProcessors());
  }

  /** Loads with batches of 64 and {@code threads} intra-op threads. */
  public static OnnxBertModel load(Path hfDir, boolean int8, int threads) {
    return load(hfDir, int8, DEFAULT_BATCH, threads);
  }

  public static OnnxBertModel load(Path hfDir, boolean int8, int batchSize, int threads) {
    return load(hfDir, int8, batchSize, threads, ModelKind.TRANSFORMER);
  }

  /**
   * As {@link #load(Path, boolean, int, int)}, for a BERT of the given kind (the transformer or the distilled
   * student: the same graph, any sizes).
   */
  public static OnnxBertModel load(Path hfDir, boolean int8, int batchSize, int threads, ModelKind kind) {
    if (!kind.isBert()) {
      throw new IllegalArgumentException(kind + " is not a BERT model");
    }
    if (batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException("batchSize and threads must be >= 1");
    }
    HfBertDirectory.Contents c = HfBertDirectory.read(hfDir);
    ClassifierHead head = ClassifierHead.of(hfDir, c);
    Map<String, String> meta = c.tensors().metadata();
    OnnxGraph graph;
    if (int8) {
      Path file = hfDir.resolve(Int8Weights.FILE);
      graph = BertGraph.int8(c.config(), Files.isRegularFile(file) ? Int8Weights.read(file)
          : Int8Weights.quantize(c.tensors(), meta));
    } else {
      graph = BertGraph.fp32(c.config(), c.tensors());
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session = createSession(env, modelBytes(graph), threads, hfDir);
    return new OnnxBertModel(env, session, new WordPieceTokenizer(c.vocab()), head.labels(), head.maxLength(),
        batchSize, int8, kind);
  }

  /** The serialised ModelProto in a direct buffer: ONNX Runtime reads it without another copy on the heap. */
  static ByteBuffer modelBytes(OnnxGraph graph) {
    ProtoWriter model = graph.model(BertGraph.OPSETS, "tweetox");
    long size = model.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new TweetoxException("ONNX model of " + size + " bytes exceeds protobuf's 2 GB limit");
    }
    ByteBuffer buf = ByteBuffer.allocateDirect((int) size);
    model.writeTo(buf);
    return buf.flip();
  }

  private static OrtSession createSession(OrtEnvironment env, ByteBuffer model, int threads, Path dir) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      return env.createSession(model, options);
    } catch (OrtException e) {
      throw new TweetoxException("ONNX Runtime rejected the graph built from " + dir + ": " + e.getMessage()
          + "; report this with the model's config.json", e);
    }
  }

  @Override
  public LabelSet labels() {
    return labels;
  }

  @Override
  public ModelKind kind() {
    // The BERT the DJL model trained (transformer or student), run by another engine.
    return kind;
  }

  /** Whether the Linear layers run in int8. */
  public boolean int8() {
    return int8;
  }

  public int maxLength() {
    return maxLength;
  }

  @Override
  public double[][] predictProba(List<String> cleanedTexts) {
    TokenizedSet data = TokenizedSet.of(tokenizer, cleanedTexts, new int[0], maxLength);
    double[][] out = new double[data.size()][];
    for (int[] batch : LengthBatcher.sorted(data.lengths(), batchSize)) {
      float[][] logits = logits(data.batch(batch));
      for (int b = 0; b < batch.length; b++) {
        out[batch[b]] = softmax(logits[b]);
      }
    }
    return out;
  }

  /** Logits [texts, numLabels] of cleaned texts, in their order (batched by length as {@link #predictProba}). */
  public float[][] logits(List<String> cleanedTexts) {
    TokenizedSet data = TokenizedSet.of(tokenizer, cleanedTexts, new int[0], maxLength);
    float[][] out = new float[data.size()][];
    for (int[] batch : LengthBatcher.sorted(data.lengths(), batchSize)) {
      float[][] logits = logits(data.batch(batch));
      for (int b = 0; b < batch.length; b++) {
        out[batch[b]] = logits[b];
      }
    }
    return out;
  }

  /** Logits [batch, numLabels] of one padded batch. */
  float[][] logits(EncodedBatch batch) {
    long[] shape = {batch.batchSize(), batch.seqLength()};
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("OnnxBertModel is closed");
      }
      try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape);
          OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape);
          OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape);
          OrtSession.Result result = session.run(Map.of(BertGraph.INPUT_IDS, ids, BertGraph.ATTENTION_MASK, mask,
              BertGraph.TOKEN_TYPE_IDS, types))) {
        return (float[][]) result.get(0).getValue();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.batchSize() + " x "
          + batch.seqLength() + ": " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Softmax in float32, as the DJL model computes it, widened to double. */
  static double[] softmax(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    float[] e = new float[logits.length];
    float sum = 0;
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) Math.exp(logits[i] - max);
      sum += e[i];
    }
    double[] p = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      p[i] = e[i] / sum;
    }
    return p;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        session.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the ONNX Runtime session: " + e.getMessage(), e);
    } finally {
      lock.writeLock().unlock();
    }
  }
}
