package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ResponseTooLargeException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.retry.RetryPolicy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Memory and time against a server that lies about lengths, sends for ever, stalls or dribbles:
 * memory is bounded by configuration, never by what the server declares or sends; every body read
 * is bounded by the read timeout; closing a body early ends the exchange at once (the server's
 * writer finds the connection gone). On both built-in transports, each test bounded in time.
 */
@Timeout(20)
class HostileBodiesTest {
  private static final String ITEM = "{\"id\":\"it-1\",\"space_id\":\"sp-1\",\"primary_field\":\"Acme\"}";
  /** More than any socket buffers on loopback: a client that kept reading would see far more. */
  private static final long STOPPED_EARLY = 16L * 1024 * 1024;

  HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient.Builder client(Transport transport) {
    return ServiceformClient.builder().apiKey("the-key").baseUrl(server.baseUrl()).transport(transport)
        .retryPolicy(RetryPolicy.none());
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aDeclaredLengthBeyondTheCapFailsBeforeReading(Transport transport) {
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n{");
      c.stall();
    });
    try (ServiceformClient client = client(transport).build()) {
      ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
          () -> client.flex().getItem("sp-1", "it-1"));
      assertEquals(ServiceformClient.DEFAULT_MAX_RESPONSE_BYTES, e.maxResponseBytes());
      assertTrue(e.getMessage().contains("streamItems"), "points to the streaming API: " + e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aLyingContentLengthAllocatesOnlyWhatArrives(Transport transport) {
    // With the cap out of the way, only the bytes that arrive may cost memory: 2 GB declared, 1 sent.
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n{");
    });
    try (ServiceformClient client = client(transport).maxResponseBytes(Long.MAX_VALUE).build()) {
      client.flex().listSpaces().size(); // warm up: class loading is not the body's allocation
    } catch (ServiceformException expected) {
      // The same lie answered the warm-up.
    }
    try (ServiceformClient client = client(transport).maxResponseBytes(Long.MAX_VALUE).build()) {
      long before = allocatedByThisThread();
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().getItem("sp-1", "it-1"));
      long allocated = allocatedByThisThread() - before;
      assertTrue(allocated < 4L * 1024 * 1024, "the call allocated " + allocated + " bytes for a 1-byte body: " + e);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEndlessSuccessBodyEndsAtTheCapAndTheConnectionIsDropped(Transport transport) throws Exception {
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.endlessChunks("[", (byte) ' ');
    });
    try (ServiceformClient client = client(transport).maxResponseBytes(1024 * 1024).build()) {
      long start = System.nanoTime();
      ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> client.flex().listSpaces());
      assertEquals(200, e.statusCode());
      assertEquals(1024 * 1024, e.maxResponseBytes());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
    }
    assertTrue(server.awaitQuiet(5_000), "the server's writer saw the connection dropped");
    assertTrue(server.written() < STOPPED_EARLY, "the client stopped reading: " + server.written() + " bytes sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEndlessErrorBodyIsCutAndTheConnectionDropped(Transport transport) throws Exception {
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.endlessChunks("", (byte) 'x');
    });
    // Without a call timeout nothing else would stop a drain.
    try (ServiceformClient client = client(transport).callTimeout(null).build()) {
      long start = System.nanoTime();
      ServerException e = assertThrows(ServerException.class, () -> client.leads().listLeads());
      assertTrue(e.body().length() <= ServerException.MAX_BODY_CHARS);
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
    }
    assertTrue(server.awaitQuiet(5_000), "the server's writer saw the connection dropped");
    assertTrue(server.written() < STOPPED_EARLY, "the rest was not read: " + server.written() + " bytes sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aFiftyMegabyteErrorBodyIsNotReadWhole(Transport transport) throws Exception {
    long fifty = 50L * 1024 * 1024;
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 503 Busy\r\nContent-Type: text/plain\r\nContent-Length: " + fifty + "\r\n\r\n");
      c.body(fifty, (byte) 'x');
    });
    try (ServiceformClient client = client(transport).build()) {
      assertThrows(ServerException.class, () -> client.leads().listLeads());
    }
    assertTrue(server.awaitQuiet(5_000));
    assertTrue(server.written() < STOPPED_EARLY, server.written() + " bytes sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void closingAStreamAfterItsFirstElementEndsTheExchangeAtOnce(Transport transport) throws Exception {
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.endlessChunks("[" + ITEM + ",", (byte) ' ');
    });
    try (ServiceformClient client = client(transport).callTimeout(null).build()) {
      Stream<Item> items = client.streamItems("sp-1");
      Iterator<Item> it = items.iterator();
      assertEquals("it-1", it.next().getId());
      long start = System.nanoTime();
      items.close();
      long closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(closeMillis < 500, "close took " + closeMillis + " ms");
    }
    assertTrue(server.awaitQuiet(5_000), "the server's writer saw the connection dropped");
    assertTrue(server.written() < STOPPED_EARLY, server.written() + " bytes sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aStreamThatStallsMidBodyEndsAtTheReadTimeout(Transport transport) {
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      String start = "[" + ITEM + ",";
      c.write(Integer.toHexString(start.length()) + "\r\n" + start + "\r\n");
      c.stall();
    });
    try (ServiceformClient client = client(transport).callTimeout(null).readTimeout(Duration.ofMillis(300)).build();
        Stream<Item> items = client.streamItems("sp-1")) {
      Iterator<Item> it = items.iterator();
      assertEquals("it-1", it.next().getId());
      long start = System.nanoTime();
      ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class, it::hasNext);
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(waited >= 250 && waited < 5_000, "waited " + waited + " ms for a 300 ms read timeout");
      assertTrue(!e.isCallTimeout());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aDribbledBodyIsBoundedByTheCallTimeout(Transport transport) {
    server.script(c -> {
      c.read();
      String body = "[" + ITEM + "]";
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n");
      for (byte b : body.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        c.write(new byte[] {b});
        Thread.sleep(100);
      }
    });
    try (ServiceformClient client = client(transport).callTimeout(Duration.ofSeconds(1)).build()) {
      long start = System.nanoTime();
      ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class,
          () -> client.flex().listItems("sp-1"));
      long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(e.isCallTimeout(), "the call timeout, not a read timeout: " + e);
      assertTrue(took >= 900 && took < 3_000, "ended after " + took + " ms");
      assertInstanceOf(ServiceformIOException.class, e);
    }
  }
}
