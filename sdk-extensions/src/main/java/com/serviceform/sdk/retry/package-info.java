/**
 * Retries, backoff, deadlines and the circuit breaker and rate limiter around each HTTP exchange.
 * See {@code docs/resilience.md}.
 */
package com.serviceform.sdk.retry;
