package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.model.Item;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code close()} ends the client: a call in flight, a call sleeping before a retry and an open
 * stream end within 100 ms with {@link ClientClosedException}; later calls fail the same way
 * before anything is sent; and a thousand clients created, used and closed leave threads and file
 * descriptors where they were.
 */
@Timeout(60)
class ClientCloseTest {
  private static final String ITEM = "{\"id\":\"it-1\",\"space_id\":\"sp-1\",\"primary_field\":\"Acme\"}";
  /** How soon after close() the caller must have its exception (the bound). */
  private static final long PROMPTLY_MILLIS = 100;

  HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient client(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).transport(transport).build();
  }

  /**
   * Runs {@code call} in another thread, closes the client once {@code ready} is counted down, and
   * returns how long after close() began the call ended, with the exception it ended with.
   */
  private static Object[] closeDuring(ServiceformClient client, CountDownLatch ready, Runnable call) throws Exception {
    AtomicLong ended = new AtomicLong();
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        call.run();
        return null;
      } catch (Throwable t) {
        return t;
      } finally {
        ended.set(System.nanoTime());
      }
    });
    assertTrue(ready.await(10, TimeUnit.SECONDS), "the call got going");
    Thread.sleep(50); // let it settle into its wait or read
    long closing = System.nanoTime();
    client.close();
    Throwable failure = outcome.get(10, TimeUnit.SECONDS);
    return new Object[] {TimeUnit.NANOSECONDS.toMillis(ended.get() - closing), failure};
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallSleepingBeforeARetryEndsWhenTheClientCloses(Transport transport) throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    server.script(c -> {
      while (c.read() != null) {
        c.respond(503, "{}", "Retry-After: 15");
        asked.countDown();
      }
    });
    ServiceformClient client = client(transport);
    Object[] result = closeDuring(client, asked, () -> client.flex().getItem("sp-1", "it-1"));
    ClientClosedException closed = assertInstanceOf(ClientClosedException.class, result[1]);
    assertTrue((long) result[0] < PROMPTLY_MILLIS, "ended " + result[0] + " ms after close()");
    assertEquals(1, closed.attempts());
    assertEquals(1, server.requests().size(), "no retry was sent after close");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallInFlightEndsWhenTheClientCloses(Transport transport) throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    server.script(c -> {
      c.read();
      asked.countDown();
      c.stall();
    });
    ServiceformClient client = client(transport);
    Object[] result = closeDuring(client, asked, () -> client.flex().getItem("sp-1", "it-1"));
    assertInstanceOf(ClientClosedException.class, result[1]);
    assertTrue((long) result[0] < PROMPTLY_MILLIS, "ended " + result[0] + " ms after close()");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anOpenStreamEndsWhenTheClientCloses(Transport transport) throws Exception {
    CountDownLatch streaming = new CountDownLatch(1);
    server.script(c -> {
      c.read();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      String start = "[" + ITEM + ",";
      c.write(Integer.toHexString(start.length()) + "\r\n" + start + "\r\n");
      c.stall();
    });
    ServiceformClient client = client(transport);
    Object[] result = closeDuring(client, streaming, () -> {
      try (Stream<Item> items = client.streamItems("sp-1")) {
        Iterator<Item> it = items.iterator();
        it.next();
        streaming.countDown();
        it.hasNext(); // blocks: the server sends nothing more
      }
    });
    assertInstanceOf(ClientClosedException.class, result[1]);
    assertTrue((long) result[0] < PROMPTLY_MILLIS, "ended " + result[0] + " ms after close()");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aClosedClientSendsNothing(Transport transport) {
    server.script(c -> {
      while (c.read() != null) {
        c.respond(200, ITEM);
      }
    });
    ServiceformClient client = client(transport);
    client.flex().getItem("sp-1", "it-1");
    client.close();
    int threads = Thread.activeCount();
    ClientClosedException e = assertThrows(ClientClosedException.class, () -> client.flex().getItem("sp-1", "it-1"));
    assertEquals(0, e.attempts());
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(ClientClosedException.class, () -> client.streamItems("sp-1"));
    assertEquals(1, server.requests().size(), "nothing reached the server after close()");
    assertTrue(Thread.activeCount() <= threads, "no thread was started for a refused call");
    client.close(); // idempotent
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aThousandClientsLeaveNoThreadsOrDescriptorsBehind(Transport transport) throws Exception {
    // Its own JVM: threads and descriptors of other tests would blur the count.
    try (HostileServer quiet = new HostileServer()) {
      quiet.script(c -> {
        while (c.read() != null) {
          c.respond(200, ITEM);
        }
      });
      List<String> command = List.of(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
          "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          ClientChurnMain.class.getName(), transport.name(), quiet.baseUrl(), "1000");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(50, TimeUnit.SECONDS), output);
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.contains("calls=1000"), output);
    }
  }

  static long openFileDescriptors() {
    File fds = new File("/proc/self/fd");
    String[] names = fds.list();
    return names == null ? -1 : names.length;
  }

  static long threadCount() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
