package com.serviceform.sdk.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed call is retried. Immutable; build with {@link #custom()}.
 *
 * <p>Which failures are retried is not configured here: it follows from the spec (each
 * operation's {@code x-serviceform-retry-safe}) and is described in {@code docs/resilience.md}.
 * Waits between attempts are exponential with full jitter: before attempt {@code n + 1} the client
 * waits a uniformly random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, unless the
 * server sent {@code Retry-After}, which is honoured up to {@link #maxRetryAfter()}.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = custom().build();
  private static final RetryPolicy NONE = custom().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
    this.maxRetryAfter = builder.maxRetryAfter;
  }

  /** 3 attempts in all, 500 ms base delay, 8 s cap, {@code Retry-After} honoured up to 60 s. */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** Attempts in all, the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff before the second attempt is at most this. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** No backoff exceeds this. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The longest {@code Retry-After} the client waits for. When the server asks for longer, the
   * call fails at once with the {@link com.serviceform.sdk.errors.RateLimitException} (or server
   * error) carrying the server's {@code retryAfter()}.
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The upper bound of the jittered backoff after failed attempt {@code attempt} (1-based). */
  public Duration backoffCeiling(int attempt) {
    long cap = maxDelay.toMillis();
    long ceiling = Math.min(baseDelay.toMillis(), cap);
    for (int i = 1; i < attempt && ceiling < cap; i++) {
      ceiling = Math.min(cap, ceiling * 2);
    }
    return Duration.ofMillis(ceiling);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) o;
    return maxAttempts == that.maxAttempts && baseDelay.equals(that.baseDelay)
        && maxDelay.equals(that.maxDelay) && maxRetryAfter.equals(that.maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /** Attempts in all, at least 1. Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The backoff ceiling after the first failure. Default 500 ms. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = notNegative(baseDelay, "baseDelay");
      return this;
    }

    /** The cap on any backoff. Default 8 s. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = notNegative(maxDelay, "maxDelay");
      return this;
    }

    /** The longest {@code Retry-After} honoured. Default 60 s. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException("maxDelay (" + maxDelay + ") is shorter than baseDelay (" + baseDelay + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration notNegative(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
