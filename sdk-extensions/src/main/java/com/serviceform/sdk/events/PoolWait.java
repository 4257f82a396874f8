package com.serviceform.sdk.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an attempt waited for a connection of the client's pool (Apache HttpClient 5: a pooled
 * connection; the JDK transport: a permit for an exchange in flight). Reported for every attempt of
 * a built-in transport, zero or not, and when the wait timed out ({@code
 * ConnectionPoolTimeoutException}, nothing sent).
 */
public final class PoolWait {
  private final CallStart call;
  private final int attempt;
  private final Duration waited;
  private final boolean timedOut;

  public PoolWait(CallStart call, int attempt, Duration waited, boolean timedOut) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
    this.waited = Objects.requireNonNull(waited, "waited == null");
    this.timedOut = timedOut;
  }

  public CallStart call() {
    return call;
  }

  public int attempt() {
    return attempt;
  }

  /** The time spent waiting (near zero when a connection was free). */
  public Duration waited() {
    return waited;
  }

  /** Whether no connection became free in time. */
  public boolean timedOut() {
    return timedOut;
  }

  @Override
  public String toString() {
    return "PoolWait{" + call.operationId() + " #" + attempt + " " + waited.toNanos() / 1000 + " us"
        + (timedOut ? ", timed out" : "") + "}";
  }
}
