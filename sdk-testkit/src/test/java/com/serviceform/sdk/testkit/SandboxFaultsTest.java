package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.model.ChatQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault controls, seen on the wire with a plain HTTP client so that the exact sequence of answers
 * shows (the SDK client may retry some of them).
 */
class SandboxFaultsTest {
  static ServiceformSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  private static int spaces() {
    return Raw.send(sandbox, "GET", "/flex/spaces", null).statusCode();
  }

  private static int chats() {
    return Raw.send(sandbox, "POST", "/chats", "{}").statusCode();
  }

  @Test
  void failNextAnswersTheNextCallsWithTheFaultThenRecovers() {
    sandbox.faults().failNext("listSpaces", 2, SandboxFault.serviceUnavailable());

    HttpResponse<String> first = Raw.send(sandbox, "GET", "/flex/spaces", null);
    assertEquals(503, first.statusCode());
    assertEquals("{\"error\":\"fault injected by the sandbox (HTTP 503)\"}", first.body());
    assertEquals(Optional.empty(), first.headers().firstValue("Retry-After"));
    assertEquals(503, spaces());
    assertEquals(200, spaces());
    assertEquals(200, spaces());
    assertEquals(4, sandbox.requestCount("listSpaces"), "faulted calls count too");
    sandbox.assertNoViolations();
  }

  @Test
  void faultsApplyOnlyToTheirOperation() {
    sandbox.faults().failNext("listSpaces", 1, SandboxFault.serverError());

    assertEquals(200, chats());
    assertEquals(500, spaces());
    assertEquals(200, spaces());
  }

  @Test
  void tooManyRequestsSendsRetryAfterInWholeSecondsRoundedUp() {
    sandbox.faults()
        .failNext("searchChats", 1, SandboxFault.tooManyRequests(Duration.ofMillis(1500)))
        .failNext("searchChats", 1, SandboxFault.tooManyRequests(Duration.ZERO));

    HttpResponse<String> limited = Raw.send(sandbox, "POST", "/chats", "{}");
    assertEquals(429, limited.statusCode());
    assertEquals("2", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("application/json", limited.headers().firstValue("Content-Type").orElseThrow());
    HttpResponse<String> zero = Raw.send(sandbox, "POST", "/chats", "{}");
    assertEquals(429, zero.statusCode());
    assertEquals("0", zero.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(200, chats());
  }

  @Test
  void connectionResetFailsTheExchange() {
    // A POST: the JDK's client re-sends an idempotent request (GET) once by itself when the server
    // resets the connection before answering, which would hide a single reset.
    sandbox.faults().failNext("searchChats", 1, SandboxFault.connectionReset());

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Raw.send(sandbox, "POST", "/chats", "{}"));
    assertTrue(e.getCause() instanceof IOException, e.toString());
    assertEquals(200, chats());
    assertEquals(2, sandbox.requestCount("searchChats"));
  }

  @Test
  void aResetIsATcpResetBeforeAnyByteOfAnAnswer() throws IOException {
    sandbox.faults().failNext("listLeads", 1, SandboxFault.connectionReset());

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sandbox.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /leads HTTP/1.1\r\nHost: sandbox\r\nsf-api-key: " + sandbox.apiKey()
          + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      java.net.SocketException reset = assertThrows(java.net.SocketException.class, () -> socket.getInputStream().read());
      assertEquals("Connection reset", reset.getMessage());
    }
    assertEquals(1, sandbox.requestCount("listLeads"));
  }

  @Test
  void failFractionFailsEvenlySpreadCallsDeterministically() {
    sandbox.faults().failFraction("listSpaces", 0.5, SandboxFault.status(502));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(spaces());
    }
    assertEquals(List.of(200, 502, 200, 502, 200, 502), statuses);

    sandbox.faults().clear();
    sandbox.faults().failFraction("searchChats", 0.25, SandboxFault.serverError());
    List<Integer> quarter = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      quarter.add(chats());
    }
    assertEquals(List.of(200, 200, 200, 500, 200, 200, 200, 500), quarter);
  }

  @Test
  void nextRulesComeBeforeFractionRulesAndAnyOperationRulesApplyEverywhere() {
    sandbox.faults()
        .failFraction(SandboxFaults.ANY_OPERATION, 1.0, SandboxFault.status(504))
        .failNext("listSpaces", 1, SandboxFault.serverError());

    assertEquals(500, spaces());
    assertEquals(504, spaces());
    assertEquals(504, chats());
    assertEquals(504, Raw.send(sandbox, "GET", "/statistics/chat", null).statusCode());
  }

  @Test
  void aFaultAnswersBeforeTheKeyIsChecked() {
    sandbox.faults().failNext("listSpaces", 1, SandboxFault.serviceUnavailable());

    assertEquals(503, Raw.send(sandbox, "GET", "/flex/spaces", "wrong-key", null).statusCode());
    assertEquals(403, Raw.send(sandbox, "GET", "/flex/spaces", "wrong-key", null).statusCode());
  }

  @Test
  void aFaultedRequestIsStillValidated() {
    sandbox.faults().failNext("createItem", 1, SandboxFault.serviceUnavailable());

    assertEquals(503, Raw.send(sandbox, "POST", "/flex/spaces/" + SandboxOperationsTest.SALES + "/items", "{}").statusCode());
    assertEquals(1, sandbox.violations().size());
    assertEquals(SpecViolation.Kind.REQUEST, sandbox.violations().get(0).kind());
  }

  @Test
  void latencyDelaysEveryAnswerOfTheOperation() {
    sandbox.faults().latency("getChatStatistics", Duration.ofMillis(300));

    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      assertEquals(200, Raw.send(sandbox, "GET", "/statistics/chat", null).statusCode());
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs >= 300, "took " + tookMs + " ms");
    }
    // A delayed fault is delayed too.
    sandbox.faults().failNext("getChatStatistics", 1, SandboxFault.serviceUnavailable());
    long start = System.nanoTime();
    assertEquals(503, Raw.send(sandbox, "GET", "/statistics/chat", null).statusCode());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);

    sandbox.faults().latency("getChatStatistics", Duration.ZERO);
    start = System.nanoTime();
    assertEquals(200, Raw.send(sandbox, "GET", "/statistics/chat", null).statusCode());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 300, "latency removed");
  }

  @Test
  void resetAndClearDisarmEverything() {
    sandbox.faults().failNext("listSpaces", 5, SandboxFault.serverError()).latency("listSpaces", Duration.ofSeconds(5));
    sandbox.reset();
    assertEquals(200, spaces());

    sandbox.faults().failFraction("listSpaces", 1.0, SandboxFault.serverError());
    sandbox.faults().clear();
    assertEquals(200, spaces());
  }

  @Test
  void badFaultSettingsAreRejectedClearly() {
    SandboxFaults faults = sandbox.faults();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> faults.failNext("getChats", 1, SandboxFault.serverError()));
    assertTrue(unknown.getMessage().startsWith("unknown operationId 'getChats'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> faults.failNext("listSpaces", 0, SandboxFault.serverError()));
    assertThrows(IllegalArgumentException.class, () -> faults.failFraction("listSpaces", 0.0, SandboxFault.serverError()));
    assertThrows(IllegalArgumentException.class, () -> faults.failFraction("listSpaces", 1.5, SandboxFault.serverError()));
    assertThrows(IllegalArgumentException.class, () -> faults.latency("listSpaces", Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> faults.failNext("listSpaces", 1, null));
    assertThrows(IllegalArgumentException.class, () -> SandboxFault.status(200));
    assertThrows(IllegalArgumentException.class, () -> SandboxFault.tooManyRequests(Duration.ofSeconds(-1)));
  }

  @Test
  void theSdkSeesEachFaultAsItsTypedError() {
    // Every call fails (fraction 1.0), so the outcome is the same whether or not the client retries.
    try (ServiceformClient client = sandbox.newClient()) {
      sandbox.faults().failFraction("listSpaces", 1.0, SandboxFault.tooManyRequests(Duration.ZERO));
      RateLimitException limited = assertThrows(RateLimitException.class, () -> client.flex().listSpaces());
      assertEquals(429, limited.statusCode());
      assertEquals(Optional.of(Duration.ZERO), limited.retryAfter());

      sandbox.faults().clear();
      sandbox.faults().failFraction("listLeads", 1.0, SandboxFault.serviceUnavailable());
      ServerException unavailable = assertThrows(ServerException.class, () -> client.leads().listLeads());
      assertEquals(503, unavailable.statusCode());

      sandbox.faults().clear();
      sandbox.faults().failFraction("searchChats", 1.0, SandboxFault.connectionReset());
      assertThrows(ServiceformIOException.class, () -> client.chats().searchChats(new ChatQuery()));

      sandbox.faults().clear();
      assertEquals(2, client.flex().listSpaces().size());
    }
  }

  @Test
  void faultsDescribeThemselves() {
    assertEquals("SandboxFault{429, Retry-After 2}", SandboxFault.tooManyRequests(Duration.ofMillis(1001)).toString());
    assertEquals("SandboxFault{connection reset}", SandboxFault.connectionReset().toString());
    assertEquals(SandboxFault.status(503), SandboxFault.serviceUnavailable());
    assertEquals(0, SandboxFault.connectionReset().status());
  }
}
