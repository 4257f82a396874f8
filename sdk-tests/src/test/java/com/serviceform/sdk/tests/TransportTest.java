package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.ServerException;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each built-in transport does on the wire: reuse, HTTP/1.1, pool size, one attempt. */
class TransportTest {
  RawHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient.Builder builder(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).transport(transport);
  }

  private ServiceformClient client(Transport transport) {
    return builder(transport).build();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void connectionsAreReusedAcrossCallsAndErrors(Transport transport) {
    server.handler(r -> r.target.endsWith("/missing/items")
        ? RawHttpServer.Reply.json(404, "{\"error\":\"no such space\"}")
        : RawHttpServer.Reply.json(200, "[{\"id\":\"it-1\"}]"));
    try (ServiceformClient client = client(transport)) {
      for (int i = 0; i < 20; i++) {
        assertEquals("it-1", client.flex().listItems("sp-1").get(0).getId());
        assertThrows(NotFoundException.class, () -> client.flex().listItems("missing"));
      }
    }
    assertEquals(40, server.requests().size());
    assertEquals(1, server.connections(), "one connection for 40 sequential calls");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void plainHttpIsHttp11WithoutUpgradeAttempts(Transport transport) {
    server.handler(r -> RawHttpServer.Reply.json(200, "[]"));
    try (ServiceformClient client = client(transport)) {
      client.flex().listSpaces();
      client.chats().searchChats(new com.serviceform.sdk.model.ChatQuery().limit(1));
    }
    for (RawHttpServer.Recorded request : server.requests()) {
      assertEquals("HTTP/1.1", request.version);
      assertTrue(request.headerValues("Upgrade").isEmpty(), "no h2c upgrade");
      assertTrue(request.headerValues("HTTP2-Settings").isEmpty(), "no h2c settings");
      assertTrue(request.headerValues("Connection").stream().noneMatch(v -> v.toLowerCase().contains("upgrade")));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void sixtyFourCallersAreInFlightAtOnce(Transport transport) throws Exception {
    int callers = 64;
    CountDownLatch allArrived = new CountDownLatch(callers);
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    server.handler(r -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      allArrived.countDown();
      try {
        // Hold every request until all 64 are on the server at the same time.
        allArrived.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return RawHttpServer.Reply.json(200, "{\"id\":\"it-1\"}");
    });
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (ServiceformClient client = client(transport)) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> client.flex().getItem("sp-1", "it-1").getId()));
      }
      for (Future<String> result : results) {
        assertEquals("it-1", result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(callers, maxInFlight.get(), "all callers were served concurrently");
    assertEquals(callers, server.connections());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void oneAttemptMeansOneRequest(Transport transport) {
    server.handler(r -> RawHttpServer.Reply.json(503, "{}"));
    try (ServiceformClient client = builder(transport).retryPolicy(RetryPolicy.none()).build()) {
      assertThrows(ServerException.class, () -> client.flex().listSpaces());
    }
    assertEquals(1, server.requests().size());
  }

  @Test
  void aCallerSuppliedFeignClientIsUsedAndLeftOpen() {
    server.handler(r -> RawHttpServer.Reply.json(200, "[{\"id\":\"sp-1\"}]"));
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger closes = new AtomicInteger();
    class Counting implements Client, java.io.Closeable {
      final Client delegate = new Client.Default(null, null);

      @Override
      public Response execute(Request request, Request.Options options) throws IOException {
        calls.incrementAndGet();
        return delegate.execute(request, options);
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    }
    try (ServiceformClient client = ServiceformClient.builder().apiKey("custom-key")
        .baseUrl(server.baseUrl()).httpClient(new Counting()).build()) {
      assertEquals("sp-1", client.flex().listSpaces().get(0).getId());
    }
    assertEquals(1, calls.get());
    assertEquals(0, closes.get(), "the caller owns the client it passed in");
    assertEquals(List.of("custom-key"), server.requests().get(0).headerValues("sf-api-key"));
  }
}
