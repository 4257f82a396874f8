package com.serviceform.sdk.errors;

import java.time.Duration;

/**
 * Every connection of the client's pool stayed busy for longer than the client waits for one
 * ({@code connectionAcquireTimeout}): the request was not sent. This says the pool is the limit,
 * not the server: it is not retried and not counted by the circuit breaker. Raise {@code
 * maxConnections}, lower the number of concurrent calls, or wait longer with {@code
 * connectionAcquireTimeout}.
 */
public class ConnectionPoolTimeoutException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  private final int maxConnections;
  private final Duration waited;

  public ConnectionPoolTimeoutException(String method, String requestUrl, int maxConnections, Duration waited,
      Throwable cause, int attempts) {
    super(method + " " + requestUrl + " was not sent: all " + maxConnections + " connections of the pool stayed "
        + "in use for " + waited.toMillis() + " ms; raise ServiceformClient.Builder.maxConnections (now "
        + maxConnections + ") or connectionAcquireTimeout, or make fewer concurrent calls", cause, attempts);
    this.maxConnections = maxConnections;
    this.waited = waited;
  }

  /** The pool's size. */
  public int maxConnections() {
    return maxConnections;
  }

  /** How long the call waited for a connection. */
  public Duration waited() {
    return waited;
  }
}
