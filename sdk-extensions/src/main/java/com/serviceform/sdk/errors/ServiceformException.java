package com.serviceform.sdk.errors;

/**
 * The base of every exception the SDK throws for a failed call. Unchecked.
 *
 * <p>No message, {@code toString()} or cause of any subclass contains the API key.
 */
public class ServiceformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceformException(String message) {
    super(message);
  }

  public ServiceformException(String message, Throwable cause) {
    super(message, cause);
  }
}
