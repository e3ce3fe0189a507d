package dev.tweetox.serving;

/**
 * A client error with the HTTP status and a one-line message that is safe to send: it names the field and says
 * what to change, and never carries a stack trace.
 */
public final class ApiError extends RuntimeException {
  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(413, message);
  }

  public static ApiError malformed(String message) {
    return new ApiError(400, message);
  }

  public static ApiError invalid(String message) {
    return new ApiError(422, message);
  }
}
