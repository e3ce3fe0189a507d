package dev.tweetox.serving;

import dev.tweetox.explain.OcclusionExplainer;
import dev.tweetox.predict.Explanation;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue between HTTP threads and the model. It admits work only while the texts waiting for or inside
 * the model stay within a capacity, so overload is refused at once ({@link Overloaded}) instead of piling up
 * memory and latency. Worker threads take the oldest request and, up to a micro-batch size, merge the requests
 * of the same kind queued behind it into one model call: on a CPU a batch of 8 tweets costs far less than 8 single
 * calls.
 *
 * <p>Explanations share the queue with predictions, weighted by the model rows they cost: an explained text counts
 * one row plus one per word it is occluded in, so explanations can never push more work into the model than the
 * capacity allows. A request is always admitted into an empty queue, so one explanation heavier than the capacity
 * still runs, alone.
 */
public final class InferenceQueue implements AutoCloseable {
  /** The queue is full or shutting down; the client should retry later. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  private enum Mode { PREDICT, EXPLAIN }

  /** Texts to predict or explain; {@code weight} is the model rows they cost. */
  private record Job(Mode mode, List<String> texts, int weight, CompletableFuture<List<?>> result) {}

  private final Predictor predictor;
  private final int capacity;
  private final int microBatch;
  private final Object lock = new Object();
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong modelCalls = new AtomicLong();
  private final AtomicLong textsPredicted = new AtomicLong();
  private int admittedTexts; // model rows waiting plus inside the model, guarded by lock
  private boolean closed; // guarded by lock

  /**
   * @param workers threads calling the predictor concurrently; with more than one the predictor must be
   *     thread-safe
   */
  public InferenceQueue(Predictor predictor, int capacity, int microBatch, int workers) {
    this.predictor = predictor;
    this.capacity = capacity;
    this.microBatch = microBatch;
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, "tweetox-inference-" + i);
      t.setDaemon(true);
      this.workers.add(t);
      t.start();
    }
  }

  /**
   * Queues texts for prediction.
   *
   * @throws Overloaded when admitting them would exceed the capacity, or the queue is closed
   */
  @SuppressWarnings("unchecked")
  public CompletableFuture<List<Prediction>> submit(List<String> texts) {
    return enqueue(Mode.PREDICT, texts, texts.size()).thenApply(l -> (List<Prediction>) l);
  }

  /**
   * Queues texts for explanation ({@link Predictor#explain}), weighted by the model rows occlusion will cost.
   *
   * @throws Overloaded when admitting them would exceed the capacity, or the queue is closed
   */
  @SuppressWarnings("unchecked")
  public CompletableFuture<List<Explanation>> submitExplain(List<String> texts) {
    int rows = 0;
    for (String t : texts) {
      rows += 1 + OcclusionExplainer.units(t).size();
    }
    return enqueue(Mode.EXPLAIN, texts, rows).thenApply(l -> (List<Explanation>) l);
  }

  private CompletableFuture<List<?>> enqueue(Mode mode, List<String> texts, int weight) {
    Job job = new Job(mode, List.copyOf(texts), weight, new CompletableFuture<>());
    synchronized (lock) {
      if (closed) {
        throw new Overloaded("the server is shutting down");
      }
      if (admittedTexts > 0 && admittedTexts + weight > capacity) {
        throw new Overloaded("the server is busy: " + admittedTexts + " texts queued of " + capacity);
      }
      admittedTexts += weight;
      waiting.add(job);
      lock.notify();
    }
    return job.result();
  }

  /** Model rows (texts, or an explained text's occluded variants) waiting for or inside the model right now. */
  public int admittedTexts() {
    synchronized (lock) {
      return admittedTexts;
    }
  }

  public int capacity() {
    return capacity;
  }

  /** Model calls made so far; fewer than requests served when micro-batching merged some. */
  public long modelCalls() {
    return modelCalls.get();
  }

  public long textsPredicted() {
    return textsPredicted.get();
  }

  private void work() {
    while (true) {
      List<Job> batch = new ArrayList<>();
      int n;
      synchronized (lock) {
        while (waiting.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (waiting.isEmpty()) {
          return; // closed and drained
        }
        Job first = waiting.poll();
        batch.add(first);
        n = first.weight();
        while (!waiting.isEmpty() && waiting.peek().mode() == first.mode()
            && n + waiting.peek().weight() <= microBatch) {
          Job next = waiting.poll();
          batch.add(next);
          n += next.weight();
        }
      }
      run(batch, n);
    }
  }

  /** Gives capacity back; called before the futures complete, so a caller that has its answer sees it freed. */
  private void release(int n) {
    synchronized (lock) {
      admittedTexts -= n;
    }
  }

  private void run(List<Job> batch, int n) {
    List<String> texts = new ArrayList<>(n);
    batch.forEach(j -> texts.addAll(j.texts()));
    List<?> all;
    try {
      all = batch.get(0).mode() == Mode.EXPLAIN ? predictor.explain(texts) : predictor.predict(texts);
    } catch (RuntimeException | Error e) {
      release(n);
      batch.forEach(j -> j.result().completeExceptionally(e));
      return;
    }
    release(n);
    modelCalls.incrementAndGet();
    textsPredicted.addAndGet(texts.size());
    int from = 0;
    for (Job j : batch) {
      int to = from + j.texts().size();
      j.result().complete(List.copyOf(all.subList(from, to)));
      from = to;
    }
  }

  /**
   * Refuses new work, lets the workers finish everything already admitted (up to the timeout), then stops them.
   *
   * @return true if all admitted work finished in time
   */
  public boolean drain(long timeout, TimeUnit unit) {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return workers.stream().noneMatch(Thread::isAlive);
  }

  @Override
  public void close() {
    drain(30, TimeUnit.SECONDS);
  }
}
