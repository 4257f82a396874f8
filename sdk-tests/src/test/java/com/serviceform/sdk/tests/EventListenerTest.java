package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.StreamingResponse;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServerException;
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
import com.serviceform.sdk.events.RetryScheduled;
import com.serviceform.sdk.model.Item;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The event listener API on the wire: what listeners see, in which order, and what they never see. */
class EventListenerTest {
  static final String KEY = "sk-live-0123456789abcdefXYZ";
  static final String ITEM = "{\"id\":\"it-1\",\"primary_field\":\"Acme\"}";

  RawHttpServer server;
  Recorder sleeper;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
    sleeper = new Recorder();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Records every event, and its name in order. */
  static final class Recording implements EventListener {
    final List<String> names = Collections.synchronizedList(new ArrayList<>());
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());

    private void add(String name, Object event) {
      names.add(name);
      events.add(event);
    }

    <T> List<T> of(Class<T> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
      }
    }

    @Override
    public void callStart(CallStart call) {
      add("callStart", call);
    }

    @Override
    public void attemptStart(AttemptStart attempt) {
      add("attemptStart", attempt);
    }

    @Override
    public void poolWait(PoolWait wait) {
      add("poolWait", wait);
    }

    @Override
    public void attemptEnd(AttemptEnd attempt) {
      add("attemptEnd", attempt);
    }

    @Override
    public void retryScheduled(RetryScheduled retry) {
      add("retryScheduled", retry);
    }

    @Override
    public void circuitBreakerTransition(CircuitBreakerTransition transition) {
      add("circuitBreakerTransition", transition);
    }

    @Override
    public void decodeFailure(DecodeFailure failure) {
      add("decodeFailure", failure);
    }

    @Override
    public void callEnd(CallEnd call) {
      add("callEnd", call);
    }
  }

  private ServiceformClient.Builder builder(Transport transport, EventListener listener) {
    return ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl()).transport(transport).sleeper(sleeper)
        .addEventListener(listener);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallIsReportedInOrderWithItsTemplateStatusBytesAndRequestId(Transport transport) {
    server.handler(r -> new RawHttpServer.Reply(200, Map.of("Content-Type", "application/json",
        "X-Request-Id", "req-42"), ITEM));
    Recording events = new Recording();
    try (ServiceformClient client = builder(transport, events).build()) {
      client.flex().getItem("sp 1", "it-1");
    }
    assertEquals(List.of("callStart", "attemptStart", "poolWait", "attemptEnd", "callEnd"), events.names);
    CallStart call = events.of(CallStart.class).get(0);
    assertEquals("getItem", call.operationId());
    assertEquals("GET", call.method());
    assertEquals("/flex/spaces/{spaceId}/items/{itemId}", call.urlTemplate());
    assertEquals(server.baseUrl() + "/flex/spaces/sp%201/items/it-1", call.url());
    assertEquals("127.0.0.1", call.serverAddress());
    assertTrue(call.retrySafe());
    assertFalse(call.streaming());
    assertFalse(call.requestBody().isPresent(), "no bodies unless asked for");

    AttemptEnd attempt = events.of(AttemptEnd.class).get(0);
    assertEquals(1, attempt.attempt());
    assertEquals(Outcome.SUCCESS, attempt.outcome());
    assertEquals(200, attempt.statusCode());
    assertEquals(ITEM.length(), attempt.responseBytes());
    assertEquals(0, attempt.requestBytes());
    assertEquals("req-42", attempt.requestId().orElseThrow());
    assertEquals(List.of("req-42"), attempt.responseHeaders().get("x-request-id"));
    assertFalse(attempt.responseBody().isPresent());
    assertFalse(events.of(PoolWait.class).get(0).timedOut());

    CallEnd end = events.of(CallEnd.class).get(0);
    assertEquals(Outcome.SUCCESS, end.outcome());
    assertEquals(200, end.statusCode());
    assertEquals(1, end.attempts());
    assertEquals("req-42", end.requestId().orElseThrow());
    assertFalse(end.error().isPresent());
    assertFalse(end.errorType().isPresent());
    assertTrue(end.duration().compareTo(attempt.duration()) >= 0);
    assertTrue(end.call() == call, "every event of a call carries the same CallStart");
  }

  @Test
  void retriesSayWhyAndHowLongAndWhetherTheServerAskedForTheDelay() {
    AtomicInteger seen = new AtomicInteger();
    server.handler(r -> {
      switch (seen.incrementAndGet()) {
        case 1:
          return new RawHttpServer.Reply(503, Map.of("Retry-After", "2"), "{}");
        case 2:
          return new RawHttpServer.Reply(502, Map.of(), "{}");
        default:
          return RawHttpServer.Reply.json(200, "[]");
      }
    });
    Recording events = new Recording();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).build()) {
      client.flex().listSpaces();
    }
    List<RetryScheduled> retries = events.of(RetryScheduled.class);
    assertEquals(2, retries.size());
    assertEquals("503", retries.get(0).reason());
    assertEquals(DelaySource.RETRY_AFTER, retries.get(0).delaySource());
    assertEquals(Duration.ofSeconds(2), retries.get(0).delay());
    assertEquals(1, retries.get(0).failedAttempt());
    assertEquals("502", retries.get(1).reason());
    assertEquals(DelaySource.BACKOFF, retries.get(1).delaySource());
    assertEquals(sleeper.waits.get(1), retries.get(1).delay(), "the delay reported is the one waited");
    List<AttemptEnd> attempts = events.of(AttemptEnd.class);
    assertEquals(List.of(Outcome.SERVER_ERROR, Outcome.SERVER_ERROR, Outcome.SUCCESS),
        attempts.stream().map(AttemptEnd::outcome).collect(Collectors.toList()));
    assertEquals("503", attempts.get(0).errorType().orElseThrow());
    CallEnd end = events.of(CallEnd.class).get(0);
    assertEquals(3, end.attempts());
    assertEquals(Outcome.SUCCESS, end.outcome());
    assertEquals(List.of("callStart", "attemptStart", "poolWait", "attemptEnd", "retryScheduled", "attemptStart",
        "poolWait", "attemptEnd", "retryScheduled", "attemptStart", "poolWait", "attemptEnd", "callEnd"), events.names);
  }

  @Test
  void aFailedCallEndsWithItsOutcomeErrorTypeAndRequestId() {
    server.handler(r -> new RawHttpServer.Reply(404, Map.of("Request-Id", "abc-1"), "{\"error\":\"gone\"}"));
    Recording events = new Recording();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).build()) {
      NotFoundException e = assertThrows(NotFoundException.class, () -> client.flex().getItem("sp", "it"));
      assertEquals("abc-1", e.requestId().orElseThrow());
    }
    CallEnd end = events.of(CallEnd.class).get(0);
    assertEquals(Outcome.CLIENT_ERROR, end.outcome());
    assertEquals(404, end.statusCode());
    assertEquals("404", end.errorType().orElseThrow());
    assertEquals("abc-1", end.requestId().orElseThrow());
    assertTrue(end.error().orElseThrow() instanceof NotFoundException);
  }

  @Test
  void aBodyThatIsNotTheDocumentedJsonIsADecodeFailure() {
    server.handler(r -> new RawHttpServer.Reply(200, Map.of("Content-Type", "text/html", "x-amzn-RequestId", "aws-7"),
        "<html>maintenance</html>"));
    Recording events = new Recording();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).build()) {
      ResponseDecodeException e = assertThrows(ResponseDecodeException.class, () -> client.flex().getItem("sp", "it"));
      assertEquals("aws-7", e.requestId().orElseThrow(), "decode failures carry the request id too");
    }
    assertEquals(List.of("callStart", "attemptStart", "poolWait", "attemptEnd", "decodeFailure", "callEnd"), events.names);
    CallEnd end = events.of(CallEnd.class).get(0);
    assertEquals(Outcome.DECODE_ERROR, end.outcome());
    assertEquals(200, end.statusCode());
    assertEquals(ResponseDecodeException.class.getName(), end.errorType().orElseThrow());
  }

  @Test
  void aStreamingCallEndsAtItsResponseHeaders() throws Exception {
    server.handler(r -> RawHttpServer.Reply.json(200, "[" + ITEM + "," + ITEM + "]"));
    Recording events = new Recording();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).build();
        StreamingResponse<Item> items = client.streamItemsWithHttpInfo("sp")) {
      assertEquals(List.of("callStart", "attemptStart", "poolWait", "attemptEnd", "callEnd"), events.names,
          "ended before any element is read");
      assertTrue(events.of(CallStart.class).get(0).streaming());
      assertEquals(-1, events.of(AttemptEnd.class).get(0).responseBytes(), "a streamed body is not read yet");
      assertEquals(2, items.stream().count());
    }
  }

  @Test
  void aListenerThatThrowsNeverBreaksTheCallAndIsLoggedOnceWithoutTheKey() {
    Logger logger = (Logger) LoggerFactory.getLogger("com.serviceform.sdk.events");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    EventListener throwing = new EventListener() {
      @Override
      public void callStart(CallStart call) {
        throw new IllegalStateException("boom " + KEY);
      }

      @Override
      public void attemptStart(AttemptStart attempt) {
        throw new IllegalStateException("boom again");
      }

      @Override
      public void callEnd(CallEnd call) {
        throw new IllegalStateException("and again");
      }
    };
    Recording after = new Recording();
    server.handler(r -> RawHttpServer.Reply.json(200, ITEM));
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .addEventListener(throwing).addEventListener(after).build()) {
      assertEquals("it-1", client.flex().getItem("sp", "it").getId());
      assertEquals("it-1", client.flex().getItem("sp", "it").getId());
    } finally {
      logger.detachAppender(appender);
    }
    assertEquals(2, after.of(CallEnd.class).size(), "the next listener still sees every event");
    assertEquals(1, appender.list.size(), appender.list.toString());
    ILoggingEvent warning = appender.list.get(0);
    assertEquals(ch.qos.logback.classic.Level.WARN, warning.getLevel());
    assertTrue(warning.getFormattedMessage().contains("callStart"), warning.getFormattedMessage());
    assertFalse(warning.getFormattedMessage().contains(KEY.substring(0, 12)));
    assertFalse(warning.getThrowableProxy().getMessage().contains(KEY.substring(0, 12)));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void listenersAddHeadersToEachAttemptButNeverTheKeyOrTheClientsOwn(Transport transport) {
    server.handler(r -> RawHttpServer.Reply.json(200, "[]"));
    EventListener tracing = new EventListener() {
      @Override
      public void addRequestHeaders(AttemptStart attempt, RequestHeaders headers) {
        headers.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0" + attempt.attempt());
        headers.set("sf-api-key", "stolen");
      }
    };
    EventListener userAgent = new EventListener() {
      @Override
      public void addRequestHeaders(AttemptStart attempt, RequestHeaders headers) {
        headers.set("Accept", "text/html");
      }
    };
    try (ServiceformClient client = builder(transport, tracing).addEventListener(userAgent).build()) {
      client.flex().listSpaces();
    }
    RawHttpServer.Recorded request = server.requests().get(0);
    assertEquals(List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), request.headerValues("traceparent"));
    assertEquals(List.of(KEY), request.headerValues("sf-api-key"), "the key is the client's own");
    assertEquals(List.of("application/json"), request.headerValues("Accept"));
    assertThrows(IllegalArgumentException.class, () -> new RequestHeaders().set("Content-Length", "1"));
    assertThrows(IllegalArgumentException.class, () -> new RequestHeaders().set("x-a", "line\r\nbreak"));
  }

  @Test
  void noEventHoldsTheKeyAndBodiesComeOnlyWhenAskedForRedacted() {
    // A server that echoes the key in a header and the body.
    server.handler(r -> new RawHttpServer.Reply(200, Map.of("Content-Type", "application/json", "X-Echo", KEY,
        "X-Request-Id", "id-" + KEY), "{\"id\":\"it-1\",\"primary_field\":\"" + KEY + "\"}"));
    Recording events = new Recording();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).eventBodies(true).build()) {
      client.flex().createItem("sp", new com.serviceform.sdk.model.ItemInput().primaryField("note " + KEY));
    }
    AttemptStart start = events.of(AttemptStart.class).get(0);
    assertEquals(List.of("<redacted>"), start.requestHeaders().get("sf-api-key"));
    assertTrue(start.requestBody().orElseThrow().contains("note <redacted>"), start.requestBody().toString());
    AttemptEnd end = events.of(AttemptEnd.class).get(0);
    assertEquals(List.of("<redacted>"), end.responseHeaders().get("x-echo"));
    assertTrue(end.responseBody().orElseThrow().contains("<redacted>"));
    for (Object event : events.events) {
      String text = event.toString();
      for (Object part : List.of(text, describe(event))) {
        assertFalse(String.valueOf(part).contains(KEY.substring(3, 15)), event.getClass().getSimpleName() + ": " + part);
      }
    }
  }

  /** Everything an event exposes, as text. */
  private static String describe(Object event) {
    StringBuilder out = new StringBuilder();
    for (java.lang.reflect.Method m : event.getClass().getMethods()) {
      if (m.getParameterCount() == 0 && m.getDeclaringClass() == event.getClass()) {
        try {
          out.append(m.getName()).append('=').append(m.invoke(event)).append('\n');
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out.toString();
  }

  @Test
  void breakerTransitionsReachTheListenerOnceEach() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T12:00:00Z"));
    AtomicInteger status = new AtomicInteger(503);
    server.handler(r -> new RawHttpServer.Reply(status.get(), Map.of(), status.get() == 200 ? "[]" : "{}"));
    Recording events = new Recording();
    CircuitBreakerConfig small = CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(1)
        .build();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5, events).clock(clock).circuitBreaker(small)
        .build()) {
      assertThrows(ServerException.class, () -> client.flex().listSpaces());
      assertThrows(com.serviceform.sdk.errors.CircuitOpenException.class, () -> client.flex().listSpaces());
      status.set(200);
      clock.advance(Duration.ofSeconds(31));
      client.flex().listSpaces();
    }
    List<String> transitions = events.of(CircuitBreakerTransition.class).stream()
        .map(t -> t.from() + "->" + t.to()).collect(Collectors.toList());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
    List<CallEnd> ends = events.of(CallEnd.class);
    // The second call's first attempt was the fourth failure: the breaker opened and refused its retry.
    assertEquals(Outcome.NOT_SENT, ends.get(1).outcome());
    assertEquals(1, ends.get(1).attempts());
    assertEquals(CircuitBreaker.State.OPEN, events.of(CircuitBreakerTransition.class).get(0).to());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void waitsForAPooledConnectionAreReportedAndSoAreTimeouts(Transport transport) throws Exception {
    server.handler(r -> RawHttpServer.Reply.json(200, "[" + ITEM + "]"));
    Recording events = new Recording();
    try (ServiceformClient client = builder(transport, events).maxConnections(1)
        .connectionAcquireTimeout(Duration.ofMillis(300)).build()) {
      try (StreamingResponse<Item> holding = client.streamItemsWithHttpInfo("sp")) {
        // The stream holds the only connection until it is closed.
        assertThrows(ConnectionPoolTimeoutException.class, () -> client.flex().listSpaces());
      }
      client.flex().listSpaces();
    }
    List<PoolWait> waits = events.of(PoolWait.class);
    assertEquals(3, waits.size(), waits.toString());
    assertFalse(waits.get(0).timedOut());
    assertTrue(waits.get(1).timedOut());
    // Generous: at least most of the 300 ms wait (timers may fire a little early), at most 10 s.
    assertTrue(waits.get(1).waited().toMillis() >= 250 && waits.get(1).waited().toMillis() < 10_000,
        waits.get(1).toString());
    assertFalse(waits.get(2).timedOut());
    CallEnd timedOut = events.of(CallEnd.class).get(1);
    assertEquals(Outcome.NOT_SENT, timedOut.outcome());
    assertNotNull(timedOut.error().orElseThrow());
  }

  @Test
  void aFactoryMakesOneListenerPerCall() {
    server.handler(r -> RawHttpServer.Reply.json(200, "[]"));
    List<CallStart> made = Collections.synchronizedList(new ArrayList<>());
    List<EventListener> instances = Collections.synchronizedList(new ArrayList<>());
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .addEventListenerFactory(call -> {
          made.add(call);
          EventListener listener = new EventListener() {};
          instances.add(listener);
          return listener;
        }).build()) {
      client.flex().listSpaces();
      client.leads().listLeads();
    }
    assertEquals(List.of("listSpaces", "listLeads"), made.stream().map(CallStart::operationId).collect(Collectors.toList()));
    assertTrue(instances.get(0) != instances.get(1));
  }
}
