package com.serviceform.sdk.retry;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * The Resilience4j objects of one {@code ServiceformClient}, for metrics and events: one {@link
 * Retry} per operation (named by its operationId), and the client's {@link CircuitBreaker} and
 * {@link RateLimiter} when enabled (both named {@value #NAME}).
 *
 * <p>Attach Micrometer with, for example, {@code
 * TaggedRetryMetrics.ofRetryRegistry(resilience.retryRegistry()).bindTo(meterRegistry)}.
 */
public final class Resilience {
  /** The name of the client's circuit breaker and rate limiter. */
  public static final String NAME = "serviceform";

  private final RetryRegistry retryRegistry;
  private final CircuitBreakerRegistry circuitBreakerRegistry;
  private final RateLimiterRegistry rateLimiterRegistry;

  public Resilience(RetryRegistry retryRegistry, CircuitBreakerRegistry circuitBreakerRegistry,
      RateLimiterRegistry rateLimiterRegistry) {
    this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry == null");
    this.circuitBreakerRegistry = Objects.requireNonNull(circuitBreakerRegistry, "circuitBreakerRegistry == null");
    this.rateLimiterRegistry = Objects.requireNonNull(rateLimiterRegistry, "rateLimiterRegistry == null");
  }

  /** One Retry per operation; each appears once the operation has been called. */
  public RetryRegistry retryRegistry() {
    return retryRegistry;
  }

  /** The Retry of an operation (by operationId, e.g. {@code getItem}), once it has been called. */
  public Optional<Retry> retry(String operationId) {
    return retryRegistry.find(operationId);
  }

  /** Holds the circuit breaker, when enabled. */
  public CircuitBreakerRegistry circuitBreakerRegistry() {
    return circuitBreakerRegistry;
  }

  /** The client's circuit breaker, unless disabled. */
  public Optional<CircuitBreaker> circuitBreaker() {
    return circuitBreakerRegistry.find(NAME);
  }

  /** Holds the rate limiter, when configured. */
  public RateLimiterRegistry rateLimiterRegistry() {
    return rateLimiterRegistry;
  }

  /** The client's rate limiter, when configured (off by default). */
  public Optional<RateLimiter> rateLimiter() {
    return rateLimiterRegistry.find(NAME);
  }
}
