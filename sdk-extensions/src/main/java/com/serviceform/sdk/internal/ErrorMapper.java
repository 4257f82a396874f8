package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.errors.UnexpectedStatusException;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a failed exchange into the SDK's typed exceptions. Everything a server sent (body, header
 * values, text quoted in a parser's or a transport's message) is redacted on the way, and causes
 * from dependencies are {@linkplain Redactor#scrub scrubbed}.
 */
final class ErrorMapper {
  private final Redactor redactor;
  private final Clock clock;

  ErrorMapper(Redactor redactor, Clock clock) {
    this.redactor = redactor;
    this.clock = clock;
  }

  /** The exception for a response with a status outside 2xx; {@code body} is already bounded. */
  public ServiceformApiException forStatus(int status, Map<String, Collection<String>> rawHeaders, String body,
      String method, String url, int attempt) {
    Map<String, List<String>> headers = redactedHeaders(rawHeaders);
    String safeBody = redactor.redact(body);
    String safeUrl = redactor.redact(url);
    switch (status) {
      case 400:
        return new BadRequestException(status, headers, safeBody, method, safeUrl, attempt);
      case 401:
      case 403:
        return new AuthenticationException(status, headers, safeBody, method, safeUrl, attempt);
      case 404:
        return new NotFoundException(status, headers, safeBody, method, safeUrl, attempt);
      case 422:
        return new UnprocessableEntityException(status, headers, safeBody, method, safeUrl, attempt);
      case 429:
        List<String> retryAfter = headers.get("retry-after");
        return new RateLimitException(status, headers, safeBody, method, safeUrl, attempt,
            retryAfter == null || retryAfter.isEmpty() ? null : RetryAfter.parse(retryAfter.get(0), clock));
      default:
        if (status >= 500 && status <= 599) {
          return new ServerException(status, headers, safeBody, method, safeUrl, attempt);
        }
        return new UnexpectedStatusException(status, headers, safeBody, method, safeUrl, attempt);
    }
  }

  /**
   * The exception for an exchange that failed without a complete response: a {@link
   * ConnectionPoolTimeoutException} when the pool had no connection (nothing was sent), else a
   * {@link ServiceformIOException} or {@link ServiceformTimeoutException}.
   */
  public ServiceformException forIOException(String method, String url, IOException e, int attempt) {
    String safeUrl = redactor.redact(url);
    if (e instanceof PoolTimeoutException) {
      PoolTimeoutException pool = (PoolTimeoutException) e;
      return new ConnectionPoolTimeoutException(method, safeUrl, pool.maxConnections,
          java.time.Duration.ofMillis(pool.waitedMillis), redactor.scrub(e.getCause()), attempt);
    }
    String message = e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage()));
    Throwable cause = redactor.scrub(e);
    if (isTimeout(e)) {
      return new ServiceformTimeoutException(method, safeUrl, "timed out (" + message + ")", cause, attempt, false);
    }
    return new ServiceformIOException(method, safeUrl, message, cause, attempt);
  }

  /** {@code url} with any piece of the key hidden, for messages. */
  String safe(String url) {
    return redactor.redact(url);
  }

  /** The exception for a call refused, or ended, because the client was closed. */
  public ClientClosedException forClosed(String method, String url, Throwable cause, int attempts) {
    String what = method + " " + redactor.redact(url);
    return new ClientClosedException(attempts == 0
        ? "the client is closed: " + what + " was not sent"
        : what + " ended because the client was closed (whether the server acted on it is unknown)",
        redactor.scrub(cause), attempts);
  }

  /** The exception for a call whose overall timeout elapsed. */
  public ServiceformTimeoutException forCallTimeout(String method, String url, java.time.Duration callTimeout,
      Throwable cause, int attempts) {
    return new ServiceformTimeoutException(method, redactor.redact(url),
        "the call timeout of " + callTimeout.toMillis() + " ms elapsed", cause, attempts, true);
  }

  /** The value of a {@code Retry-After} header on a failure, or null. */
  public java.time.Duration retryAfter(ServiceformApiException e) {
    String value = e.header("retry-after");
    return value == null ? null : RetryAfter.parse(value, clock);
  }

  static boolean isTimeout(IOException e) {
    if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
      return true;
    }
    // HttpClient 5's ConnectTimeoutException is an InterruptedIOException; a thread interrupt
    // also surfaces as one, and that is not a timeout.
    return e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted();
  }

  /** Headers keyed by lower-case name, each value redacted: what exceptions carry. */
  private Map<String, List<String>> redactedHeaders(Map<String, Collection<String>> raw) {
    Map<String, List<String>> headers = headers(raw);
    headers.replaceAll((name, values) -> redactor.redactAll(values));
    return headers;
  }

  /** Headers keyed by lower-case name, for exceptions and {@code ApiResponse}. */
  public static Map<String, List<String>> headers(Map<String, Collection<String>> raw) {
    Map<String, List<String>> headers = new TreeMap<>();
    if (raw != null) {
      raw.forEach((name, values) -> {
        if (name != null && values != null) {
          headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        }
      });
    }
    return headers;
  }
}
