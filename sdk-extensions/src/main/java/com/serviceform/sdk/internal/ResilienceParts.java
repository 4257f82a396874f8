package com.serviceform.sdk.internal;

import com.serviceform.sdk.retry.Resilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.InMemoryRegistryStore;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's Resilience4j objects, made without Resilience4j's registries until someone asks for
 * them. A registry announces each entry with an event stamped {@code ZonedDateTime.now()}, which
 * loads the time-zone database: with its own classes, several milliseconds of every short-lived
 * process's start (docs/performance.md, "Cold start"). {@link #view()} builds the registries of
 * {@link Resilience} on first use, holding the same instances; a Retry made after that is made by
 * its registry, so that the registry's listeners (metrics binders) see it.
 */
final class ResilienceParts {
  /** Null when the breaker is disabled. */
  final CircuitBreaker breaker;
  /** Null unless a rate limiter is configured. */
  final RateLimiter rateLimiter;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private RetryRegistry retryRegistry;
  private Resilience view;

  ResilienceParts(CircuitBreaker breaker, RateLimiter rateLimiter) {
    this.breaker = breaker;
    this.rateLimiter = rateLimiter;
  }

  /** The Retry named {@code operationId}, or null before its first call. */
  Retry retry(String operationId) {
    return retries.get(operationId);
  }

  /** The Retry named {@code operationId}, made with {@code config} when there is none yet. */
  synchronized Retry retry(String operationId, RetryConfig config) {
    Retry retry = retries.get(operationId);
    if (retry == null) {
      retry = retryRegistry != null ? retryRegistry.retry(operationId, config) : Retry.of(operationId, config);
      retries.put(operationId, retry);
    }
    return retry;
  }

  /** The registries, built on the first call and kept. */
  synchronized Resilience view() {
    if (view == null) {
      InMemoryRegistryStore<Retry> retryStore = new InMemoryRegistryStore<>();
      retries.forEach(retryStore::putIfAbsent);
      retryRegistry = RetryRegistry.custom().withRegistryStore(retryStore).build();
      InMemoryRegistryStore<CircuitBreaker> breakerStore = new InMemoryRegistryStore<>();
      if (breaker != null) {
        breakerStore.putIfAbsent(breaker.getName(), breaker);
      }
      InMemoryRegistryStore<RateLimiter> limiterStore = new InMemoryRegistryStore<>();
      if (rateLimiter != null) {
        limiterStore.putIfAbsent(rateLimiter.getName(), rateLimiter);
      }
      view = new Resilience(retryRegistry,
          CircuitBreakerRegistry.custom().withRegistryStore(breakerStore).build(),
          RateLimiterRegistry.custom().withRegistryStore(limiterStore).build());
    }
    return view;
  }
}
