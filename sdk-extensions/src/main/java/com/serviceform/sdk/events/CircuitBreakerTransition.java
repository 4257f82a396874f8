package com.serviceform.sdk.events;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Objects;

/**
 * The client's circuit breaker changed state. Found by comparing states after each use of the
 * breaker (no consumer on Resilience4j's event publisher, which would cost every call), so each
 * change is reported once, to the call that saw it first.
 */
public final class CircuitBreakerTransition {
  private final CallStart call;
  private final String name;
  private final CircuitBreaker.State from;
  private final CircuitBreaker.State to;

  public CircuitBreakerTransition(CallStart call, String name, CircuitBreaker.State from, CircuitBreaker.State to) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.from = Objects.requireNonNull(from, "from == null");
    this.to = Objects.requireNonNull(to, "to == null");
  }

  /** The call during which the change was seen. */
  public CallStart call() {
    return call;
  }

  /** The breaker's name ({@code serviceform}). */
  public String name() {
    return name;
  }

  public CircuitBreaker.State from() {
    return from;
  }

  public CircuitBreaker.State to() {
    return to;
  }

  @Override
  public String toString() {
    return "CircuitBreakerTransition{" + name + ": " + from + " -> " + to + "}";
  }
}
