package com.serviceform.sdk.errors;

import java.util.Objects;

/**
 * The HTTP exchange failed before a complete response arrived: the connection was refused or
 * reset, the response was empty or broken, or (see {@link ServiceformTimeoutException}) it took
 * too long. Whether the server acted on the request is unknown.
 */
public class ServiceformIOException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String requestUrl;

  public ServiceformIOException(String method, String requestUrl, String message, Throwable cause, int attempts) {
    super(method + " " + requestUrl + " failed" + afterAttempts(attempts) + ": " + message, cause, attempts);
    this.method = Objects.requireNonNull(method, "method == null");
    this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl == null");
  }

  /** The request method, for example {@code GET}. */
  public String method() {
    return method;
  }

  /** The URL the request was sent to. */
  public String requestUrl() {
    return requestUrl;
  }
}
