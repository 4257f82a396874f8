package com.serviceform.sdk.internal;

import com.serviceform.sdk.RequestOptions;
import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What one call runs with: the client's settings with the {@link RequestOptions} of the view it was
 * made through over them. Computed once per view, not per call.
 */
final class CallSettings {
  /** Null for none. */
  final Duration callTimeout;
  final Duration readTimeout;
  final RetryPolicy retryPolicy;
  /** Extra headers, or null: most calls have none, and then the request's headers are not copied. */
  final Map<String, Collection<String>> extraHeaders;
  /** The options these settings came from, to merge further ones over. */
  final RequestOptions options;

  private CallSettings(Duration callTimeout, Duration readTimeout, RetryPolicy retryPolicy,
      Map<String, Collection<String>> extraHeaders, RequestOptions options) {
    this.callTimeout = callTimeout;
    this.readTimeout = readTimeout;
    this.retryPolicy = retryPolicy;
    this.extraHeaders = extraHeaders;
    this.options = options;
  }

  /** The client's own settings. */
  static CallSettings of(ClientSettings client) {
    return of(client, RequestOptions.none());
  }

  /** The client's settings with {@code options} over them. */
  static CallSettings of(ClientSettings client, RequestOptions options) {
    Map<String, Collection<String>> headers = null;
    if (!options.headers().isEmpty()) {
      headers = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, String> header : options.headers().entrySet()) {
        headers.put(header.getKey(), List.of(header.getValue()));
      }
    }
    return new CallSettings(
        options.hasCallTimeout() ? options.callTimeout().orElse(null) : client.callTimeout,
        options.readTimeout().orElse(client.readTimeout),
        options.retryPolicy().orElse(client.retryPolicy),
        headers, options);
  }
}
