package com.serviceform.sdk.errors;

/**
 * The client was closed: the call was refused before anything was sent, or, when it was in flight
 * or waiting to retry, ended by {@code ServiceformClient.close()}. For a call that was in flight,
 * whether the server acted on it is unknown. Not retried.
 */
public class ClientClosedException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  public ClientClosedException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
