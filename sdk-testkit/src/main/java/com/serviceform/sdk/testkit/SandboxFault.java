package com.serviceform.sdk.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sandbox answers instead of the real operation when a fault rule fires: an HTTP error
 * status (with {@code Retry-After} for 429) or a connection reset. Immutable.
 *
 * @see SandboxFaults
 */
public final class SandboxFault {
  private final int status;
  private final Duration retryAfter;
  private final Map<String, String> headers;

  private SandboxFault(int status, Duration retryAfter) {
    this(status, retryAfter, Map.of());
  }

  private SandboxFault(int status, Duration retryAfter, Map<String, String> extra) {
    this.status = status;
    this.retryAfter = retryAfter;
    Map<String, String> all = new LinkedHashMap<>();
    if (retryAfter != null) {
      long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
      all.put("Retry-After", Long.toString(seconds));
    }
    all.putAll(extra);
    this.headers = Collections.unmodifiableMap(all);
  }

  /**
   * 429 Too Many Requests with {@code Retry-After} in whole seconds (rounded up), for example
   * {@code Retry-After: 2} for {@code Duration.ofMillis(1500)}.
   */
  public static SandboxFault tooManyRequests(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
    return new SandboxFault(429, retryAfter);
  }

  /** 500 Internal Server Error. */
  public static SandboxFault serverError() {
    return new SandboxFault(500, null);
  }

  /** 503 Service Unavailable, without {@code Retry-After}. */
  public static SandboxFault serviceUnavailable() {
    return new SandboxFault(503, null);
  }

  /** Any error status from 400 to 599, with a small JSON body and no {@code Retry-After}. */
  public static SandboxFault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault status must be 400-599, was " + status);
    }
    return new SandboxFault(status, null);
  }

  /** The connection is reset (TCP RST) instead of answering. */
  public static SandboxFault connectionReset() {
    return new SandboxFault(0, null);
  }

  /**
   * This fault with one more response header, for example {@code
   * SandboxFault.serviceUnavailable().withHeader("Retry-After", "5")}. A header of the same name
   * (ignoring case) is replaced.
   *
   * @throws IllegalStateException for a connection reset, which sends no headers
   * @throws IllegalArgumentException if the name is not an HTTP token or the value holds a line break
   */
  public SandboxFault withHeader(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (isConnectionReset()) {
      throw new IllegalStateException("a connection reset sends no headers");
    }
    if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new IllegalArgumentException("not an HTTP header name: " + name);
    }
    if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new IllegalArgumentException("a header value must not contain a line break");
    }
    if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
        || name.equalsIgnoreCase("Connection")) {
      throw new IllegalArgumentException(name + " is set by the sandbox itself");
    }
    Map<String, String> extra = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(name) && !k.equals("Retry-After")) {
        extra.put(k, v);
      }
    });
    Duration keptRetryAfter = name.equalsIgnoreCase("Retry-After") ? null : retryAfter;
    extra.put(name, value);
    return new SandboxFault(status, keptRetryAfter, extra);
  }

  /** The headers this fault's answer carries ({@code Retry-After} for {@link #tooManyRequests}). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Whether this fault resets the connection instead of answering. */
  public boolean isConnectionReset() {
    return status == 0;
  }

  /** The HTTP status answered; 0 for a connection reset. */
  public int status() {
    return status;
  }

  /** The wait sent in {@code Retry-After}, for a 429. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@code Retry-After} as sent: whole seconds, rounded up (or as given with {@link #withHeader}). */
  public Optional<String> retryAfterHeader() {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Retry-After")) {
        return Optional.of(header.getValue());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SandboxFault)) {
      return false;
    }
    SandboxFault that = (SandboxFault) o;
    return status == that.status && Objects.equals(retryAfter, that.retryAfter) && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, retryAfter, headers);
  }

  @Override
  public String toString() {
    if (isConnectionReset()) {
      return "SandboxFault{connection reset}";
    }
    StringBuilder text = new StringBuilder("SandboxFault{").append(status);
    headers.forEach((name, value) -> text.append(", ").append(name).append(' ').append(value));
    return text.append('}').toString();
  }
}
