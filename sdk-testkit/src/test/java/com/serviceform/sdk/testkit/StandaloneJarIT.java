package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar, started as a process the way a non-Java CI would: {@code java -jar
 * serviceform-sdk-testkit-<version>-standalone.jar}; and what a hostile client can make it do at
 * {@code -Xmx512m}.
 */
class StandaloneJarIT {
  static final Pattern READY = Pattern.compile("Serviceform sandbox listening on (http://127\\.0\\.0\\.1:\\d+)");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Path jar() {
    Path jar = Path.of(System.getProperty("sandbox.jar", "target/serviceform-sdk-testkit-standalone.jar"));
    assertTrue(Files.isRegularFile(jar), "build the jar first (mvn package): " + jar);
    return jar;
  }

  static Process launch(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar().toString()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command).start();
  }

  /** A running standalone sandbox, stopped (and its output collected) on close. */
  static final class Running implements AutoCloseable {
    final Process process;
    final StringBuffer out = new StringBuffer();
    final StringBuffer err = new StringBuffer();
    final Thread outReader;
    final Thread errReader;
    final String baseUrl;
    final int port;

    Running(String... args) throws Exception {
      process = launch(args);
      CompletableFuture<String> first = new CompletableFuture<>();
      outReader = drain(process.getInputStream(), out, first);
      errReader = drain(process.getErrorStream(), err, new CompletableFuture<>());
      String line = first.get(60, TimeUnit.SECONDS);
      Matcher ready = READY.matcher(String.valueOf(line));
      if (!ready.matches()) {
        close();
        throw new AssertionError("first line: " + line + "; stderr: " + err);
      }
      baseUrl = ready.group(1);
      port = Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
      outReader.join(10_000);
      errReader.join(10_000);
    }
  }

  static HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("sf-api-key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Drains a stream on a thread of its own, completing {@code firstLine} with its first line. */
  static Thread drain(java.io.InputStream in, StringBuffer all, CompletableFuture<String> firstLine) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          firstLine.complete(line);
          all.append(line).append('\n');
        }
      } catch (java.io.IOException e) {
        all.append("<").append(e).append(">");
      } finally {
        firstLine.complete(null);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Test
  void runsUntilKilledAndAnswersLikeTheEmbeddedSandbox() throws Exception {
    long started = System.nanoTime();
    Process process = launch("--port", "0", "--api-key", "ci-key-7f3a");
    StringBuffer out = new StringBuffer();
    StringBuffer err = new StringBuffer();
    CompletableFuture<String> first = new CompletableFuture<>();
    Thread outReader = drain(process.getInputStream(), out, first);
    Thread errReader = drain(process.getErrorStream(), err, new CompletableFuture<>());
    try {
      String line = first.get(60, TimeUnit.SECONDS);
      Matcher ready = READY.matcher(String.valueOf(line));
      assertTrue(ready.matches(), "first line: " + line + "; stderr: " + err);
      String baseUrl = ready.group(1);
      System.out.printf("standalone sandbox ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);

      assertEquals("{\"status\":\"ok\"}", get(baseUrl + "/__sandbox/health", null).body());
      HttpResponse<String> spaces = get(baseUrl + "/flex/spaces", "ci-key-7f3a");
      assertEquals(200, spaces.statusCode());
      assertTrue(spaces.body().startsWith("[{\"id\":\"64f1c2a9e4b0a1d2c3e4f5a6\",\"name\":\"Sales pipeline\""));
      assertEquals(401, get(baseUrl + "/leads", null).statusCode());
      HttpResponse<String> violations = get(baseUrl + "/__sandbox/violations", null);
      assertTrue(violations.body().contains("\"operationId\":\"listLeads\""), violations.body());

      assertTrue(process.isAlive(), "keeps running");
    } finally {
      process.destroy();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
      outReader.join(10_000);
      errReader.join(10_000);
    }
    assertFalse(out.toString().contains("ci-key-7f3a") || err.toString().contains("ci-key-7f3a"), "the key is never printed");
    assertTrue(err.toString().contains("[serviceform-sandbox] spec violation: REQUEST GET /leads (listLeads)"), err.toString());
  }

  @Test
  void badArgumentsExitWithStatus2AndUsage() throws Exception {
    Process process = launch("--port", "nope");
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(errors.startsWith("serviceform-sandbox: --port must be 0-65535 (0 picks a free port), was nope\nusage:"), errors);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void refusesUnknownMethodsAndHugeBodiesAndStaysUp() throws Exception {
    try (Running sandbox = new Running("--port", "0")) {
      try (RawSocket socket = new RawSocket(sandbox.port, Duration.ofSeconds(10))) {
        RawSocket.Response brew = socket.send("BREW".repeat(2560) + " /flex/spaces HTTP/1.1\r\nHost: ci\r\n\r\n").read();
        assertEquals(501, brew.status);
        assertFalse(brew.all().contains("BREW"), brew.all());
      }
      try (RawSocket socket = new RawSocket(sandbox.port, Duration.ofSeconds(10))) {
        socket.send("POST /chats HTTP/1.1\r\nHost: ci\r\nsf-api-key: sandbox-key\r\nContent-Type: application/json\r\n"
            + "Content-Length: 104857600\r\n\r\n");
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
          byte[] chunk = new byte[64 * 1024];
          try {
            for (long sent = 0; sent < 104857600L; sent += chunk.length) {
              socket.out.write(chunk);
            }
          } catch (java.io.IOException e) {
            // Closed by the sandbox after its answer.
          }
        });
        assertEquals(413, socket.read().status);
        upload.get(60, TimeUnit.SECONDS);
      }
      assertEquals(200, get(sandbox.baseUrl + "/__sandbox/health", null).statusCode());
      assertEquals(200, get(sandbox.baseUrl + "/flex/spaces", "sandbox-key").statusCode());
      assertTrue(sandbox.process.isAlive());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void slowUploadsTimeOutAndDoNotStarveHealth() throws Exception {
    try (Running sandbox = new Running("--port", "0", "--request-timeout", "2s")) {
      java.util.List<RawSocket> uploads = new java.util.ArrayList<>();
      try {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
          uploads.add(SandboxHostileClientTest.slowUpload(sandbox.port));
        }
        long healthStarted = System.nanoTime();
        assertEquals("{\"status\":\"ok\"}", get(sandbox.baseUrl + "/__sandbox/health", null).body());
        long healthMs = (System.nanoTime() - healthStarted) / 1_000_000;
        // Well under the 2 s the uploads may still take; it takes milliseconds.
        assertTrue(healthMs < 1500, "health took " + healthMs + " ms");

        for (RawSocket upload : uploads) {
          assertEquals(408, upload.read().status);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= 1900 && tookMs < 30_000, "the uploads timed out after " + tookMs + " ms");
      } finally {
        for (RawSocket upload : uploads) {
          upload.close();
        }
      }
      assertEquals(200, get(sandbox.baseUrl + "/__sandbox/health", null).statusCode());
    }
  }
}
