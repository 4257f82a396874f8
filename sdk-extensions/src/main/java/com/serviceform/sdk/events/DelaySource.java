package com.serviceform.sdk.events;

/** Where the delay before a retry came from. */
public enum DelaySource {
  /** The retry policy's exponential backoff with jitter. */
  BACKOFF,
  /** The server's {@code Retry-After} header. */
  RETRY_AFTER
}
