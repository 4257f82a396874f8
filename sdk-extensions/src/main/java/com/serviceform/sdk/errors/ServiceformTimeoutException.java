package com.serviceform.sdk.errors;

/** The exchange, or the whole call, took longer than its configured timeout. */
public class ServiceformTimeoutException extends ServiceformIOException {
  private static final long serialVersionUID = 1L;

  public ServiceformTimeoutException(String method, String requestUrl, String message, Throwable cause) {
    super(method, requestUrl, message, cause);
  }
}
