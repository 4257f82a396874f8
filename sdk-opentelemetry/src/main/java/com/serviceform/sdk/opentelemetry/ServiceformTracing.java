package com.serviceform.sdk.opentelemetry;

import com.serviceform.sdk.events.AttemptEnd;
import com.serviceform.sdk.events.AttemptStart;
import com.serviceform.sdk.events.CallEnd;
import com.serviceform.sdk.events.CallStart;
import com.serviceform.sdk.events.CircuitBreakerTransition;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.events.Outcome;
import com.serviceform.sdk.events.PoolWait;
import com.serviceform.sdk.events.RequestHeaders;
import com.serviceform.sdk.events.ResponseMismatch;
import com.serviceform.sdk.events.RetryScheduled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Objects;

/**
 * Traces a {@code ServiceformClient} with OpenTelemetry. Register it as an event listener factory:
 *
 * <pre>{@code
 * ServiceformTracing tracing = ServiceformTracing.builder(openTelemetry)
 *     .propagateTraceContext(true)     // send traceparent/tracestate to the API; off by default
 *     .build();
 * ServiceformClient client = ServiceformClient.builder().fromEnv().addEventListenerFactory(tracing).build();
 * }</pre>
 *
 * <p>Each call is a {@link SpanKind#CLIENT} span, a child of the span current on the calling thread,
 * named and described by OpenTelemetry's HTTP client semantic conventions: {@code {method}
 * {url.template}} ({@code GET /flex/spaces/{spaceId}/items/{itemId}}), with {@code
 * http.request.method}, {@code url.template}, {@code url.full} (redacted like the SDK's logs),
 * {@code server.address}, {@code server.port}, {@code http.response.status_code} and, on failure,
 * {@code error.type} and an error status; and {@code serviceform.operation}, {@code
 * serviceform.retry_safe}, {@code serviceform.attempts}, {@code serviceform.request_id}. Each attempt
 * is a child span ({@code {operation} attempt}) with its status code, {@code
 * http.request.resend_count} from the second attempt on, and the wait for a pooled connection. A
 * retry is an event {@value #RETRY_EVENT} on the call span with {@code serviceform.retry.reason},
 * {@code serviceform.retry.delay_ms} and {@code serviceform.retry.delay_source}; breaker transitions
 * and (with response validation) mismatches are events too. A streaming call's span ends at its
 * response headers.
 *
 * <p>With {@link Builder#propagateTraceContext(boolean)} each attempt carries W3C Trace Context
 * ({@code traceparent}, {@code tracestate}) pointing at its attempt span; the API key is never an
 * attribute, and nothing of a body is recorded.
 */
public final class ServiceformTracing implements EventListener.Factory {
  /** The instrumentation scope name. */
  public static final String INSTRUMENTATION_NAME = "com.serviceform.sdk";
  public static final String RETRY_EVENT = "serviceform.retry";
  public static final String BREAKER_EVENT = "serviceform.circuit_breaker";
  public static final String MISMATCH_EVENT = "serviceform.response_mismatch";

  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("serviceform.operation");
  static final AttributeKey<Boolean> RETRY_SAFE = AttributeKey.booleanKey("serviceform.retry_safe");
  static final AttributeKey<Boolean> STREAMING = AttributeKey.booleanKey("serviceform.streaming");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("serviceform.attempts");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("serviceform.attempt");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("serviceform.request_id");
  static final AttributeKey<String> RETRY_REASON = AttributeKey.stringKey("serviceform.retry.reason");
  static final AttributeKey<Long> RETRY_DELAY_MS = AttributeKey.longKey("serviceform.retry.delay_ms");
  static final AttributeKey<String> RETRY_DELAY_SOURCE = AttributeKey.stringKey("serviceform.retry.delay_source");
  static final AttributeKey<Double> POOL_WAIT_MS = AttributeKey.doubleKey("serviceform.pool.wait_ms");
  static final AttributeKey<Boolean> POOL_TIMED_OUT = AttributeKey.booleanKey("serviceform.pool.timed_out");

  private static final TextMapSetter<RequestHeaders> SETTER = (headers, name, value) -> {
    if (headers != null) {
      headers.set(name, value);
    }
  };

  private final Tracer tracer;
  private final boolean propagate;

  private ServiceformTracing(Builder builder) {
    this.tracer = builder.openTelemetry.getTracer(INSTRUMENTATION_NAME, version());
    this.propagate = builder.propagate;
  }

  /** Tracing with {@code openTelemetry}'s tracer, without propagating context to the server. */
  public static ServiceformTracing create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /** Configures {@link ServiceformTracing}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean propagate;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    }

    /**
     * Whether each attempt sends W3C Trace Context ({@code traceparent}, {@code tracestate}) to the
     * API, so that its spans, if it records any, join the caller's trace. Default false: the
     * request carries nothing beyond what the client always sends.
     */
    public Builder propagateTraceContext(boolean propagate) {
      this.propagate = propagate;
      return this;
    }

    public ServiceformTracing build() {
      return new ServiceformTracing(this);
    }
  }

  @Override
  public EventListener create(CallStart call) {
    Span span = tracer.spanBuilder(call.method() + " " + call.urlTemplate())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute(HTTP_REQUEST_METHOD, call.method())
        .setAttribute(URL_TEMPLATE, call.urlTemplate())
        .setAttribute(URL_FULL, call.url())
        .setAttribute(SERVER_ADDRESS, call.serverAddress())
        .setAttribute(SERVER_PORT, (long) call.serverPort())
        .setAttribute(OPERATION, call.operationId())
        .setAttribute(RETRY_SAFE, call.retrySafe())
        .setAttribute(STREAMING, call.streaming())
        .startSpan();
    return new CallTracer(span);
  }

  /** The spans of one call. */
  private final class CallTracer implements EventListener {
    private final Span call;
    private Span attempt;

    CallTracer(Span call) {
      this.call = call;
    }

    @Override
    public void attemptStart(AttemptStart event) {
      io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder(event.call().operationId() + " attempt")
          .setSpanKind(SpanKind.INTERNAL)
          .setParent(Context.current().with(call))
          .setAttribute(ATTEMPT, (long) event.attempt());
      if (event.attempt() > 1) {
        builder.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) event.attempt() - 1);
      }
      attempt = builder.startSpan();
    }

    @Override
    public void addRequestHeaders(AttemptStart event, RequestHeaders headers) {
      if (propagate && attempt != null) {
        W3CTraceContextPropagator.getInstance().inject(Context.current().with(attempt), headers, SETTER);
      }
    }

    @Override
    public void poolWait(PoolWait wait) {
      if (attempt != null) {
        attempt.setAttribute(POOL_WAIT_MS, wait.waited().toNanos() / 1e6);
        if (wait.timedOut()) {
          attempt.setAttribute(POOL_TIMED_OUT, true);
        }
      }
    }

    @Override
    public void attemptEnd(AttemptEnd event) {
      Span span = attempt;
      if (span == null) {
        return;
      }
      attempt = null;
      if (event.statusCode() > 0) {
        span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) event.statusCode());
      }
      event.requestId().ifPresent(id -> span.setAttribute(REQUEST_ID, id));
      if (event.outcome() != Outcome.SUCCESS) {
        event.errorType().ifPresent(type -> span.setAttribute(ERROR_TYPE, type));
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }

    @Override
    public void retryScheduled(RetryScheduled retry) {
      call.addEvent(RETRY_EVENT, Attributes.of(ATTEMPT, (long) retry.failedAttempt(), RETRY_REASON, retry.reason(),
          RETRY_DELAY_MS, retry.delay().toMillis(), RETRY_DELAY_SOURCE,
          retry.delaySource().name().toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public void circuitBreakerTransition(CircuitBreakerTransition transition) {
      call.addEvent(BREAKER_EVENT, Attributes.of(AttributeKey.stringKey("serviceform.circuit_breaker.from"),
          transition.from().name(), AttributeKey.stringKey("serviceform.circuit_breaker.to"), transition.to().name()));
    }

    @Override
    public void responseMismatch(ResponseMismatch mismatch) {
      call.addEvent(MISMATCH_EVENT, Attributes.of(AttributeKey.stringKey("serviceform.mismatch.path"), mismatch.path(),
          AttributeKey.stringKey("serviceform.mismatch.kind"), mismatch.kind().name(),
          AttributeKey.stringKey("serviceform.mismatch.expected"), mismatch.expected(),
          AttributeKey.stringKey("serviceform.mismatch.actual"), mismatch.actual()));
    }

    @Override
    public void callEnd(CallEnd event) {
      if (attempt != null) {
        // Not ended by its own event (a failure outside the exchange): close it with the call.
        attempt.end();
        attempt = null;
      }
      if (event.statusCode() > 0) {
        call.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) event.statusCode());
      }
      call.setAttribute(ATTEMPTS, (long) event.attempts());
      event.requestId().ifPresent(id -> call.setAttribute(REQUEST_ID, id));
      if (event.outcome() != Outcome.SUCCESS) {
        call.setAttribute(ERROR_TYPE, event.errorType().orElse("_OTHER"));
        call.setStatus(StatusCode.ERROR);
      }
      call.end();
    }
  }

  private static String version() {
    String version = ServiceformTracing.class.getPackage().getImplementationVersion();
    return version == null ? com.serviceform.sdk.ServiceformClient.sdkVersion() : version;
  }

  @Override
  public String toString() {
    return "ServiceformTracing{propagateTraceContext=" + propagate + "}";
  }
}
