package com.serviceform.sdk.events;

import java.time.Duration;
import java.util.Objects;

/** A failed attempt will be retried after {@link #delay()}. */
public final class RetryScheduled {
  private final CallStart call;
  private final int failedAttempt;
  private final String reason;
  private final Throwable failure;
  private final Duration delay;
  private final DelaySource delaySource;

  public RetryScheduled(CallStart call, int failedAttempt, String reason, Throwable failure, Duration delay,
      DelaySource delaySource) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.failedAttempt = failedAttempt;
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.failure = Objects.requireNonNull(failure, "failure == null");
    this.delay = Objects.requireNonNull(delay, "delay == null");
    this.delaySource = Objects.requireNonNull(delaySource, "delaySource == null");
  }

  public CallStart call() {
    return call;
  }

  /** The attempt that failed; the next one is this plus one. */
  public int failedAttempt() {
    return failedAttempt;
  }

  /** Low-cardinality, as {@link CallEnd#errorType()}: {@code "503"}, {@code "...ServiceformTimeoutException"}. */
  public String reason() {
    return reason;
  }

  /** The failure retried after (redacted). */
  public Throwable failure() {
    return failure;
  }

  /** How long the client waits before the next attempt. */
  public Duration delay() {
    return delay;
  }

  /** Whether the delay is the policy's backoff or the server's {@code Retry-After}. */
  public DelaySource delaySource() {
    return delaySource;
  }

  @Override
  public String toString() {
    return "RetryScheduled{" + call.operationId() + " after #" + failedAttempt + " (" + reason + ") in "
        + delay.toMillis() + " ms, " + delaySource + "}";
  }
}
