package com.serviceform.sdk.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 429 Too Many Requests: the API is throttling this client. {@link #retryAfter()} is how long the
 * server asked to wait, when it sent a {@code Retry-After} header the SDK could read.
 */
public class RateLimitException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitException(
      int statusCode,
      Map<String, List<String>> headers,
      String body,
      String method,
      String requestUrl,
      int attempts,
      Duration retryAfter) {
    super(statusCode, headers, body, method, requestUrl, attempts);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for in {@code Retry-After}, if it sent a readable one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
