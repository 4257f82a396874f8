package com.serviceform.sdk.internal;

import java.io.IOException;

/** No pooled connection became free within the acquire timeout; nothing was sent. */
final class PoolTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  final int maxConnections;
  final long waitedMillis;

  PoolTimeoutException(int maxConnections, long waitedMillis, Throwable cause) {
    super("no pooled connection within " + waitedMillis + " ms (pool of " + maxConnections + ")", cause);
    this.maxConnections = maxConnections;
    this.waitedMillis = waitedMillis;
  }
}
