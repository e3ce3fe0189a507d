package dev.tweetox.serving;

import dev.tweetox.TweetoxException;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the model the server wraps; the one place that knows how a model directory becomes a Predictor. */
public final class ModelLoader {
  /** A loaded predictor and what the server tells clients about it. */
  public record Loaded(Predictor predictor, ModelInfo info) {}

  private ModelLoader() {}

  /**
   * @param model a run directory or an export bundle (its checksums are verified first)
   * @param precision the transformer's precision on ONNX Runtime
   */
  public static Loaded open(Path model, Precision precision) {
    if (!Files.isDirectory(model)) {
      throw new TweetoxException(model + ": no such directory; pass a finished run directory or an export bundle"
          + " to --model");
    }
    Predictor predictor = Predictor.load(model, precision);
    return new Loaded(predictor, ModelInfo.read(model, predictor.kind(), precision, predictor.labels()));
  }
}
