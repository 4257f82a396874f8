package com.serviceform.sdk.errors;

/**
 * The client's circuit breaker is open after repeated server errors or I/O failures: the call
 * failed fast without touching the network, and was not retried. It half-opens after the
 * configured wait and lets a few probe calls through.
 */
public class CircuitOpenException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  public CircuitOpenException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
