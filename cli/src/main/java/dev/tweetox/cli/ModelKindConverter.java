package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.model.ModelKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Binds a model type option ({@code baseline}, {@code transformer}) through {@link ModelKind#parse}. */
public final class ModelKindConverter implements ITypeConverter<ModelKind> {
  @Override
  public ModelKind convert(String value) {
    try {
      return ModelKind.parse(value);
    } catch (TweetoxException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
