package com.serviceform.sdk.errors;

/**
 * The exchange, or the whole call, took longer than its configured timeout: a connect or read
 * timeout of one attempt, or (when {@link #isCallTimeout()}) the call's overall timeout, which
 * bounds every attempt and every wait between them and is never retried.
 */
public class ServiceformTimeoutException extends ServiceformIOException {
  private static final long serialVersionUID = 1L;

  private final boolean callTimeout;

  public ServiceformTimeoutException(String method, String requestUrl, String message, Throwable cause,
      int attempts, boolean callTimeout) {
    super(method, requestUrl, message, cause, attempts);
    this.callTimeout = callTimeout;
  }

  /** True when the call's overall timeout elapsed, rather than one attempt's connect or read timeout. */
  public boolean isCallTimeout() {
    return callTimeout;
  }
}
