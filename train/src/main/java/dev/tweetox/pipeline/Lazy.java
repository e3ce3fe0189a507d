package dev.tweetox.pipeline;

import java.util.function.Supplier;

/** A value computed on first use and then kept, for work a command may not need (loading data, a model). */
public final class Lazy {
  private Lazy() {}

  /** {@code make}'s value, computed by the first {@code get} only (thread-safe). */
  public static <T> Supplier<T> of(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }
}
