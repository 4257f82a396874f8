package com.serviceform.sdk.events;

/** How a call or an attempt ended; a low-cardinality value for metrics. */
public enum Outcome {
  /** A success status, and (for a call) its answer decoded. */
  SUCCESS,
  /** A 4xx status. */
  CLIENT_ERROR,
  /** A 5xx status. */
  SERVER_ERROR,
  /** Another status that is not a success (1xx, a 3xx not followed). */
  OTHER_STATUS,
  /** A connect, read or call timeout. */
  TIMEOUT,
  /** No complete response: connection refused or reset, an empty or broken response. */
  IO_ERROR,
  /** A success whose body could not be used: not the documented JSON, larger than the cap, or refused by response validation. */
  DECODE_ERROR,
  /** Nothing was sent: the circuit breaker was open, the client-side rate limiter or the pool gave no permit. */
  NOT_SENT,
  /** The client was closed before or during the call. */
  CANCELLED,
  /** Anything else (a bug: please report it). */
  UNKNOWN
}
