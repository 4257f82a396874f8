package com.serviceform.sdk.errors;

/**
 * The base of every exception the SDK throws for a failed call. Unchecked.
 *
 * <p>No message, {@code toString()} or cause of any subclass contains the API key.
 */
public class ServiceformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  public ServiceformException(String message) {
    this(message, null, 1);
  }

  public ServiceformException(String message, Throwable cause) {
    this(message, cause, 1);
  }

  /**
   * @param attempts how many HTTP exchanges the call made before giving up (0 when none was sent)
   */
  public ServiceformException(String message, Throwable cause, int attempts) {
    super(message, cause);
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
    this.attempts = attempts;
  }

  /** How many HTTP exchanges the call made, retries included, before it failed. */
  public int attempts() {
    return attempts;
  }

  /** " after N attempts" when there was more than one, for messages. */
  static String afterAttempts(int attempts) {
    return attempts > 1 ? " (after " + attempts + " attempts)" : "";
  }
}
