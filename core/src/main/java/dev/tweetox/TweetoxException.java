package dev.tweetox;

/**
 * A failure the user can fix: bad input, a bad config, a split that no longer matches its data.
 *
 * <p>The message is shown as one line, so it must name the file, row, column or field at fault and say what to do.
 * The CLI maps this exception to exit code 2; everything else is a bug and exits with 1.
 */
public class TweetoxException extends RuntimeException {
  public TweetoxException(String message) {
    super(message);
  }

  public TweetoxException(String message, Throwable cause) {
    super(message, cause);
  }
}
