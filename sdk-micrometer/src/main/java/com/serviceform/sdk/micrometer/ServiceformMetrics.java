package com.serviceform.sdk.micrometer;

import com.serviceform.sdk.events.AttemptEnd;
import com.serviceform.sdk.events.CallEnd;
import com.serviceform.sdk.events.CircuitBreakerTransition;
import com.serviceform.sdk.events.DecodeFailure;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.events.Outcome;
import com.serviceform.sdk.events.PoolWait;
import com.serviceform.sdk.events.ResponseMismatch;
import com.serviceform.sdk.events.RetryScheduled;
import com.serviceform.sdk.retry.Resilience;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes what a {@code ServiceformClient} does to a Micrometer {@link MeterRegistry}. Register it
 * as an event listener, then bind the client's Resilience4j meters:
 *
 * <pre>{@code
 * ServiceformMetrics metrics = ServiceformMetrics.create(meterRegistry);
 * ServiceformClient client = ServiceformClient.builder().fromEnv().addEventListener(metrics).build();
 * metrics.bindResilience(client.resilience());
 * }</pre>
 *
 * <p>Meters (Micrometer's naming convention: dot-separated lower case, converted by each registry to
 * its own; tags low-cardinality, never a URL with ids):
 *
 * <ul>
 *   <li>{@value #REQUESTS} (timer): each call, from start to decoded answer (a streaming call: to its
 *       response headers); tags {@code operation}, {@code method}, {@code outcome} ({@link Outcome}),
 *       {@code status.class} ({@code 2xx} ... {@code 5xx}, {@code NONE}), {@code attempts} ({@code 1},
 *       {@code 2}, {@code 3}, {@code 4+}; {@code 0} when nothing was sent) and {@code exception} (the
 *       failure's simple class name, or {@code none}).
 *   <li>{@value #ATTEMPTS} (timer): each attempt (HTTP exchange); {@code operation}, {@code outcome},
 *       {@code status.class}.
 *   <li>{@value #RETRIES} (counter) and {@value #RETRY_DELAY} (timer): each retry, with {@code
 *       operation}, {@code reason} (the status code, or the failure's simple class name) and {@code
 *       source} ({@code backoff}, {@code retry_after}).
 *   <li>{@value #POOL_WAIT} (timer): each wait for a pooled connection (built-in transports), {@code
 *       timed.out} {@code true} or {@code false}.
 *   <li>{@value #RESPONSE_SIZE} (distribution summary, bytes): success bodies read into memory, per
 *       {@code operation}.
 *   <li>{@value #DECODE_FAILURES} (counter), {@value #MISMATCHES} (counter, with response validation:
 *       each new mismatch once, tags {@code operation} and {@code kind}), {@value #BREAKER_TRANSITIONS}
 *       (counter, {@code from} and {@code to}).
 * </ul>
 *
 * <p>Every meter also carries the common tags given to {@link #create(MeterRegistry, Iterable)} (for
 * example a {@code client} tag when an application has several clients). Thread-safe.
 */
public final class ServiceformMetrics implements EventListener {
  public static final String REQUESTS = "serviceform.client.requests";
  public static final String ATTEMPTS = "serviceform.client.attempts";
  public static final String RETRIES = "serviceform.client.retries";
  public static final String RETRY_DELAY = "serviceform.client.retry.delay";
  public static final String POOL_WAIT = "serviceform.client.pool.wait";
  public static final String RESPONSE_SIZE = "serviceform.client.response.size";
  public static final String DECODE_FAILURES = "serviceform.client.decode.failures";
  public static final String MISMATCHES = "serviceform.client.response.mismatches";
  public static final String BREAKER_TRANSITIONS = "serviceform.client.circuit.breaker.transitions";

  private final MeterRegistry registry;
  private final Tags common;
  private final Meter.MeterProvider<Timer> requests;
  private final Meter.MeterProvider<Timer> attempts;
  private final Meter.MeterProvider<Counter> retries;
  private final Meter.MeterProvider<Timer> retryDelay;
  private final Meter.MeterProvider<Timer> poolWait;
  private final Meter.MeterProvider<DistributionSummary> responseSize;
  private final Meter.MeterProvider<Counter> decodeFailures;
  private final Meter.MeterProvider<Counter> mismatches;
  private final Meter.MeterProvider<Counter> transitions;

  private ServiceformMetrics(MeterRegistry registry, Iterable<Tag> commonTags) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags == null"));
    this.requests = Timer.builder(REQUESTS).description("Calls of the Serviceform API, retries included")
        .tags(common).withRegistry(registry);
    this.attempts = Timer.builder(ATTEMPTS).description("HTTP exchanges with the Serviceform API")
        .tags(common).withRegistry(registry);
    this.retries = Counter.builder(RETRIES).description("Retries of failed attempts").tags(common)
        .withRegistry(registry);
    this.retryDelay = Timer.builder(RETRY_DELAY).description("Waits before retries").tags(common)
        .withRegistry(registry);
    this.poolWait = Timer.builder(POOL_WAIT).description("Waits for a pooled connection").tags(common)
        .withRegistry(registry);
    this.responseSize = DistributionSummary.builder(RESPONSE_SIZE).description("Success bodies read")
        .baseUnit("bytes").tags(common).withRegistry(registry);
    this.decodeFailures = Counter.builder(DECODE_FAILURES)
        .description("Success answers that were not the documented JSON").tags(common).withRegistry(registry);
    this.mismatches = Counter.builder(MISMATCHES)
        .description("Places where answers differ from the spec (each reported once)").tags(common)
        .withRegistry(registry);
    this.transitions = Counter.builder(BREAKER_TRANSITIONS).description("Circuit breaker state changes")
        .tags(common).withRegistry(registry);
  }

  /** Metrics into {@code registry}. */
  public static ServiceformMetrics create(MeterRegistry registry) {
    return new ServiceformMetrics(registry, Tags.empty());
  }

  /** Metrics into {@code registry}, every meter with {@code commonTags} too. */
  public static ServiceformMetrics create(MeterRegistry registry, Iterable<Tag> commonTags) {
    return new ServiceformMetrics(registry, commonTags);
  }

  /**
   * Binds Resilience4j's own meters of a client ({@code client.resilience()}) to the registry: its
   * retries per operation ({@code resilience4j.retry.calls}), its circuit breaker ({@code
   * resilience4j.circuitbreaker.*}) and rate limiter ({@code resilience4j.ratelimiter.*}), with the
   * common tags. Resilience4j's breaker meters count calls through a consumer on the breaker's event
   * publisher, which makes Resilience4j build an event for every call (about 1 µs); {@link
   * #bindRetries} binds only the retry counters, which cost nothing per call.
   */
  public ServiceformMetrics bindResilience(Resilience resilience) {
    Objects.requireNonNull(resilience, "resilience == null");
    bindRetries(resilience);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.circuitBreakerRegistry()).bindTo(registry);
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(resilience.rateLimiterRegistry()).bindTo(registry);
    return this;
  }

  /** Binds only Resilience4j's retry counters per operation ({@code resilience4j.retry.calls}). */
  public ServiceformMetrics bindRetries(Resilience resilience) {
    Objects.requireNonNull(resilience, "resilience == null");
    TaggedRetryMetrics.ofRetryRegistry(resilience.retryRegistry()).bindTo(registry);
    return this;
  }

  @Override
  public void callEnd(CallEnd call) {
    requests.withTags("operation", call.call().operationId(), "method", call.call().method(),
        "outcome", call.outcome().name(), "status.class", statusClass(call.statusCode()),
        "attempts", attemptsTag(call.attempts()), "exception", exception(call.error().orElse(null)))
        .record(call.duration());
  }

  @Override
  public void attemptEnd(AttemptEnd attempt) {
    String operation = attempt.call().operationId();
    attempts.withTags("operation", operation, "outcome", attempt.outcome().name(),
        "status.class", statusClass(attempt.statusCode())).record(attempt.duration());
    if (attempt.outcome() == Outcome.SUCCESS && attempt.responseBytes() >= 0) {
      responseSize.withTags("operation", operation).record(attempt.responseBytes());
    }
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    String reason = simpleReason(retry.reason());
    String source = retry.delaySource().name().toLowerCase(Locale.ROOT);
    String operation = retry.call().operationId();
    retries.withTags("operation", operation, "reason", reason, "source", source).increment();
    retryDelay.withTags("operation", operation, "source", source).record(retry.delay());
  }

  @Override
  public void poolWait(PoolWait wait) {
    poolWait.withTags("timed.out", Boolean.toString(wait.timedOut())).record(wait.waited());
  }

  @Override
  public void decodeFailure(DecodeFailure failure) {
    decodeFailures.withTags("operation", failure.call().operationId()).increment();
  }

  @Override
  public void responseMismatch(ResponseMismatch mismatch) {
    mismatches.withTags("operation", mismatch.operationId(), "kind", mismatch.kind().name()).increment();
  }

  @Override
  public void circuitBreakerTransition(CircuitBreakerTransition transition) {
    transitions.withTags("from", transition.from().name(), "to", transition.to().name()).increment();
  }

  static String statusClass(int status) {
    return status < 100 || status > 599 ? "NONE" : (status / 100) + "xx";
  }

  static String attemptsTag(int attempts) {
    return attempts >= 4 ? "4+" : Integer.toString(attempts);
  }

  private static String exception(Throwable failure) {
    return failure == null ? "none" : failure.getClass().getSimpleName();
  }

  /** A status code stays as it is; a class name loses its package. */
  private static String simpleReason(String reason) {
    int dot = reason.lastIndexOf('.');
    return dot < 0 ? reason : reason.substring(dot + 1);
  }

  @Override
  public String toString() {
    return "ServiceformMetrics{" + registry.getClass().getSimpleName() + common + "}";
  }
}
