package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.CircuitOpenException;
import com.serviceform.sdk.errors.ClientRateLimitException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.retry.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Retry-After, the key on every attempt, deadlines, the breaker and the rate limiter, on the wire. */
class ResilienceTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  RawHttpServer server;
  Recorder sleeper;
  MutableClock clock;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
    sleeper = new Recorder();
    clock = new MutableClock(NOW);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient.Builder builder(Transport transport) {
    return ServiceformClient.builder().apiKey("the-key").baseUrl(server.baseUrl()).transport(transport)
        .sleeper(sleeper).clock(clock);
  }

  /** Answers {@code first} to the first {@code n} requests, then 200 with {@code ok}. */
  private void failFirst(int n, RawHttpServer.Reply first, String ok) {
    AtomicInteger seen = new AtomicInteger();
    server.handler(r -> seen.incrementAndGet() <= n ? first : RawHttpServer.Reply.json(200, ok));
  }

  private static RawHttpServer.Reply status(int status, String retryAfter) {
    return new RawHttpServer.Reply(status, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), "{}");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retryAfterInSecondsIsHonoured(Transport transport) {
    failFirst(1, status(429, "7"), "[]");
    try (ServiceformClient client = builder(transport).build()) {
      client.flex().listSpaces();
    }
    assertEquals(2, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retryAfterAsAnHttpDateIsHonoured(Transport transport) {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atZone(ZoneOffset.UTC));
    failFirst(1, status(503, date), "[]");
    try (ServiceformClient client = builder(transport).build()) {
      client.leads().listLeads();
    }
    assertEquals(2, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retryAfterBeyondTheCapFailsAtOnce(Transport transport) {
    failFirst(1, status(429, "120"), "[]");
    try (ServiceformClient client = builder(transport).build()) {
      RateLimitException e = assertThrows(RateLimitException.class, () -> client.flex().listSpaces());
      assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
      assertEquals(1, e.attempts());
    }
    assertEquals(1, server.requests().size());
    assertTrue(sleeper.waits.isEmpty());

    failFirst(1, status(429, "120"), "[]");
    try (ServiceformClient client = builder(transport).callTimeout(Duration.ofMinutes(10))
        .retryPolicy(RetryPolicy.custom().maxRetryAfter(Duration.ofMinutes(5)).build()).build()) {
      client.flex().listSpaces();
    }
    assertEquals(List.of(Duration.ofSeconds(120)), sleeper.waits, "a larger cap waits it out");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRetryAfterTooLargeToHoldFailsAtOnceLikeAnyValueBeyondTheCap(Transport transport) {
    for (String overflow : List.of("99999999999", "99999999999999999999")) {
      server.requests();
      failFirst(1, status(503, overflow), "[]");
      try (ServiceformClient client = builder(transport).build()) {
        ServerException e = assertThrows(ServerException.class, () -> client.flex().listSpaces(), overflow);
        assertEquals(1, e.attempts(), overflow);
      }
      assertTrue(sleeper.waits.isEmpty(), "no wait, no backoff for " + overflow + ": " + sleeper.waits);
    }
    assertEquals(2, server.requests().size(), "one request for each, never retried");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void garbageRetryAfterFallsBackToBackoff(Transport transport) {
    failFirst(1, status(429, "soon-ish"), "[]");
    try (ServiceformClient client = builder(transport).build()) {
      client.flex().listSpaces();
    }
    assertEquals(2, server.requests().size());
    assertEquals(1, sleeper.waits.size());
    assertTrue(sleeper.waits.get(0).toMillis() <= 500, "full jitter under the 500 ms base: " + sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void createItemIsRetriedOn429WithRetryAfter(Transport transport) {
    failFirst(2, status(429, "1"), "{\"id\":\"it-9\"}");
    try (ServiceformClient client = builder(transport).build()) {
      assertEquals("it-9", client.flex().createItem("sp", new ItemInput().primaryField("p")).getId());
    }
    assertEquals(3, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theKeyIsSentExactlyOnceOnEveryAttempt(Transport transport) {
    failFirst(2, status(503, null), "[]");
    try (ServiceformClient client = builder(transport).build()) {
      client.chats().searchChats(new com.serviceform.sdk.model.ChatQuery().limit(1));
    }
    assertEquals(3, server.requests().size());
    for (RawHttpServer.Recorded request : server.requests()) {
      assertEquals(List.of("the-key"), request.headerValues("sf-api-key"));
      assertEquals("{\"limit\":1}", request.bodyText());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void createItemIsRetriedWhenTheConnectionWasRefused(Transport transport) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    AtomicReference<RawHttpServer> late = new AtomicReference<>();
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl("http://127.0.0.1:" + port)
        .transport(transport).sleeper(wait -> {
          // Nothing listened for the first attempt; the server comes up during the backoff.
          if (late.get() == null) {
            try {
              late.set(new RawHttpServer(port));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            late.get().handler(r -> RawHttpServer.Reply.json(200, "{\"id\":\"it-1\"}"));
          }
        }).build()) {
      assertEquals("it-1", client.flex().createItem("sp", new ItemInput().primaryField("p")).getId());
    } finally {
      if (late.get() != null) {
        late.get().close();
      }
    }
    assertEquals(1, late.get().requests().size(), "created exactly once");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theCallTimeoutBoundsASlowDribblingServer(Transport transport) {
    server.handler(r -> RawHttpServer.Reply.json(200, "[" + "{\"id\":\"x\"},".repeat(300) + "{\"id\":\"y\"}]")
        .dribble(5));
    Duration callTimeout = Duration.ofMillis(600);
    try (ServiceformClient client = builder(transport).readTimeout(Duration.ofSeconds(5))
        .callTimeout(callTimeout).build()) {
      long start = System.nanoTime();
      ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class, () -> client.flex().listSpaces());
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.isCallTimeout(), e.getMessage());
      assertTrue(tookMillis >= 600 && tookMillis < 1_100, "ended " + tookMillis + " ms after the start");
      assertTrue(e.getMessage().contains("call timeout of 600 ms"), e.getMessage());
    }
    assertEquals(1, server.requests().size(), "a call timeout is not retried");
  }

  /** Fake time for deadlines: the sleeper moves it, and so can the server while it "works". */
  private final java.util.concurrent.atomic.AtomicLong fakeNanos = new java.util.concurrent.atomic.AtomicLong();

  private ServiceformClient.Builder onFakeTime(Transport transport) {
    return builder(transport)
        .ticker(fakeNanos::get)
        .sleeper(wait -> {
          sleeper.sleep(wait);
          fakeNanos.addAndGet(wait.toNanos());
        });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aBackoffThatWouldPassTheDeadlineIsNotStarted(Transport transport) {
    // Each 503 asks for exactly 1 s: attempts at 0, 1, 2 and 3 s; a fifth would start at 4 s,
    // past the 3.5 s deadline, so the call ends after the fourth with its 503.
    server.handler(r -> status(503, "1"));
    try (ServiceformClient client = onFakeTime(transport)
        .retryPolicy(RetryPolicy.custom().maxAttempts(10).build()).callTimeout(Duration.ofMillis(3_500)).build()) {
      ServerException e = assertThrows(ServerException.class, () -> client.flex().listSpaces());
      assertEquals(4, e.attempts());
    }
    assertEquals(4, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anAttemptThatEndsPastTheDeadlineEndsTheCallAsACallTimeout(Transport transport) {
    // Each attempt "takes" 1.5 s of fake time before its 503; waits are 1 s. Attempt 1 ends at
    // 1.5 s, the wait to 2.5 s fits the 3.5 s deadline, attempt 2 ends at 4 s: past it.
    server.handler(r -> {
      fakeNanos.addAndGet(Duration.ofMillis(1_500).toNanos());
      return status(503, "1");
    });
    try (ServiceformClient client = onFakeTime(transport)
        .retryPolicy(RetryPolicy.custom().maxAttempts(10).build()).callTimeout(Duration.ofMillis(3_500)).build()) {
      ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class, () -> client.flex().listSpaces());
      assertTrue(e.isCallTimeout(), e.getMessage());
      assertEquals(2, e.attempts());
      assertTrue(e.getCause() instanceof ServerException, "the last failure is kept: " + e.getCause());
      assertTrue(e.getMessage().contains("3500 ms"), e.getMessage());
    }
    assertEquals(2, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallTimeoutSetForOneViewBoundsOnlyItsCalls(Transport transport) {
    server.handler(r -> status(503, "1"));
    try (ServiceformClient client = onFakeTime(transport)
        .retryPolicy(RetryPolicy.custom().maxAttempts(10).build()).callTimeout(Duration.ofMillis(3_500)).build()) {
      ServiceformClient patient = client.withOptions(com.serviceform.sdk.RequestOptions.builder()
          .callTimeout(Duration.ofMillis(5_500)).build());
      assertEquals(6, assertThrows(ServerException.class, () -> patient.flex().listSpaces()).attempts());
      assertEquals(4, assertThrows(ServerException.class, () -> client.flex().listSpaces()).attempts());
    }
  }

  private static CircuitBreakerConfig smallBreaker() {
    return CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(1).build();
  }

  @Test
  void theBreakerStaysClosedOn4xx() {
    server.handler(r -> status(404, null));
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).circuitBreaker(smallBreaker()).build()) {
      for (int i = 0; i < 30; i++) {
        assertThrows(NotFoundException.class, () -> client.flex().getItem("s", "gone"));
      }
      assertEquals(CircuitBreaker.State.CLOSED, client.resilience().circuitBreaker().orElseThrow().getState());
    }
    assertEquals(30, server.requests().size());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theBreakerOpensOn5xxFailsFastAndRecovers(Transport transport) {
    AtomicReference<RawHttpServer.Reply> reply = new AtomicReference<>(status(500, null));
    server.handler(r -> reply.get());
    try (ServiceformClient client = builder(transport).retryPolicy(RetryPolicy.none())
        .circuitBreaker(smallBreaker()).build()) {
      CircuitBreaker breaker = client.resilience().circuitBreaker().orElseThrow();
      for (int i = 0; i < 4; i++) {
        assertThrows(ServerException.class, () -> client.flex().listSpaces());
      }
      assertEquals(CircuitBreaker.State.OPEN, breaker.getState());

      CircuitOpenException open = assertThrows(CircuitOpenException.class, () -> client.flex().listSpaces());
      assertEquals(0, open.attempts());
      assertEquals(4, server.requests().size(), "fails fast without a request");

      reply.set(RawHttpServer.Reply.json(200, "[]"));
      clock.advance(Duration.ofSeconds(31));
      assertEquals(0, client.flex().listSpaces().size(), "half-open lets a probe through");
      assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
      assertEquals(5, server.requests().size());
    }
  }

  @Test
  void anOpenBreakerIsNotRetriedAndIOFailuresOpenIt() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl("http://127.0.0.1:" + closedPort)
        .sleeper(sleeper).circuitBreaker(smallBreaker()).retryPolicy(RetryPolicy.custom().maxAttempts(10).build())
        .build()) {
      CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> client.flex().listSpaces());
      assertEquals(4, e.attempts(), "four refused connections opened it; the fifth attempt failed fast");
      assertTrue(e.getCause() instanceof ServiceformIOException);
      assertEquals(4, sleeper.waits.size());
    }
  }

  @Test
  void theBreakerCanBeTurnedOff() {
    server.handler(r -> status(500, null));
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).retryPolicy(RetryPolicy.none())
        .circuitBreaker(null).build()) {
      for (int i = 0; i < 25; i++) {
        assertThrows(ServerException.class, () -> client.flex().listSpaces());
      }
      assertFalse(client.resilience().circuitBreaker().isPresent());
    }
    assertEquals(25, server.requests().size());
  }

  @Test
  void theRateLimiterKeepsTheClientUnderItsLimit() {
    server.handler(r -> RawHttpServer.Reply.json(200, "[]"));
    RateLimiterConfig twoPerHour = RateLimiterConfig.custom().limitForPeriod(2)
        .limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build();
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).rateLimiter(twoPerHour).build()) {
      client.flex().listSpaces();
      client.leads().listLeads();
      ClientRateLimitException e = assertThrows(ClientRateLimitException.class, () -> client.flex().listSpaces());
      assertEquals(0, e.attempts());
      assertTrue(client.resilience().rateLimiter().isPresent());
    }
    assertEquals(2, server.requests().size());
  }

  @Test
  void theRateLimiterIsOffByDefault() {
    try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).build()) {
      assertFalse(client.resilience().rateLimiter().isPresent());
      assertTrue(client.resilience().circuitBreaker().isPresent());
    }
  }

  @Test
  void retriesAndBreakerTransitionsAreLoggedWithoutTheKey() {
    Logger retryLogger = (Logger) LoggerFactory.getLogger("com.serviceform.sdk.retry");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    retryLogger.addAppender(appender);
    retryLogger.setLevel(Level.DEBUG);
    retryLogger.setAdditive(false);
    try {
      AtomicReference<RawHttpServer.Reply> reply = new AtomicReference<>(status(503, null));
      server.handler(r -> reply.get());
      try (ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).circuitBreaker(smallBreaker()).build()) {
        assertThrows(ServerException.class, () -> client.flex().listSpaces());
        // Three failed attempts plus this call's first make four: the breaker opens mid-call.
        assertThrows(CircuitOpenException.class, () -> client.flex().listSpaces());
        reply.set(RawHttpServer.Reply.json(200, "[]"));
        clock.advance(Duration.ofSeconds(31));
        client.flex().listSpaces();
        client.flex().listSpaces();
      }
    } finally {
      retryLogger.detachAppender(appender);
      retryLogger.setLevel(null);
      retryLogger.setAdditive(true);
    }
    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("retrying listSpaces (attempt 1 failed: HTTP 503) in ")), lines.toString());
    List<String> transitions = lines.stream().filter(l -> l.startsWith("circuit breaker ")).toList();
    assertEquals(List.of("circuit breaker 'serviceform': from CLOSED to OPEN",
        "circuit breaker 'serviceform': from OPEN to HALF_OPEN",
        "circuit breaker 'serviceform': from HALF_OPEN to CLOSED"), transitions, "each transition once, in order");
    assertTrue(lines.stream().noneMatch(l -> l.contains("the-key")));
  }
}
