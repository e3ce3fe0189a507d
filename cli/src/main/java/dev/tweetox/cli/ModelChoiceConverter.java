package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Binds an {@code Optional<ModelKind>} option through {@link ModelKind#parseChoice}: {@value ModelKind#AUTO} gives
 * null, which picocli wraps as {@code Optional.empty()} ("the strongest model available").
 */
public final class ModelChoiceConverter implements ITypeConverter<ModelKind> {
  @Override
  public ModelKind convert(String value) {
    try {
      return ModelKind.parseChoice(value).orElse(null);
    } catch (TweetoxException e) {
      throw new TypeConversionException(e.getMessage() + " or " + ModelKind.AUTO);
    }
  }
}
