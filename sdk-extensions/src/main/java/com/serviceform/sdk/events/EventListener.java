package com.serviceform.sdk.events;

/**
 * Sees what a {@code ServiceformClient} does, call by call, in the spirit of OkHttp's {@code
 * EventListener}: override the methods you need, the others do nothing. Register one with {@code
 * ServiceformClient.Builder.addEventListener} (one instance for every call: it must be
 * thread-safe), or a {@link Factory} with {@code addEventListenerFactory} (one instance per call, for
 * state such as a span).
 *
 * <p>For a call, in order: {@link #callStart}; for each attempt {@link #attemptStart}, {@link
 * #addRequestHeaders}, then {@link #poolWait} (built-in transports) and {@link #attemptEnd}; between
 * attempts {@link #retryScheduled}; {@link #circuitBreakerTransition} when the call moved the
 * client's breaker; with response validation on, any new {@link #responseMismatch} and then {@link
 * #responseValidated}; {@link #decodeFailure} when the answer was not the documented JSON; and last
 * {@link #callEnd}, always, whatever happened. Methods run on the calling thread, inside the call:
 * keep them quick. A call refused before a request exists (a missing required argument) has no
 * events.
 *
 * <p><b>Streaming calls</b> ({@code streamItems}, {@code streamLeads}, {@code streamChats}, the chat
 * pager's windows) end, for listeners, when the response headers arrive: {@link #callEnd} comes
 * before the first element is decoded, and reading the body is not part of the call's duration.
 *
 * <p>An exception a listener throws never breaks the call: it is caught, and logged once per
 * listener at WARN (logger {@code com.serviceform.sdk.events}).
 *
 * <p>No event holds the API key: {@code sf-api-key} is always {@code <redacted>}, and everything the
 * server sent (header values, URLs, bodies) is redacted as in the SDK's logs. Bodies are not passed
 * at all unless {@code ServiceformClient.Builder.eventBodies(true)} asks for them.
 */
public interface EventListener {
  /** Makes a listener for one call; called at the start of each call, on the calling thread. */
  @FunctionalInterface
  interface Factory {
    /** The listener of the call {@code call} starts. */
    EventListener create(CallStart call);
  }

  /** A call starts: its request is built, nothing is sent yet. */
  default void callStart(CallStart call) {}

  /** An attempt starts (each retry is a new attempt). */
  default void attemptStart(AttemptStart attempt) {}

  /**
   * Headers to add to this attempt's request, for example W3C {@code traceparent}: called after
   * {@link #attemptStart}, before anything is sent. {@code sf-api-key} and the headers the client
   * sets itself are refused.
   */
  default void addRequestHeaders(AttemptStart attempt, RequestHeaders headers) {}

  /** How long the attempt waited for a pooled connection (built-in transports), reported before {@link #attemptEnd}. */
  default void poolWait(PoolWait wait) {}

  /** An attempt ended, with a response or a failure. */
  default void attemptEnd(AttemptEnd attempt) {}

  /** A failed attempt will be retried after a delay. */
  default void retryScheduled(RetryScheduled retry) {}

  /** The client's circuit breaker changed state; reported to the call that saw the change. */
  default void circuitBreakerTransition(CircuitBreakerTransition transition) {}

  /** A success answer was not the documented JSON ({@code ResponseDecodeException}). */
  default void decodeFailure(DecodeFailure failure) {}

  /** With response validation on: a success body was checked against the spec. */
  default void responseValidated(ResponseValidated validated) {}

  /**
   * With response validation on: a place where answers differ from the spec, reported once per
   * client, operation and JSON path.
   */
  default void responseMismatch(ResponseMismatch mismatch) {}

  /** The call ended: decoded, failed, or (streaming) its response headers arrived. Always called. */
  default void callEnd(CallEnd call) {}
}
