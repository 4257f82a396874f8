package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connections under pressure: a pool that is the limit is not a server failure, both transports
 * honour {@code maxConnections}, and a create is never lost to a keep-alive connection the server
 * had already closed.
 */
@Timeout(30)
class HostileConnectionsTest {
  private static final String ITEM = "{\"id\":\"it-1\",\"space_id\":\"sp-1\",\"primary_field\":\"Acme\"}";

  HostileServer server;
  Recorder sleeper;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
    sleeper = new Recorder();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Answers every request on the connection after {@code millis}. */
  private void slowServer(long millis) {
    server.script(c -> {
      while (c.read() != null) {
        Thread.sleep(millis);
        c.respond(200, ITEM);
      }
    });
  }

  private static List<Throwable> concurrently(int calls, java.util.concurrent.Callable<Object> call) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(calls);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(callers.submit(call));
      }
      List<Throwable> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        try {
          future.get();
          outcomes.add(null);
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      return outcomes;
    } finally {
      callers.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void manyCallsOnAFewConnectionsQueueAndAllSucceed(Transport transport) throws Exception {
    slowServer(20);
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).maxConnections(4).sleeper(sleeper).build()) {
      List<Throwable> outcomes = concurrently(200, () -> client.flex().getItem("sp-1", "it-1"));
      assertEquals(200, outcomes.stream().filter(o -> o == null).count(), "every call succeeded: " + outcomes.stream()
          .filter(o -> o != null).findFirst().map(Throwable::toString).orElse(""));
      assertEquals(200, server.requests().size());
      assertTrue(server.mostOpen() <= 4, "at most maxConnections at once: " + server.mostOpen());
      assertEquals(CircuitBreaker.State.CLOSED, client.resilience().circuitBreaker().orElseThrow().getState());
      assertTrue(sleeper.waits.isEmpty(), "nothing was retried");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void waitingForAPooledConnectionIsNotAServerFailure(Transport transport) throws Exception {
    slowServer(400);
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).maxConnections(2).connectionAcquireTimeout(Duration.ofMillis(100))
        .sleeper(sleeper).build()) {
      List<Throwable> outcomes = concurrently(12, () -> client.flex().getItem("sp-1", "it-1"));
      long succeeded = outcomes.stream().filter(o -> o == null).count();
      assertTrue(succeeded >= 2, "the calls that got a connection succeeded: " + succeeded);
      for (Throwable outcome : outcomes) {
        if (outcome != null) {
          ConnectionPoolTimeoutException pool = assertInstanceOf(ConnectionPoolTimeoutException.class, outcome);
          assertEquals(2, pool.maxConnections());
          assertEquals(0, pool.attempts() - 1, "one attempt, not retried");
          assertTrue(pool.getMessage().contains("maxConnections"), "says how to raise it: " + pool.getMessage());
        }
      }
      assertEquals(succeeded, server.requests().size(), "a call that got no connection sent nothing");
      assertTrue(server.mostOpen() <= 2, "at most maxConnections at once: " + server.mostOpen());
      CircuitBreaker breaker = client.resilience().circuitBreaker().orElseThrow();
      assertEquals(0, breaker.getMetrics().getNumberOfFailedCalls(), "the breaker recorded no failure");
      assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
      assertTrue(sleeper.waits.isEmpty(), "pool timeouts are not retried");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCreateAfterTheServerClosedAKeepAliveConnectionIsSentExactlyOnce(Transport transport) throws Exception {
    AtomicInteger connection = new AtomicInteger();
    server.script(c -> {
      if (connection.incrementAndGet() == 1) {
        // Answers one request and closes (FIN) without saying "Connection: close".
        c.read();
        c.respond(200, ITEM);
        return;
      }
      while (c.read() != null) {
        c.respond(200, ITEM);
      }
    });
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).sleeper(sleeper).build()) {
      assertNotNull(client.flex().getItem("sp-1", "it-1"));
      // Let the server's FIN arrive before the next request is written.
      assertTrue(server.awaitQuiet(2_000));
      Item created = client.flex().createItem("sp-1", new ItemInput().primaryField("Acme"));
      assertEquals("it-1", created.getId());
    }
    long posts = server.requests().stream().filter(r -> r.method.equals("POST")).count();
    assertEquals(1, posts, "the create reached the server exactly once");
    assertTrue(sleeper.waits.isEmpty(), "and needed no retry with backoff");
  }
}
