package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Optional;

/**
 * The base of every exception the SDK throws for a failed call. Unchecked.
 *
 * <p>No message, {@code toString()} or cause of any subclass contains the API key.
 */
public class ServiceformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The response headers {@link #requestId()} is read from, in this order: {@code x-request-id},
   * {@code request-id}, {@code x-amzn-requestid}, {@code x-amz-request-id}, {@code x-amz-cf-id},
   * {@code x-correlation-id}, {@code cf-ray}.
   */
  public static final List<String> REQUEST_ID_HEADERS = com.serviceform.sdk.internal.RequestIds.HEADERS;

  private final int attempts;
  private final String requestId;

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
    this(message, cause, attempts, null);
  }

  /**
   * @param attempts how many HTTP exchanges the call made before giving up (0 when none was sent)
   * @param requestId the id the server gave the last response (see {@link #REQUEST_ID_HEADERS}), or
   *     null
   */
  public ServiceformException(String message, Throwable cause, int attempts, String requestId) {
    super(message, cause);
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
    this.attempts = attempts;
    this.requestId = requestId;
  }

  /**
   * The id the server (or a proxy in front of it) gave the response this failure is about, from the
   * first of {@link #REQUEST_ID_HEADERS} it carried; quote it when you report a problem. Empty when
   * no response arrived or it carried none.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
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
