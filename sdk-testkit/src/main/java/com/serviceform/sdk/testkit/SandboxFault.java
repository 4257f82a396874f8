package com.serviceform.sdk.testkit;

import java.time.Duration;
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

  private SandboxFault(int status, Duration retryAfter) {
    this.status = status;
    this.retryAfter = retryAfter;
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

  /** {@code Retry-After} as sent: whole seconds, rounded up. */
  public Optional<String> retryAfterHeader() {
    if (retryAfter == null) {
      return Optional.empty();
    }
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Optional.of(Long.toString(seconds));
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
    return status == that.status && Objects.equals(retryAfter, that.retryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, retryAfter);
  }

  @Override
  public String toString() {
    if (isConnectionReset()) {
      return "SandboxFault{connection reset}";
    }
    return "SandboxFault{" + status + (retryAfter == null ? "" : ", Retry-After " + retryAfterHeader().get()) + "}";
  }
}
