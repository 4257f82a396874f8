package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.CircuitOpenException;
import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.errors.ClientRateLimitException;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.events.DelaySource;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.retry.Sleeper;
import com.serviceform.sdk.retry.Ticker;
import feign.Request;
import feign.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a call is retried. Around each attempt, in this order: the call's deadline, the
 * circuit breaker, the rate limiter, then one {@link ExchangeClient#attempt exchange}. A failed
 * attempt goes to the operation's Resilience4j {@link Retry}, which decides from the failure and
 * the spec's retry safety whether, and after how long, to try again.
 *
 * <p>The retry wraps the breaker (each attempt asks the breaker, and an open breaker ends the call
 * at once, unretried), and the breaker wraps the rate limiter (a call refused by an open breaker
 * spends no rate permit). No transport retries on its own, so N attempts are at most N requests on
 * the wire.
 *
 * <p>Waiting for a pooled connection is not the server's fault: a {@link
 * ConnectionPoolTimeoutException} is neither retried nor recorded by the breaker. {@link #close()}
 * ends the client: attempts in flight (and streams still open) are aborted, a call waiting to
 * retry wakes, and each ends with a {@link ClientClosedException}; later calls fail the same way
 * before anything is sent.
 *
 * <p>Deadlines are read from the client's {@link Ticker}, waits go through its {@link Sleeper}:
 * tests drive both with fake time.
 */
final class ResilientClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("com.serviceform.sdk.retry");

  private final ExchangeClient exchange;
  private final ErrorMapper errors;
  private final RetryPolicy defaultPolicy;
  private final Duration connectTimeout;
  private final Duration acquireTimeout;
  private final ResilienceParts resilience;
  private final CircuitBreaker breaker;
  private final RateLimiter rateLimiter;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private final DeadlineWatchdog watchdog;
  private final boolean ownWatchdog;
  /** Retries for other policies (per-request options), outside the registry. */
  private final Map<OtherPolicy, Retry> otherRetries = new ConcurrentHashMap<>();
  /** Attempts in flight and streams still open, for close() to abort. */
  private final Set<AttemptOptions> inFlight = ConcurrentHashMap.newKeySet();
  /** Counted down by close(): wakes calls sleeping before a retry. */
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean closed;
  /**
   * The breaker state last logged. Transitions are found by comparing states after each use of the
   * breaker rather than by a consumer on its event publisher: once any consumer is registered,
   * Resilience4j builds an event (with a {@code ZonedDateTime.now()}) and dispatches it for every
   * successful call, about 1 µs per call (docs/performance.md, fix 8).
   */
  private final AtomicReference<CircuitBreaker.State> loggedBreakerState;

  ResilientClient(ExchangeClient exchange, ErrorMapper errors, ClientSettings settings, ResilienceParts resilience) {
    this.exchange = exchange;
    this.errors = errors;
    this.defaultPolicy = settings.retryPolicy;
    this.connectTimeout = settings.connectTimeout;
    this.acquireTimeout = settings.connectionAcquireTimeout;
    this.resilience = resilience;
    this.breaker = resilience.breaker;
    this.rateLimiter = resilience.rateLimiter;
    this.sleeper = settings.sleeper;
    this.ticker = settings.ticker;
    // The shared watchdog runs on System.nanoTime(); a client on fake time gets one of its own.
    this.ownWatchdog = ticker != Ticker.system();
    this.watchdog = ownWatchdog ? new DeadlineWatchdog(ticker) : DeadlineWatchdog.shared();
    this.loggedBreakerState = breaker == null ? null : new AtomicReference<>(breaker.getState());
    watchdog.clientOpened();
  }

  /**
   * One call of {@code operation}: a 2xx response (its body read, or with {@code stream} left
   * unread for the caller, who must close it), or a typed exception. Retries and the call timeout
   * cover a streaming call up to the response headers; reading the body is bounded by the read
   * timeout.
   *
   * @param events the call's listeners, or null when the client has none (then nothing else is done)
   */
  Response execute(OperationCall operation, Request request, CallSettings settings, boolean stream,
      CallEvents events) {
    String method = request.httpMethod().name();
    if (closed) {
      throw errors.forClosed(method, request.url(), null, 0);
    }
    Retry.AsyncContext<Object> retry = (settings.retryPolicy == defaultPolicy
        ? operation.retry(this) : retryFor(operation.operationId, operation.retrySafe, settings.retryPolicy))
        .asyncContext();
    Duration callTimeout = settings.callTimeout;
    boolean hasDeadline = callTimeout != null;
    long deadline = hasDeadline ? ticker.read() + callTimeout.toNanos() : 0;
    ServiceformException last = null;
    for (int attempt = 1; ; attempt++) {
      long remaining = hasDeadline ? deadline - ticker.read() : Long.MAX_VALUE;
      if (remaining <= 0) {
        throw errors.forCallTimeout(method, request.url(), callTimeout, last, attempt - 1);
      }
      boolean permitted = breaker == null || breaker.tryAcquirePermission();
      if (breaker != null) {
        // Asking for a permit is what moves an open breaker whose wait has passed to half-open.
        logBreakerTransition(events);
      }
      if (!permitted) {
        throw new CircuitOpenException("the circuit breaker is " + breaker.getState()
            + " after repeated server errors or I/O failures: " + method + " " + errors.safe(request.url())
            + " was not sent", last, attempt - 1);
      }
      if (rateLimiter != null && !rateLimiter.acquirePermission()) {
        releaseBreaker();
        throw new ClientRateLimitException("the client-side rate limiter gave no permit within "
            + rateLimiter.getRateLimiterConfig().getTimeoutDuration().toMillis() + " ms: " + method + " "
            + errors.safe(request.url()) + " was not sent", last, attempt - 1);
      }

      AttemptOptions options = new AttemptOptions(connectTimeout,
          shortened(settings.readTimeout, remaining), shortened(acquireTimeout, remaining), attempt);
      DeadlineWatchdog.Watch watch = hasDeadline ? watchdog.watch(deadline, options) : null;
      inFlight.add(options);
      if (closed) {
        // close() may have passed over this attempt while it was being registered.
        options.abort();
      }
      boolean handedOver = false;
      Request sent = request;
      AttemptOptions.Seen seen = null;
      if (events != null) {
        seen = options.observe();
        sent = events.attemptStart(attempt, request);
      }
      long start = System.nanoTime();
      try {
        Response response = exchange.attempt(sent, options, stream);
        if (events != null) {
          events.attemptEnd(attempt, seen, sent, response, null);
        }
        if (breaker != null) {
          breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          logBreakerTransition(events);
        }
        retry.onComplete();
        if (stream) {
          // The stream stays abortable by close() until the caller closes it.
          handedOver = true;
          return response.toBuilder().body(new OpenStream(response.body(), options)).build();
        }
        return response;
      } catch (ServiceformException e) {
        if (events != null) {
          events.attemptEnd(attempt, seen, sent, null, e);
        }
        if (closed) {
          releaseBreaker();
          throw errors.forClosed(method, request.url(), e, attempt);
        }
        if (e instanceof ConnectionPoolTimeoutException) {
          // The pool was the limit, not the server: no failure to record, nothing to retry.
          releaseBreaker();
          throw e;
        }
        ServiceformException failure = options.aborted() || (hasDeadline && ticker.read() - deadline >= 0)
            ? errors.forCallTimeout(method, request.url(), callTimeout, e, attempt)
            : e;
        if (breaker != null) {
          breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
          logBreakerTransition(events);
        }
        last = failure;
        long waitMillis = retry.onError(failure);
        if (waitMillis < 0) {
          if (attempt > 1) {
            LOG.debug("{} failed after {} attempts: {}", operation.operationId, attempt, describe(failure));
          }
          throw failure;
        }
        if (hasDeadline && deadline - ticker.read() <= TimeUnit.MILLISECONDS.toNanos(waitMillis)) {
          LOG.debug("not retrying {} {}: the {} ms backoff would pass the call timeout", method,
              errors.safe(request.url()), waitMillis);
          throw failure;
        }
        if (events != null) {
          events.retryScheduled(attempt, failure, waitMillis, delaySource(failure));
        }
        // Logged here rather than from the Retry's event publisher: with a consumer registered,
        // Resilience4j builds and dispatches an event per call.
        LOG.info("retrying {} (attempt {} failed: {}) in {} ms", operation.operationId, attempt, describe(failure),
            waitMillis);
        try {
          sleep(Duration.ofMillis(waitMillis));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure;
        }
        if (closed) {
          throw errors.forClosed(method, request.url(), failure, attempt);
        }
      } catch (RuntimeException | Error unexpected) {
        if (events != null) {
          events.attemptEnd(attempt, seen, sent, null, unexpected);
        }
        releaseBreaker();
        throw unexpected;
      } finally {
        if (watch != null) {
          watchdog.release(watch);
        }
        if (!handedOver) {
          inFlight.remove(options);
        }
      }
    }
  }

  /** {@code timeout}, or what is left of the call when that is less (at least 1 ms). */
  private static Duration shortened(Duration timeout, long remainingNanos) {
    return remainingNanos < timeout.toNanos() ? Duration.ofNanos(Math.max(remainingNanos, 1_000_000)) : timeout;
  }

  private void releaseBreaker() {
    if (breaker != null) {
      breaker.releasePermission();
    }
  }

  /**
   * Waits before a retry. The system sleeper's wait ends early when the client is closed; a
   * sleeper given for tests is used as it is.
   */
  private void sleep(Duration wait) throws InterruptedException {
    if (sleeper == Sleeper.system()) {
      closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      sleeper.sleep(wait);
    }
  }

  /**
   * What a failure while reading a streamed body becomes: {@link ClientClosedException} when the
   * client was closed under it, else a redacted {@link com.serviceform.sdk.errors.ServiceformIOException}.
   */
  ServiceformException streamFailure(Request request, IOException e) {
    if (closed) {
      return errors.forClosed(request.httpMethod().name(), request.url(), e, 1);
    }
    return errors.forIOException(request.httpMethod().name(), request.url(), e, 1);
  }

  /** A streamed body: registered with the client until closed, so that close() can abort it. */
  private final class OpenStream implements Response.Body {
    private final Response.Body body;
    private final AttemptOptions attempt;

    OpenStream(Response.Body body, AttemptOptions attempt) {
      this.body = body;
      this.attempt = attempt;
    }

    @Override
    public Integer length() {
      return body.length();
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public InputStream asInputStream() throws IOException {
      return body.asInputStream();
    }

    @Override
    public Reader asReader(Charset charset) throws IOException {
      return body.asReader(charset);
    }

    @Override
    public void close() throws IOException {
      inFlight.remove(attempt);
      body.close();
    }
  }

  /**
   * Logs the breaker's state once per change, whichever caller sees the change first, and tells
   * that call's listeners.
   */
  private void logBreakerTransition(CallEvents events) {
    CircuitBreaker.State now = breaker.getState();
    CircuitBreaker.State logged = loggedBreakerState.get();
    if (now != logged && loggedBreakerState.compareAndSet(logged, now)) {
      LOG.warn("circuit breaker '{}': from {} to {}", breaker.getName(), logged, now);
      if (events != null) {
        events.breakerTransition(breaker.getName(), logged, now);
      }
    }
  }

  /** Whether the wait before retrying after {@code failure} is the server's Retry-After (as {@link #interval} decided). */
  private DelaySource delaySource(ServiceformException failure) {
    return failure instanceof ServiceformApiException && errors.retryAfter((ServiceformApiException) failure) != null
        ? DelaySource.RETRY_AFTER : DelaySource.BACKOFF;
  }

  /**
   * The Retry of an operation: under the client's policy ({@code policy} null), the client's own
   * (named by the operation id, in {@code client.resilience()}); under another policy, one of its
   * own, made once per operation and policy.
   */
  Retry retryFor(String operationId, boolean retrySafe, RetryPolicy policy) {
    if (policy == null || policy == defaultPolicy) {
      Retry retry = resilience.retry(operationId);
      return retry != null ? retry : resilience.retry(operationId, retryConfig(defaultPolicy, retrySafe));
    }
    return otherRetries.computeIfAbsent(new OtherPolicy(operationId, policy),
        key -> Retry.of(operationId, retryConfig(policy, retrySafe)));
  }

  /** An operation under a policy other than the client's. */
  private static final class OtherPolicy {
    final String operationId;
    final RetryPolicy policy;

    OtherPolicy(String operationId, RetryPolicy policy) {
      this.operationId = operationId;
      this.policy = policy;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OtherPolicy && ((OtherPolicy) o).operationId.equals(operationId)
          && ((OtherPolicy) o).policy.equals(policy);
    }

    @Override
    public int hashCode() {
      return Objects.hash(operationId, policy);
    }
  }

  private RetryConfig retryConfig(RetryPolicy policy, boolean retrySafe) {
    return RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .retryOnException(failure -> RetryClassifier.retryable(failure, retrySafe))
        .intervalBiFunction(interval(policy))
        .failAfterMaxAttempts(false)
        .build();
  }

  /**
   * The wait before the next attempt: the server's Retry-After when it sent a readable one (or -1,
   * to stop, when it asks for longer than the policy allows), else full-jitter exponential backoff.
   */
  private IntervalBiFunction<Object> interval(RetryPolicy policy) {
    return (attempt, outcome) -> {
      Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
      if (failure instanceof ServiceformApiException) {
        Duration retryAfter = errors.retryAfter((ServiceformApiException) failure);
        if (retryAfter != null) {
          return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? -1L : retryAfter.toMillis();
        }
      }
      long ceiling = policy.backoffCeiling(attempt).toMillis();
      return ceiling == 0 ? 0L : ThreadLocalRandom.current().nextLong(ceiling + 1);
    };
  }

  private static String describe(Throwable failure) {
    if (failure == null) {
      return "";
    }
    if (failure instanceof ServiceformApiException) {
      return "HTTP " + ((ServiceformApiException) failure).statusCode();
    }
    return failure.getClass().getSimpleName()
        + (failure.getCause() == null ? "" : " (" + failure.getCause().getClass().getSimpleName() + ")");
  }

  /**
   * Ends the client: every attempt in flight and every open stream is aborted, calls waiting to
   * retry wake, and each ends with a {@link ClientClosedException}. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing.countDown();
    for (AttemptOptions attempt : inFlight) {
      attempt.abort();
    }
    watchdog.clientClosed();
    if (ownWatchdog) {
      watchdog.close();
    }
  }

  boolean isClosed() {
    return closed;
  }
}
