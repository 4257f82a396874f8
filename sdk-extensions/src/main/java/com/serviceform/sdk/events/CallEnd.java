package com.serviceform.sdk.events;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A call ended: decoded, failed, or (streaming) its response headers arrived. */
public final class CallEnd {
  private final CallStart call;
  private final Outcome outcome;
  private final int statusCode;
  private final int attempts;
  private final Duration duration;
  private final Throwable error;
  private final String errorType;
  private final String requestId;

  /**
   * @param statusCode the last response's status, 0 when none arrived
   * @param error what the call threw, null on success
   * @param errorType see {@link #errorType()}; null on success
   * @param requestId see {@link #requestId()}; null when none
   */
  public CallEnd(CallStart call, Outcome outcome, int statusCode, int attempts, Duration duration, Throwable error,
      String errorType, String requestId) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.outcome = Objects.requireNonNull(outcome, "outcome == null");
    this.statusCode = statusCode;
    this.attempts = attempts;
    this.duration = Objects.requireNonNull(duration, "duration == null");
    this.error = error;
    this.errorType = errorType;
    this.requestId = requestId;
  }

  public CallStart call() {
    return call;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The status of the last response, or 0 when none arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** How many attempts (HTTP exchanges) the call made; 0 when none was sent. */
  public int attempts() {
    return attempts;
  }

  /** From the call's start to its end (for a streaming call: to its response headers). */
  public Duration duration() {
    return duration;
  }

  /** What the call threw (a {@code ServiceformException}, already redacted); empty on success. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Low-cardinality: the status code as text for an error status ({@code "503"}), else the failure's
   * class name ({@code "com.serviceform.sdk.errors.ServiceformTimeoutException"}); empty on success.
   * OpenTelemetry's {@code error.type}.
   */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The id the server gave the last response (see {@code ServiceformException.REQUEST_ID_HEADERS}). */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public String toString() {
    return "CallEnd{" + call.operationId() + " " + outcome + (statusCode == 0 ? "" : " " + statusCode) + ", attempts="
        + attempts + ", " + duration.toMillis() + " ms}";
  }
}
