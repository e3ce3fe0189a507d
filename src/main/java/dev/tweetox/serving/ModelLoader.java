package dev.tweetox.serving;

import dev.tweetox.TweetoxException;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens the model the server wraps; the one place that knows how a model directory becomes a Predictor. */
public final class ModelLoader {
  /** Precisions accepted by {@code --precision}. */
  public static final List<String> PRECISIONS = List.of("fp32", "int8");

  /** A loaded predictor and what the server tells clients about it. */
  public record Loaded(Predictor predictor, ModelInfo info) {}

  private ModelLoader() {}

  /**
   * @param model a run directory or an export bundle (its checksums are verified first)
   * @param precision {@code fp32} or {@code int8}
   */
  public static Loaded open(Path model, String precision) {
    String p = precision.toLowerCase(Locale.ROOT);
    if (!PRECISIONS.contains(p)) {
      throw new TweetoxException("--precision must be one of " + PRECISIONS + ", got '" + precision + "'");
    }
    if (!Files.isDirectory(model)) {
      throw new TweetoxException(model + ": no such directory; pass a finished run directory or an export bundle"
          + " to --model");
    }
    Predictor predictor = Predictor.load(model, Precision.parse(p));
    return new Loaded(predictor, ModelInfo.read(model, predictor.kind(), p, predictor.labels()));
  }
}
