package com.serviceform.sdk.errors;

/**
 * The client-side rate limiter (off unless configured) gave no permit within its timeout: the
 * call was not sent.
 */
public class ClientRateLimitException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  public ClientRateLimitException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
