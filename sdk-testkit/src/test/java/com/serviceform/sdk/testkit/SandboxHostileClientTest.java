package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a hostile or broken client can make the in-process sandbox do, with a raw socket on
 * loopback: unknown methods, huge and slow bodies, many slow clients, malformed requests. Each test
 * is bounded in time; StandaloneJarIT repeats the main ones against the standalone jar.
 */
class SandboxHostileClientTest {
  static final Duration READ = Duration.ofSeconds(10);
  static ServiceformSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: " + ServiceformSandbox.DEFAULT_API_KEY + "\r\n\r\n";
  }

  static RawSocket.Response health(int port) throws IOException {
    try (RawSocket socket = new RawSocket(port, READ)) {
      return socket.send(get("/__sandbox/health")).read();
    }
  }

  /** Headers promising 1000 bytes of body, then 10 of them. */
  static RawSocket slowUpload(int port) throws IOException {
    RawSocket socket = new RawSocket(port, READ);
    socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: " + ServiceformSandbox.DEFAULT_API_KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"limit\":1");
    return socket;
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anUnknownMethodIs501AndIsNotEchoed() throws IOException {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      RawSocket.Response response = socket.send("BREW /flex/spaces HTTP/1.1\r\nHost: sandbox\r\n\r\n").read();

      assertEquals(501, response.status);
      assertEquals("{\"error\":\"the sandbox implements the methods of HTTP/1.1 only\"}", response.body);
      assertFalse(response.all().contains("BREW"), response.all());
      assertEquals("close", response.header("Connection"));
      assertTrue(socket.closedByServer());
    }
    String tenKilobytes = "BREW".repeat(2560);
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      RawSocket.Response response = socket.send(tenKilobytes + " /flex/spaces HTTP/1.1\r\nHost: sandbox\r\n\r\n").read();

      assertEquals(501, response.status);
      assertFalse(response.all().contains("BREW"), response.all());
      assertTrue(response.all().length() < 300, response.all());
    }
    assertEquals(200, health(sandbox.port()).status);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDeclaredBodyOverTheLimitIs413BeforeAnyOfItIsSent() throws IOException {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      RawSocket.Response response = socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: sandbox-key\r\n"
          + "Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n").read();

      assertEquals(413, response.status);
      assertEquals("{\"error\":\"the body is larger than the sandbox accepts (1048576 bytes)\"}", response.body);
    }
    assertEquals(0, sandbox.requestCount("searchChats"), "refused before the engine saw it");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHundredMegabyteUploadIsAnswered413AndTheSandboxStaysUp() throws Exception {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: sandbox-key\r\n"
          + "Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n");
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
        byte[] chunk = new byte[64 * 1024];
        try {
          while (sent.get() < 104857600L) {
            socket.out.write(chunk);
            sent.addAndGet(chunk.length);
          }
        } catch (IOException e) {
          // The sandbox closed the connection after answering: expected.
        }
      });

      RawSocket.Response response = socket.read();
      assertEquals(413, response.status);
      upload.get(30, TimeUnit.SECONDS);
      assertTrue(sent.get() < 104857600L, "the sandbox stopped reading instead of taking all " + sent.get() + " bytes");
    }
    assertEquals(200, health(sandbox.port()).status);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aChunkedBodyOverTheLimitIs413() throws IOException {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: sandbox-key\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      String chunk = "x".repeat(65536);
      try {
        // 17 chunks of 64 KiB: one more than the 1 MiB limit holds.
        for (int i = 0; i < 17; i++) {
          socket.send("10000\r\n" + chunk + "\r\n");
        }
      } catch (IOException e) {
        // The sandbox answered and closed while we were still sending.
      }
      RawSocket.Response response = socket.read();
      assertEquals(413, response.status);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSlowUploadTimesOutWith408AndFreesItsThread() throws IOException {
    try (ServiceformSandbox small = ServiceformSandbox.builder()
        .requestTimeout(Duration.ofMillis(500)).maxConnections(2).start()) {
      long started = System.nanoTime();
      try (RawSocket first = slowUpload(small.port()); RawSocket second = slowUpload(small.port())) {
        // Both of the sandbox's two threads wait for a body: a third client is told so at once.
        RawSocket.Response busy = health(small.port());
        assertEquals(503, busy.status);
        assertEquals("1", busy.header("Retry-After"));

        RawSocket.Response timedOut = first.read();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(408, timedOut.status);
        assertEquals("{\"error\":\"the request did not arrive in time\"}", timedOut.body);
        // 500 ms from the request's first byte; the upper bound only says it did not hang.
        assertTrue(tookMs >= 450 && tookMs < 10_000, "took " + tookMs + " ms");
        assertTrue(first.closedByServer());
        assertEquals(408, second.read().status);
      }
      // The threads are free again.
      assertEquals(200, health(small.port()).status);
      assertEquals(0, small.requestCount("searchChats"));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void healthAnswersWhileTwentySlowUploadsAreInProgress() throws IOException {
    List<RawSocket> uploads = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        uploads.add(slowUpload(sandbox.port()));
      }
      long started = System.nanoTime();
      RawSocket.Response response = health(sandbox.port());
      long tookMs = (System.nanoTime() - started) / 1_000_000;

      assertEquals(200, response.status);
      assertEquals("{\"status\":\"ok\"}", response.body);
      // Each upload holds only its own thread; 2 s is far above the few ms this takes, and far
      // below the 10 s an upload may take before it times out.
      assertTrue(tookMs < 2000, "took " + tookMs + " ms");
      assertEquals(200, Raw.send(sandbox, "GET", "/flex/spaces", null).statusCode());
    } finally {
      for (RawSocket upload : uploads) {
        upload.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @CsvSource(delimiter = '|', value = {
      "HTTP/2.0 request line      | GET /flex/spaces HTTP/2.0\\r\\n\\r\\n                                        | 505",
      "target without a slash     | GET flex/spaces HTTP/1.1\\r\\n\\r\\n                                         | 400",
      "garbage                    | \\u0001\\u0002 hello\\r\\n\\r\\n                                              | 400",
      "header without a colon     | GET /flex/spaces HTTP/1.1\\r\\nHost sandbox\\r\\n\\r\\n                        | 400",
      "bad Content-Length         | POST /chats HTTP/1.1\\r\\nContent-Length: ten\\r\\n\\r\\n                      | 400",
      "two framings               | POST /chats HTTP/1.1\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n{} | 400",
      "unknown transfer coding    | POST /chats HTTP/1.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n                  | 501",
  })
  void malformedRequestsAreRefusedAndTheConnectionClosed(String name, String request, int status) throws IOException {
    String raw = request.trim().replace("\\r\\n", "\r\n").replace("\\u0001", "\u0001").replace("\\u0002", "\u0002");
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      RawSocket.Response response = socket.send(raw).read();

      assertEquals(status, response.status, response.all());
      assertTrue(socket.closedByServer());
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void overlongRequestLinesAndHeaderBlocksAreRefused() throws IOException {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      RawSocket.Response response = socket.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n").read();
      assertEquals(414, response.status);
      assertFalse(response.body.contains("aaaa"));
    }
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      StringBuilder headers = new StringBuilder("GET /flex/spaces HTTP/1.1\r\n");
      for (int i = 0; i < 100; i++) {
        headers.append("X-Filler-").append(i).append(": ").append("f".repeat(700)).append("\r\n");
      }
      assertEquals(431, socket.send(headers.append("\r\n").toString()).read().status);
    }
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      StringBuilder headers = new StringBuilder("GET /flex/spaces HTTP/1.1\r\n");
      for (int i = 0; i < 101; i++) {
        headers.append("X-").append(i).append(": 1\r\n");
      }
      assertEquals(431, socket.send(headers.append("\r\n").toString()).read().status);
    }
    assertEquals(200, health(sandbox.port()).status);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void wellFormedRequestsShareAConnectionAndExpectContinueIsHonoured() throws IOException {
    try (RawSocket socket = new RawSocket(sandbox.port(), READ)) {
      assertEquals(200, socket.send(get("/flex/spaces")).read().status);
      assertEquals(200, socket.send(get("/leads")).read().status);
      socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: sandbox-key\r\nContent-Type: application/json\r\n"
          + "Content-Length: 11\r\nExpect: 100-continue\r\n\r\n");
      RawSocket.Response proceed = socket.read();
      assertEquals(100, proceed.status);
      assertEquals(200, socket.send("{\"limit\":1}").read().status);
      socket.send("POST /chats HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: sandbox-key\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"lim\r\n6\r\nit\":1}\r\n0\r\n\r\n");
      RawSocket.Response chunked = socket.read();
      assertEquals(200, chunked.status, chunked.all());
      assertEquals(1, chunked.body.split("\"cid\"").length - 1);
    }
    sandbox.reset();
  }
}
