package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.events.AttemptEnd;
import com.serviceform.sdk.events.AttemptStart;
import com.serviceform.sdk.events.CallEnd;
import com.serviceform.sdk.events.CallStart;
import com.serviceform.sdk.events.CircuitBreakerTransition;
import com.serviceform.sdk.events.DecodeFailure;
import com.serviceform.sdk.events.DelaySource;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.events.Outcome;
import com.serviceform.sdk.events.PoolWait;
import com.serviceform.sdk.events.RequestHeaders;
import com.serviceform.sdk.events.ResponseMismatch;
import com.serviceform.sdk.events.ResponseValidated;
import com.serviceform.sdk.events.RetryScheduled;
import feign.Request;
import feign.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events of one call, told to its listeners at clear points of the call path ({@link
 * ClientRuntime}, {@link ResilientClient}). Exists only when the client has listeners; used by the
 * calling thread only. Every dispatch catches what a listener throws.
 */
final class CallEvents {
  private final Listeners owner;
  private final EventListener[] listeners;
  final CallStart call;
  private final long startNanos;
  private int attempts;
  private int lastStatus;
  private String lastRequestId;
  private long attemptStartNanos;

  CallEvents(Listeners owner, EventListener[] listeners, CallStart call) {
    this.owner = owner;
    this.listeners = listeners;
    this.call = call;
    this.startNanos = System.nanoTime();
  }

  void callStart() {
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].callStart(call);
      } catch (Throwable t) {
        owner.failed(i, "callStart", t);
      }
    }
  }

  /** Tells the listeners an attempt starts; returns the request to send, with the headers they added. */
  Request attemptStart(int attempt, Request request) {
    attempts = attempt;
    AttemptStart event = new AttemptStart(call, attempt, new RedactedHeaders(request.headers(), owner.redactor));
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].attemptStart(event);
      } catch (Throwable t) {
        owner.failed(i, "attemptStart", t);
      }
    }
    RequestHeaders added = new RequestHeaders();
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].addRequestHeaders(event, added);
      } catch (Throwable t) {
        owner.failed(i, "addRequestHeaders", t);
      }
    }
    attemptStartNanos = System.nanoTime();
    if (added.isEmpty()) {
      return request;
    }
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.headers());
    added.asMap().forEach((name, value) -> headers.put(name, List.of(value)));
    return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(), null);
  }

  /** An attempt ended with {@code response} (a success) or {@code failure}. */
  void attemptEnd(int attempt, AttemptOptions.Seen seen, Request request, Response response, Throwable failure) {
    Duration took = Duration.ofNanos(System.nanoTime() - attemptStartNanos);
    if (seen.poolWaitNanos >= 0) {
      PoolWait wait = new PoolWait(call, attempt, Duration.ofNanos(seen.poolWaitNanos), seen.poolTimedOut);
      for (int i = 0; i < listeners.length; i++) {
        try {
          listeners[i].poolWait(wait);
        } catch (Throwable t) {
          owner.failed(i, "poolWait", t);
        }
      }
    }
    int status;
    String requestId;
    Map<String, List<String>> headers;
    String body = null;
    long responseBytes = -1;
    if (response != null) {
      status = response.status();
      requestId = owner.redactor.redact(RequestIds.find(response.headers()));
      headers = new RedactedHeaders(response.headers(), owner.redactor);
      // A body read whole is there to measure (read here, not recorded by the exchange: the
      // exchange's code is at the JIT's inlining limit, and a few more bytes of it cost a client
      // without listeners allocations that escape analysis removed before).
      ResponseBytes bytes = response.body() instanceof BufferedBytes ? ((BufferedBytes) response.body()).buffered() : null;
      if (bytes != null) {
        responseBytes = bytes.size();
        if (owner.bodies) {
          body = owner.redactor.redact(bytes.text(Listeners.MAX_BODY_BYTES));
        }
      }
    } else {
      status = Outcomes.status(failure);
      requestId = failure instanceof ServiceformException ? ((ServiceformException) failure).requestId().orElse(null) : null;
      headers = failure instanceof ServiceformApiException ? ((ServiceformApiException) failure).headers() : Map.of();
      if (owner.bodies && failure instanceof ServiceformApiException) {
        body = ((ServiceformApiException) failure).body();
      }
    }
    if (status != 0) {
      lastStatus = status;
    }
    lastRequestId = requestId;
    byte[] sent = request.body();
    AttemptEnd event = new AttemptEnd(call, attempt, Outcomes.of(failure), status, took,
        sent == null ? 0 : sent.length, responseBytes, failure, Outcomes.errorType(failure), requestId,
        headers, body);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].attemptEnd(event);
      } catch (Throwable t) {
        owner.failed(i, "attemptEnd", t);
      }
    }
  }

  void retryScheduled(int failedAttempt, ServiceformException failure, long delayMillis, DelaySource source) {
    RetryScheduled event = new RetryScheduled(call, failedAttempt, Outcomes.errorType(failure), failure,
        Duration.ofMillis(delayMillis), source);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].retryScheduled(event);
      } catch (Throwable t) {
        owner.failed(i, "retryScheduled", t);
      }
    }
  }

  void breakerTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {
    CircuitBreakerTransition event = new CircuitBreakerTransition(call, name, from, to);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].circuitBreakerTransition(event);
      } catch (Throwable t) {
        owner.failed(i, "circuitBreakerTransition", t);
      }
    }
  }

  void decodeFailure(ResponseDecodeException failure) {
    DecodeFailure event = new DecodeFailure(call, failure);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].decodeFailure(event);
      } catch (Throwable t) {
        owner.failed(i, "decodeFailure", t);
      }
    }
  }

  void responseValidated(List<ResponseMismatch> mismatches, List<Integer> curationsExercised) {
    ResponseValidated event = new ResponseValidated(call, mismatches, curationsExercised);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].responseValidated(event);
      } catch (Throwable t) {
        owner.failed(i, "responseValidated", t);
      }
    }
  }

  void responseMismatch(ResponseMismatch mismatch) {
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].responseMismatch(mismatch);
      } catch (Throwable t) {
        owner.failed(i, "responseMismatch", t);
      }
    }
  }

  /** The call ended: {@code failure} is null on success. */
  void callEnd(Throwable failure) {
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    Outcome outcome = Outcomes.of(failure);
    int status = failure == null ? lastStatus : Outcomes.status(failure);
    String requestId = failure == null ? lastRequestId
        : failure instanceof ServiceformException ? ((ServiceformException) failure).requestId().orElse(null) : null;
    if (failure instanceof ResponseDecodeException && requestId == null) {
      requestId = lastRequestId;
    }
    CallEnd event = new CallEnd(call, outcome, status, attempts, took, failure, Outcomes.errorType(failure), requestId);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].callEnd(event);
      } catch (Throwable t) {
        owner.failed(i, "callEnd", t);
      }
    }
  }
}
