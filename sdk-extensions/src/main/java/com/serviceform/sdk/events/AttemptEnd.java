package com.serviceform.sdk.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One attempt of a call ended, with a response or a failure. */
public final class AttemptEnd {
  private final CallStart call;
  private final int attempt;
  private final Outcome outcome;
  private final int statusCode;
  private final Duration duration;
  private final long requestBytes;
  private final long responseBytes;
  private final Throwable error;
  private final String errorType;
  private final String requestId;
  private final Map<String, List<String>> responseHeaders;
  private final String responseBody;

  /**
   * @param statusCode 0 when no response arrived
   * @param responseBytes -1 when not known (a streamed body, an error status, no response)
   * @param responseHeaders redacted, keyed by lower-case name; empty when no response arrived
   * @param responseBody redacted; null unless bodies were asked for and the body was read
   */
  public AttemptEnd(CallStart call, int attempt, Outcome outcome, int statusCode, Duration duration,
      long requestBytes, long responseBytes, Throwable error, String errorType, String requestId,
      Map<String, List<String>> responseHeaders, String responseBody) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
    this.outcome = Objects.requireNonNull(outcome, "outcome == null");
    this.statusCode = statusCode;
    this.duration = Objects.requireNonNull(duration, "duration == null");
    this.requestBytes = requestBytes;
    this.responseBytes = responseBytes;
    this.error = error;
    this.errorType = errorType;
    this.requestId = requestId;
    this.responseHeaders = Objects.requireNonNull(responseHeaders, "responseHeaders == null");
    this.responseBody = responseBody;
  }

  public CallStart call() {
    return call;
  }

  /** 1 for the first attempt of the call. */
  public int attempt() {
    return attempt;
  }

  /** How this attempt ended ({@link Outcome#SUCCESS} for a success status, whatever the decoding later finds). */
  public Outcome outcome() {
    return outcome;
  }

  /** The response status, or 0 when no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** From sending to the response read (for a streaming success: to its headers). */
  public Duration duration() {
    return duration;
  }

  /** The request body's size in bytes (0 without a body). */
  public long requestBytes() {
    return requestBytes;
  }

  /** The size in bytes of a success body read whole; -1 when not known (a streamed body, an error status, no response). */
  public long responseBytes() {
    return responseBytes;
  }

  /** The attempt's failure, already redacted; empty for a success status. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** As {@link CallEnd#errorType()}, for this attempt. */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The id the server gave this response (see {@code ServiceformException.REQUEST_ID_HEADERS}). */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The response headers, read-only, keyed by lower-case name, values redacted; empty when none arrived. */
  public Map<String, List<String>> responseHeaders() {
    return responseHeaders;
  }

  /** The response body as text (redacted, at most 64 KiB), only when bodies were asked for on the builder. */
  public Optional<String> responseBody() {
    return Optional.ofNullable(responseBody);
  }

  @Override
  public String toString() {
    return "AttemptEnd{" + call.operationId() + " #" + attempt + " " + outcome
        + (statusCode == 0 ? "" : " " + statusCode) + ", " + duration.toMillis() + " ms}";
  }
}
