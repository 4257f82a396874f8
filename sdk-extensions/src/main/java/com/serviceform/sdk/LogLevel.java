package com.serviceform.sdk;

/**
 * How much of each HTTP exchange the client logs, through SLF4J at DEBUG on the logger {@code
 * com.serviceform.sdk.http}. The {@code sf-api-key} header is always printed as {@code <redacted>}.
 */
public enum LogLevel {
  /** Nothing. The default; costs nothing per call. */
  NONE,
  /** The request line, the status and the duration of each exchange, and failures. */
  BASIC,
  /** {@link #BASIC} plus request and response headers. */
  HEADERS,
  /** {@link #HEADERS} plus request and response bodies (at most 64 KiB of each). */
  BODY
}
