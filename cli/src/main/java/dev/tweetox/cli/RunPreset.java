package dev.tweetox.cli;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.model.ModelKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code tweetox run --preset} starts from: a BERT preset and the model types trained when {@code --models}
 * is not given. {@code best} is the default BERT plus its distilled student, the best recipe measured on the
 * bundled data (docs/recipe.md); {@code full} is the notebook's tuning protocol and runs through the tuner.
 */
public enum RunPreset {
  QUICK(TransformerConfig.Preset.QUICK, List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE)),
  DEFAULT(TransformerConfig.Preset.DEFAULT, List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE)),
  // a 4-epoch student validated lower (docs/recipe.md#the-best-recipe): the student keeps its own 3 epochs
  BEST(TransformerConfig.Preset.DEFAULT,
      List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.ENSEMBLE, ModelKind.STUDENT)),
  FULL(TransformerConfig.Preset.FULL, List.of(ModelKind.TRANSFORMER));

  private final TransformerConfig.Preset transformer;
  private final List<ModelKind> models;

  RunPreset(TransformerConfig.Preset transformer, List<ModelKind> models) {
    this.transformer = transformer;
    this.models = models;
  }

  /**
   * The configuration this preset starts from: the defaults with its BERT preset and model types. A config file,
   * {@code --models} and {@code --set} are applied on top of it.
   */
  public TweetoxConfig base() {
    return TweetoxConfig.defaults(models.stream().map(ModelKind::key).toList(), transformer);
  }

  /** The BERT preset this run preset trains with. */
  public TransformerConfig.Preset transformer() {
    return transformer;
  }

  /** The model types trained unless {@code --models} says otherwise. */
  public List<ModelKind> models() {
    return models;
  }

  /** The word on the command line. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Binds {@code --preset}, with an error that lists the presets. */
  public static final class Converter implements ITypeConverter<RunPreset> {
    @Override
    public RunPreset convert(String value) {
      return Arrays.stream(values()).filter(p -> p.word().equals(value)).findFirst().orElseThrow(() ->
          new TypeConversionException("--preset '" + value + "' is not one of "
              + Arrays.stream(values()).map(RunPreset::word).collect(Collectors.joining(", "))));
    }
  }
}
